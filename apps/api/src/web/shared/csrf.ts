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
 * SameSite=Strict cookie (`__Host-` under https), and in each form its keyed hash, so a value planted in the
 * cookie by someone else does not make a valid form. The console's forms behind sign-in are bound to the
 * staff session too (`staffTokenFor`, `isValidForStaff`): a form of another session (signed out, or another
 * staff member since) is refused. The sign-in form and the requesters' forms are not: a page opened from a
 * mail comes without cookies (SameSite=Strict), and its form would then meet a session it was not made for.
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
    return this.hashed(this.secretFor(request, reply));
  }

  /** The value for the forms of a console page behind sign-in: bound to the staff session too. */
  staffTokenFor(request: FastifyRequest, reply: FastifyReply): string {
    return this.hashed(this.boundToStaff(request, this.secretFor(request, reply)));
  }

  /** Whether a submitted form carries the token of this browser's cookie, compared in constant time. */
  isValid(request: FastifyRequest, submitted: unknown): boolean {
    return this.matches(request, submitted, (secret) => secret);
  }

  /** {@link isValid} for a form of a console page behind sign-in: also of this staff session. */
  isValidForStaff(request: FastifyRequest, submitted: unknown): boolean {
    return this.matches(request, submitted, (secret) => this.boundToStaff(request, secret));
  }

  private secretFor(request: FastifyRequest, reply: FastifyReply): string {
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
    return secret;
  }

  private matches(request: FastifyRequest, submitted: unknown, value: (secret: string) => string): boolean {
    const secret = request.cookies[this.cookie];
    if (!secret || typeof submitted !== 'string') return false;
    // A browser that says the request comes from another site is refused whatever it carries.
    if (request.headers['sec-fetch-site'] === 'cross-site') return false;
    return this.hasher.matches('csrf', value(secret), Buffer.from(submitted, 'base64url'));
  }

  private hashed(value: string): string {
    return this.hasher.hash('csrf', value).toString('base64url');
  }

  /** The cookie's value with the staff session it goes with. */
  private boundToStaff(request: FastifyRequest, secret: string): string {
    return `${secret}.${this.sessions.cookieTokenOf(request) ?? ''}`;
  }
}
