import type {} from '@fastify/cookie';
import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig } from '@app/config';
import { bearerTokenOf } from '../http/bearer-token';
import { cookieName, servedOverHttps } from '../http/cookie-names';

/** The cookie's name over http; under https it is `__Host-staff_session` (see cookieName). */
export const STAFF_SESSION_COOKIE = 'staff_session';

/**
 * The staff session as the browser carries it: an `HttpOnly` cookie (no script can read it) that is
 * `SameSite=Strict` (no other site can make the browser send it) and `Secure` wherever the service is
 * served over https. API clients send the same token as `Authorization: Bearer`.
 */
@Injectable()
export class StaffSessionCookie {
  private readonly secure: boolean;
  private readonly name: string;

  constructor(config: AppConfig) {
    this.secure = servedOverHttps(config);
    this.name = cookieName(config, STAFF_SESSION_COOKIE);
  }

  /** The bearer token if the request has one, else the cookie's. */
  tokenOf(request: FastifyRequest): string | undefined {
    return bearerTokenOf(request) ?? this.cookieTokenOf(request);
  }

  /** The cookie's token alone: what a page's forms are bound to (see CsrfProtection). */
  cookieTokenOf(request: FastifyRequest): string | undefined {
    return request.cookies[this.name] || undefined;
  }

  set(reply: FastifyReply, token: string, expiresAt: Date): void {
    void reply.setCookie(this.name, token, { ...this.attributes(), expires: expiresAt });
  }

  clear(reply: FastifyReply): void {
    void reply.clearCookie(this.name, this.attributes());
  }

  private attributes() {
    return { httpOnly: true, sameSite: 'strict', path: '/', secure: this.secure } as const;
  }
}
