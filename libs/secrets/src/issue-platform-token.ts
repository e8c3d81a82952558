import { JwtService } from '@nestjs/jwt';

/** Who signs a platform token and what it names as its issuer and audience (see AppConfig.platformTokens). */
export interface PlatformTokenIssuer {
  readonly secret: string;
  readonly issuer: string;
  readonly audience: string;
}

/**
 * A platform access token as the platform's identity provider issues it (HS256, `sub` = the user id, `iss`,
 * `aud`, `iat`, `exp`). For development and tests only: in production the identity provider is the only
 * issuer. Used by the CLI's `platform:token`, by `npm run dev` and by the tests; the api only verifies them.
 * `issuedAtSeconds` lets a test make a token issued at another moment (in the future, long ago).
 */
export function issuePlatformToken(
  { secret, issuer, audience }: PlatformTokenIssuer,
  userId: string,
  expiresInSeconds: number,
  issuedAtSeconds = Math.floor(Date.now() / 1000),
): string {
  // `iat` and `exp` written out, so that a test can also make a token that expired a while ago.
  return new JwtService({ secret }).sign(
    {
      sub: userId,
      iss: issuer,
      aud: audience,
      iat: issuedAtSeconds,
      exp: issuedAtSeconds + expiresInSeconds,
    },
    { algorithm: 'HS256' },
  );
}
