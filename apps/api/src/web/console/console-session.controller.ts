import { Body, Controller, Get, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../../http/public.decorator';
import { CSRF_FIELD, CsrfProtection } from '../shared/csrf';
import { InProcessApi } from '../shared/in-process-api';
import { seeOther, sendPage } from '../shared/send-page';
import { ConsolePageErrorFilter } from './console-page-error.filter';
import { signInPage } from './sign-in.page';

/** Only a console address: a sign-in link cannot send anyone elsewhere afterwards. */
function consolePath(next: unknown): string {
  return typeof next === 'string' && /^\/console(\/|\?|$)/.test(next) ? next : '/console/cases';
}

/** Signing in and out of the console: the staff API's session, its cookie passed on to the browser. */
@ApiExcludeController()
@Public()
@UseFilters(ConsolePageErrorFilter)
@Controller('console')
export class ConsoleSessionController {
  constructor(
    private readonly api: InProcessApi,
    private readonly csrf: CsrfProtection,
  ) {}

  @Get()
  home(@Res() reply: FastifyReply): void {
    seeOther(reply, '/console/cases');
  }

  @Get('sign-in')
  show(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query('next') next?: string,
    @Query('signed-out') signedOut?: string,
  ): void {
    sendPage(
      reply,
      200,
      signInPage({
        csrfToken: this.csrf.tokenFor(request, reply),
        next: next ? consolePath(next) : undefined,
        info: signedOut !== undefined ? 'You are signed out.' : undefined,
      }),
    );
  }

  @Post('sign-in')
  async signIn(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() body: Record<string, unknown> | undefined,
  ): Promise<void> {
    const form = body ?? {};
    const email = typeof form.email === 'string' ? form.email : '';
    const next = consolePath(form.next);
    const again = (status: number, problem?: string, invalid?: ('email' | 'password')[]): void => {
      const csrfToken = this.csrf.tokenFor(request, reply);
      sendPage(reply, status, signInPage({ csrfToken, email, next, problem, invalid }));
    };
    if (!this.csrf.isValid(request, form[CSRF_FIELD])) {
      again(403, 'The sign-in form was open too long. Please sign in again.');
      return;
    }
    const answer = await this.api.call({
      method: 'POST',
      url: '/api/staff/session',
      body: { email, password: typeof form.password === 'string' ? form.password : '' },
      from: request,
    });
    if (answer.ok) {
      void reply.header('set-cookie', answer.setCookie);
      seeOther(reply, next);
      return;
    }
    if (answer.error.code === 'invalid_input') {
      const fields = answer.error.fields ?? {};
      const invalid = (['email', 'password'] as const).filter((name) => fields[name] !== undefined);
      again(400, invalid.length > 0 ? undefined : answer.error.message, invalid);
    } else if (answer.error.code === 'unauthenticated') {
      again(401, 'The email address or the password is not right, or the account is deactivated.');
    } else if (answer.error.code === 'rate_limited') {
      // The lock-out: the API's own words say how long to wait.
      again(429, answer.error.message);
    } else {
      again(503, 'Signing in is not possible at this moment. Please try again shortly.');
    }
  }

  @Post('sign-out')
  async signOut(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() body: Record<string, unknown> | undefined,
  ): Promise<void> {
    if (!this.csrf.isValidForStaff(request, (body ?? {})[CSRF_FIELD])) {
      seeOther(reply, '/console/cases');
      return;
    }
    const answer = await this.api.call({ method: 'DELETE', url: '/api/staff/session', from: request });
    void reply.header('set-cookie', answer.setCookie);
    seeOther(reply, '/console/sign-in?signed-out');
  }
}
