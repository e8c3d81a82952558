import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '@app/domain';
import { html, queryString } from '../shared/html';
import { layout } from '../shared/layout';
import { seeOther, sendPage } from '../shared/send-page';

/**
 * A console page that cannot be shown: no session (or an expired one) goes to the sign-in page and comes
 * back after it; a role without access gets a plain page; anything else a page with the request id.
 */
@Catch()
export class ConsolePageErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger(ConsolePageErrorFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    if (exception instanceof DomainError && exception.code === 'unauthenticated') {
      const next = request.method === 'GET' ? request.url : undefined;
      seeOther(reply, `/console/sign-in${queryString({ next })}`);
      return;
    }
    const forbidden = exception instanceof DomainError && exception.code === 'forbidden';
    if (!forbidden) this.logger.error({ err: exception }, 'console page failed');
    const title = forbidden ? 'Only for managers' : 'Something went wrong';
    const body = forbidden
      ? html`<p>This page is for managers. <a href="/console/cases">Back to the cases</a>.</p>`
      : html`<p>Please try again. If it keeps happening, quote <code>${request.id}</code>.</p>`;
    sendPage(
      reply,
      forbidden ? 403 : 500,
      layout({
        lang: 'en',
        title,
        area: 'Support console',
        skipLink: 'Skip to the content',
        main: html`<h1>${title}</h1>
          ${body}`,
      }),
    );
  }
}
