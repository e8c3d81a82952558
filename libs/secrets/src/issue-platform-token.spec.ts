import { JwtService } from '@nestjs/jwt';
import { issuePlatformToken } from './issue-platform-token';

const SECRET = 'p'.repeat(40);
const ISSUER = { secret: SECRET, issuer: 'https://login.example', audience: 'econnect-recovery' };
const USER_ID = '30000000-0000-4000-8000-000000000001';

describe(issuePlatformToken.name, () => {
  it('signs the user id as sub with HS256 and the secret, naming issuer and audience, expiring after the seconds given', () => {
    const before = Math.floor(Date.now() / 1000);
    const token = issuePlatformToken(ISSUER, USER_ID, 3600);
    const after = Math.floor(Date.now() / 1000);

    const payload = new JwtService({ secret: SECRET }).verify<{ sub: string; exp: number; iat: number }>(
      token,
      {
        algorithms: ['HS256'],
        issuer: ISSUER.issuer,
        audience: ISSUER.audience,
      },
    );
    expect(payload.sub).toBe(USER_ID);
    expect(payload.exp - payload.iat).toBe(3600);
    expect(payload.exp).toBeGreaterThanOrEqual(before + 3600);
    expect(payload.exp).toBeLessThanOrEqual(after + 3600);
  });

  it('makes a token that another secret does not accept', () => {
    const token = issuePlatformToken(ISSUER, USER_ID, 3600);
    const otherSecret = new JwtService({ secret: 'q'.repeat(40) });
    expect(() => otherSecret.verify<object>(token, { algorithms: ['HS256'] })).toThrow('invalid signature');
  });

  it('makes a token that has expired already when given a negative lifetime', () => {
    const token = issuePlatformToken(ISSUER, USER_ID, -60);
    expect(() => new JwtService({ secret: SECRET }).verify<object>(token, { algorithms: ['HS256'] })).toThrow(
      'jwt expired',
    );
  });
});
