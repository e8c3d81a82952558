import type {} from '@fastify/cookie';
import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig } from '@app/config';
import { bearerTokenOf } from '../http/bearer-token';

export const STAFF_SESSION_COOKIE = 'staff_session';

/**
 * The staff session as the browser carries it: an `HttpOnly` cookie (no script can read it) that is
 * `SameSite=Strict` (no other site can make the browser send it) and `Secure` wherever the service is
 * served over https. API clients send the same token as `Authorization: Bearer`.
 */
@Injectable()
export class StaffSessionCookie {
  private readonly secure: boolean;

  constructor(config: AppConfig) {
    this.secure = config.http.publicBaseUrl.startsWith('https:');
  }

  /** The bearer token if the request has one, else the cookie's. */
  tokenOf(request: FastifyRequest): string | undefined {
    return bearerTokenOf(request) ?? (request.cookies[STAFF_SESSION_COOKIE] || undefined);
  }

  set(reply: FastifyReply, token: string, expiresAt: Date): void {
    void reply.setCookie(STAFF_SESSION_COOKIE, token, { ...this.attributes(), expires: expiresAt });
  }

  clear(reply: FastifyReply): void {
    void reply.clearCookie(STAFF_SESSION_COOKIE, this.attributes());
  }

  private attributes() {
    return { httpOnly: true, sameSite: 'strict', path: '/', secure: this.secure } as const;
  }
}
