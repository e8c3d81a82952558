import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { html } from '../shared/html';
import { pageLanguage } from '../shared/page-language';
import { sendPage } from '../shared/send-page';
import { requesterLayout } from './requester-layout';

const SOMETHING_WENT_WRONG = {
  en: {
    title: 'Something went wrong',
    body: 'Please try again shortly. If it keeps happening, quote this code to eConnect support:',
  },
  nl: {
    title: 'Er ging iets mis',
    body: 'Probeer het zo opnieuw. Blijft het gebeuren, noem dan deze code aan eConnect support:',
  },
} as const;

/** A requester page that fails shows a page in their language with the request id, never a JSON dump. */
@Catch()
export class RequesterPageErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger(RequesterPageErrorFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    this.logger.error({ err: exception }, 'requester page failed');
    const language = pageLanguage(request);
    const text = SOMETHING_WENT_WRONG[language];
    sendPage(
      reply,
      500,
      requesterLayout(language, {
        title: text.title,
        main: html`<h1>${text.title}</h1>
          <p>${text.body} <code>${request.id}</code></p>`,
      }),
    );
  }
}
