import type {} from '@fastify/cookie';
import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig } from '@app/config';
import { randomToken, SecretHasher } from '@app/secrets';
import { cookieName, servedOverHttps } from '../../http/cookie-names';
import { StaffSessionCookie } from '../../staff-auth/staff-session-cookie';

export const CSRF_FIELD = '_csrf';

/**
 * Cross-site request forgery protection for the pages' forms: a random value in an HttpOnly,
 * SameSite=Strict cookie (`__Host-` under https), and in each form a keyed hash of it together with the
 * staff session the page was rendered in, if any. A value planted in the cookie by someone else does not
 * make a valid form, nor does a form of another session (signed out, or another staff member since).
 * Another site can neither read the form's value nor set the cookie's.
 */
@Injectable()
export class CsrfProtection {
  private readonly secure: boolean;
  private readonly cookie: string;

  constructor(
    private readonly hasher: SecretHasher,
    private readonly sessions: StaffSessionCookie,
    config: AppConfig,
  ) {
    this.secure = servedOverHttps(config);
    this.cookie = cookieName(config, 'csrf');
  }

  /** The value for the forms of this page; sets the cookie when the browser has none yet. */
  tokenFor(request: FastifyRequest, reply: FastifyReply): string {
    let secret = request.cookies[this.cookie];
    if (!secret || !/^[A-Za-z0-9_-]{43}$/.test(secret)) {
      secret = randomToken();
      void reply.setCookie(this.cookie, secret, {
        httpOnly: true,
        sameSite: 'strict',
        secure: this.secure,
        path: '/',
      });
      // The request goes on with the new value: a form rendered now carries a token that matches it.
      request.cookies[this.cookie] = secret;
    }
    return this.hasher.hash('csrf', this.bound(request, secret)).toString('base64url');
  }

  /** Whether a submitted form carries the token of this browser's cookie, compared in constant time. */
  isValid(request: FastifyRequest, submitted: unknown): boolean {
    const secret = request.cookies[this.cookie];
    if (!secret || typeof submitted !== 'string') return false;
    // A browser that says the request comes from another site is refused whatever it carries.
    if (request.headers['sec-fetch-site'] === 'cross-site') return false;
    return this.hasher.matches('csrf', this.bound(request, secret), Buffer.from(submitted, 'base64url'));
  }

  /** The cookie's value with the staff session it goes with (none on the requesters' pages). */
  private bound(request: FastifyRequest, secret: string): string {
    return `${secret}.${this.sessions.cookieTokenOf(request) ?? ''}`;
  }
}
