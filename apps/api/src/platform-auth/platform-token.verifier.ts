import { Injectable } from '@nestjs/common';
import { JwtService, TokenExpiredError } from '@nestjs/jwt';
import { AppConfig } from '@app/config';
import { DomainError } from '@app/domain';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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
    let payload: { sub?: unknown };
    try {
      payload = await this.jwt.verifyAsync<{ sub?: unknown }>(token);
    } catch (error) {
      if (error instanceof TokenExpiredError) {
        throw new DomainError('unauthenticated', 'Your access token has expired. Sign in to eConnect again.');
      }
      throw new DomainError('unauthenticated', 'The access token is not valid. Sign in to eConnect again.');
    }
    if (typeof payload.sub !== 'string' || !UUID.test(payload.sub)) {
      throw new DomainError(
        'unauthenticated',
        'The access token does not name a user. Sign in to eConnect again.',
      );
    }
    return payload.sub.toLowerCase();
  }
}
