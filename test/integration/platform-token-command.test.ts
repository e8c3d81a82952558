import { randomUUID } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import type { DataSource } from 'typeorm';
import { DEVELOPMENT_JWT_ISSUER } from '@app/config';
import { openTestDatabase } from '../support/database';
import { newEnvironment, TEST_PLATFORM_AUDIENCE } from '../support/directory';
import { runCli } from '../support/source-process';

describe('npm run cli -- platform:token', () => {
  const secret = `cli-test-secret-${randomUUID()}`;
  let db: DataSource;

  beforeAll(async () => {
    db = await openTestDatabase();
  });

  afterAll(async () => {
    await db.destroy();
  });

  it('prints, alone on standard output, a token for the user signed with PLATFORM_JWT_SECRET', async () => {
    const { users } = await newEnvironment(db, { users: [{ role: 'administrator', name: 'Tess' }] });
    const before = Math.floor(Date.now() / 1000);
    const result = await runCli(['platform:token', users[0]!.id, '--hours', '2'], {
      PLATFORM_JWT_SECRET: secret,
    });
    const after = Math.floor(Date.now() / 1000);

    expect(result.code).toBe(0);
    expect(result.stderr).toContain('Token for Tess (administrator, active), valid for 2 hours');
    const payload = new JwtService({ secret }).verify<{ sub: string; exp: number }>(result.stdout.trim(), {
      algorithms: ['HS256'],
      // As the api checks it, with the development issuer and the default audience.
      issuer: DEVELOPMENT_JWT_ISSUER,
      audience: TEST_PLATFORM_AUDIENCE,
    });
    expect(payload.sub).toBe(users[0]!.id);
    // Two hours from when the command ran, to the second.
    expect(payload.exp).toBeGreaterThanOrEqual(before + 2 * 3600);
    expect(payload.exp).toBeLessThanOrEqual(after + 2 * 3600);
  });

  it('refuses an unknown user with exit code 1 and no token', async () => {
    const unknown = await runCli(['platform:token', randomUUID()]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('There is no user with id');
    expect(unknown.stdout).toBe('');
  });

  it('issues nothing in production', async () => {
    const result = await runCli(['platform:token', randomUUID()], {
      NODE_ENV: 'production',
      PUBLIC_BASE_URL: 'https://recovery.example',
      PLATFORM_JWT_SECRET: secret,
      PLATFORM_JWT_ISSUER: 'https://login.example',
      SECRET_KEY: `production-secret-key-${randomUUID()}`,
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("only the platform's identity provider issues tokens");
    expect(result.stdout).toBe('');
  });
});
