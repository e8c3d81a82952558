import { JwtService } from '@nestjs/jwt';

/**
 * A platform access token as the platform's identity provider issues it (HS256, `sub` = the user id).
 * For development and tests only: in production the identity provider is the only issuer. Used by the
 * CLI's `platform:token`, by `npm run dev` and by the tests; the api only verifies these tokens.
 */
export function issuePlatformToken(secret: string, userId: string, expiresInSeconds: number): string {
  const now = Math.floor(Date.now() / 1000);
  // `exp` written out, so that a test can also make a token that expired a while ago.
  return new JwtService({ secret }).sign(
    { sub: userId, exp: now + expiresInSeconds },
    { algorithm: 'HS256' },
  );
}
