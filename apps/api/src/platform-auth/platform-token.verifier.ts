import { Injectable } from '@nestjs/common';
import { JwtService, TokenExpiredError } from '@nestjs/jwt';
import { isUUID } from 'class-validator';
import { AppConfig } from '@app/config';
import { DomainError } from '@app/domain';

/**
 * Checks a platform access token as the platform's identity provider issues it: HS256 with
 * `PLATFORM_JWT_SECRET`, not expired, `sub` the user's id. Answers the user id; roles are never read
 * from the token.
 */
@Injectable()
export class PlatformTokenVerifier {
  private readonly jwt: JwtService;

  constructor(config: AppConfig) {
    this.jwt = new JwtService({
      secret: config.secrets.platformJwtSecret,
      // Only the one algorithm: a token that names another (`none`, an RS key) is refused.
      verifyOptions: { algorithms: ['HS256'] },
    });
  }

  async userIdFrom(token: string): Promise<string> {
    let payload: { sub?: unknown; exp?: unknown };
    try {
      payload = await this.jwt.verifyAsync<{ sub?: unknown; exp?: unknown }>(token);
    } catch (error) {
      if (error instanceof TokenExpiredError) {
        throw new DomainError('unauthenticated', 'Your access token has expired. Sign in to eConnect again.');
      }
      throw new DomainError('unauthenticated', 'The access token is not valid. Sign in to eConnect again.');
    }
    // jsonwebtoken accepts a token without `exp`; one that never expires is not one the platform issues.
    if (typeof payload.exp !== 'number') {
      throw new DomainError(
        'unauthenticated',
        'The access token has no expiry time. Sign in to eConnect again.',
      );
    }
    if (typeof payload.sub !== 'string' || !isUUID(payload.sub, 'loose')) {
      throw new DomainError(
        'unauthenticated',
        'The access token does not name a user. Sign in to eConnect again.',
      );
    }
    return payload.sub.toLowerCase();
  }
}
