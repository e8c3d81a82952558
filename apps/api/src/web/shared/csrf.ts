import type {} from '@fastify/cookie';
import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig } from '@app/config';
import { randomToken, SecretHasher } from '@app/secrets';

const CSRF_COOKIE = 'csrf';
export const CSRF_FIELD = '_csrf';

/**
 * Cross-site request forgery protection for the pages' forms: a random value in an HttpOnly,
 * SameSite=Strict cookie, and in each form its keyed hash (so a value planted in the cookie by someone
 * else does not make a valid form). Another site can neither read the form's value nor set the cookie's.
 */
@Injectable()
export class CsrfProtection {
  private readonly secure: boolean;

  constructor(
    private readonly hasher: SecretHasher,
    config: AppConfig,
  ) {
    this.secure = config.http.publicBaseUrl.startsWith('https:');
  }

  /** The value for the forms of this page; sets the cookie when the browser has none yet. */
  tokenFor(request: FastifyRequest, reply: FastifyReply): string {
    let secret = request.cookies[CSRF_COOKIE];
    if (!secret || !/^[A-Za-z0-9_-]{43}$/.test(secret)) {
      secret = randomToken();
      void reply.setCookie(CSRF_COOKIE, secret, {
        httpOnly: true,
        sameSite: 'strict',
        secure: this.secure,
        path: '/',
      });
      // The request goes on with the new value: a form rendered now carries a token that matches it.
      request.cookies[CSRF_COOKIE] = secret;
    }
    return this.hasher.hash('csrf', secret).toString('base64url');
  }

  /** Whether a submitted form carries the token of this browser's cookie, compared in constant time. */
  isValid(request: FastifyRequest, submitted: unknown): boolean {
    const secret = request.cookies[CSRF_COOKIE];
    if (!secret || typeof submitted !== 'string') return false;
    // A browser that says the request comes from another site is refused whatever it carries.
    if (request.headers['sec-fetch-site'] === 'cross-site') return false;
    return this.hasher.matches('csrf', secret, Buffer.from(submitted, 'base64url'));
  }
}
