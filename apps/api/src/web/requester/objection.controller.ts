import { Body, Controller, Get, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../../http/public.decorator';
import type { ObjectionLinkDto } from '../../objections/dto/objection-link.dto';
import { CSRF_FIELD, CsrfProtection } from '../shared/csrf';
import { InProcessApi } from '../shared/in-process-api';
import { pageLanguage } from '../shared/page-language';
import { sendPage } from '../shared/send-page';
import { objectionPage, objectionReceivedPage } from './objection.page';
import { RequesterPageErrorFilter } from './requester-page-error.filter';

/** The page behind the objection link of the cooling-off notice. The link itself is the credential. */
@ApiExcludeController()
@Public()
@UseFilters(RequesterPageErrorFilter)
@Controller('objections/:token')
export class ObjectionController {
  constructor(
    private readonly api: InProcessApi,
    private readonly csrf: CsrfProtection,
  ) {}

  @Get()
  async show(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('token') token: string,
  ): Promise<void> {
    const answer = await this.api.call<ObjectionLinkDto>({
      method: 'GET',
      url: `/api/objections/${encodeURIComponent(token)}`,
      from: request,
    });
    if (!answer.ok && answer.status !== 404) {
      throw new Error(`the objection API answered ${String(answer.status)}: ${answer.error.message}`);
    }
    const language = pageLanguage(request, answer.ok ? answer.body.language : undefined);
    const csrfToken = this.csrf.tokenFor(request, reply);
    sendPage(
      reply,
      answer.ok ? 200 : 404,
      answer.ok
        ? objectionPage({ language, token, csrfToken, link: answer.body })
        : objectionPage({ language, token, csrfToken, outcome: 'invalid_link' }),
    );
  }

  @Post()
  async object(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('token') token: string,
    @Body() body: Record<string, unknown> | undefined,
  ): Promise<void> {
    const form = body ?? {};
    const reason = typeof form.reason === 'string' ? form.reason : '';
    const language = pageLanguage(request);
    const again = (
      status: number,
      outcome: 'invalid_reason' | 'invalid_link' | 'form_expired' | 'unavailable',
    ): void => {
      const csrfToken = this.csrf.tokenFor(request, reply);
      sendPage(reply, status, objectionPage({ language, token, csrfToken, reason, outcome }));
    };
    if (!this.csrf.isValid(request, form[CSRF_FIELD])) {
      again(403, 'form_expired');
      return;
    }
    const answer = await this.api.call({
      method: 'POST',
      url: `/api/objections/${encodeURIComponent(token)}`,
      body: { reason },
      from: request,
    });
    if (answer.ok) sendPage(reply, 200, objectionReceivedPage(language));
    else if (answer.error.code === 'invalid_input') again(400, 'invalid_reason');
    else if (['not_found', 'conflict', 'invalid_state'].includes(answer.error.code)) {
      again(answer.status, 'invalid_link');
    } else again(503, 'unavailable');
  }
}
