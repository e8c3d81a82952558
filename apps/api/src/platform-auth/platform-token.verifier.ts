import { Injectable } from '@nestjs/common';
import { JwtService, TokenExpiredError } from '@nestjs/jwt';
import { isUUID } from 'class-validator';
import { AppConfig } from '@app/config';
import { DomainError } from '@app/domain';

// A token issued a little ahead of our clock is the identity provider's clock, not a forgery.
const CLOCK_SKEW_SECONDS = 60;

const refused = (why: string): DomainError =>
  new DomainError('unauthenticated', `${why} Sign in to eConnect again.`);

/**
 * Checks a platform access token as the platform's identity provider issues it: HS256 with
 * `PLATFORM_JWT_SECRET`, issued by `PLATFORM_JWT_ISSUER` for `PLATFORM_JWT_AUDIENCE`, with `iat` and `exp`
 * no further apart than `PLATFORM_TOKEN_MAX_LIFETIME`, not expired, `sub` the user's id. Answers the user
 * id; roles are never read from the token.
 */
@Injectable()
export class PlatformTokenVerifier {
  private readonly jwt: JwtService;
  private readonly maxLifetimeSeconds: number;

  constructor(config: AppConfig) {
    const { issuer, audience, maxLifetimeMs } = config.platformTokens;
    this.maxLifetimeSeconds = Math.floor(maxLifetimeMs / 1000);
    this.jwt = new JwtService({
      secret: config.secrets.platformJwtSecret,
      // Only the one algorithm: a token that names another (`none`, an RS key) is refused.
      verifyOptions: { algorithms: ['HS256'], issuer, audience },
    });
  }

  async userIdFrom(token: string): Promise<string> {
    let payload: { sub?: unknown; exp?: unknown; iat?: unknown };
    try {
      payload = await this.jwt.verifyAsync<{ sub?: unknown; exp?: unknown; iat?: unknown }>(token);
    } catch (error) {
      if (error instanceof TokenExpiredError) throw refused('Your access token has expired.');
      throw refused('The access token is not valid.');
    }
    // jsonwebtoken accepts a token without `exp` or `iat`; one that never expires, or whose lifetime cannot
    // be told, is not one the platform issues.
    if (typeof payload.exp !== 'number' || typeof payload.iat !== 'number') {
      throw refused('The access token has no issue or expiry time.');
    }
    if (payload.exp - payload.iat > this.maxLifetimeSeconds) {
      throw refused('The access token lives longer than the platform allows.');
    }
    if (payload.iat > Date.now() / 1000 + CLOCK_SKEW_SECONDS) {
      throw refused('The access token was issued in the future.');
    }
    if (typeof payload.sub !== 'string' || !isUUID(payload.sub, 'loose')) {
      throw refused('The access token does not name a user.');
    }
    return payload.sub.toLowerCase();
  }
}
