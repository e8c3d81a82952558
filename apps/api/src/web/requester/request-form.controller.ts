import { Body, Controller, Get, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomToken } from '@app/secrets';
import { isCaseLanguage } from '@app/domain';
import { Public } from '../../http/public.decorator';
import { CSRF_FIELD, CsrfProtection } from '../shared/csrf';
import { InProcessApi } from '../shared/in-process-api';
import { pageLanguage } from '../shared/page-language';
import { seeOther, sendPage } from '../shared/send-page';
import { queryString } from '../shared/html';
import { RequesterPageErrorFilter } from './requester-page-error.filter';
import { requestFormPage, requestSentPage, type FormValues } from './request-form.page';
import { FORM_FIELDS, REQUESTER_TEXT, type FormField } from './requester-text';

const REFERENCE = /^[A-Z0-9-]{4,40}$/;

function formValues(body: Record<string, unknown>): FormValues {
  const values: FormValues = {};
  for (const name of FORM_FIELDS) {
    const value = body[name];
    if (typeof value === 'string') values[name] = value;
  }
  return values;
}

/** The request form: the API decides what is valid; the page shows its answer beside the fields. */
@ApiExcludeController()
@Public()
@UseFilters(RequesterPageErrorFilter)
@Controller('recover')
export class RequestFormController {
  constructor(
    private readonly api: InProcessApi,
    private readonly csrf: CsrfProtection,
  ) {}

  @Get()
  show(@Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    const language = pageLanguage(request);
    sendPage(
      reply,
      200,
      requestFormPage({
        language,
        values: {},
        invalid: [],
        csrfToken: this.csrf.tokenFor(request, reply),
        idempotencyKey: randomToken(18),
      }),
    );
  }

  @Post()
  async submit(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() body: Record<string, unknown> | undefined,
  ): Promise<void> {
    const form = body ?? {};
    const values = formValues(form);
    const language = isCaseLanguage(values.language) ? values.language : pageLanguage(request);
    const text = REQUESTER_TEXT[language].form;
    const idempotencyKey =
      typeof form.idempotencyKey === 'string' && /^[A-Za-z0-9_-]{8,64}$/.test(form.idempotencyKey)
        ? form.idempotencyKey
        : randomToken(18);
    const again = (status: number, invalid: FormField[], problem?: string, key = idempotencyKey): void => {
      sendPage(
        reply,
        status,
        requestFormPage({
          language,
          values,
          invalid,
          problem,
          csrfToken: this.csrf.tokenFor(request, reply),
          idempotencyKey: key,
        }),
      );
    };
    if (!this.csrf.isValid(request, form[CSRF_FIELD])) {
      again(403, [], text.formExpired);
      return;
    }
    // Empty optional fields are not sent: the API treats a missing field as "not known".
    const payload = Object.fromEntries(Object.entries(values).filter(([, value]) => value.trim() !== ''));
    const answer = await this.api.call<{ reference: string }>({
      method: 'POST',
      url: '/api/recovery-requests',
      body: payload,
      from: request,
      headers: { 'idempotency-key': `form:${idempotencyKey}` },
    });
    if (answer.ok) {
      seeOther(reply, `/recover/sent${queryString({ reference: answer.body.reference, lang: language })}`);
      return;
    }
    if (answer.error.code === 'invalid_input' && answer.error.fields) {
      const invalid = FORM_FIELDS.filter((name) => answer.error.fields?.[name] !== undefined);
      if (invalid.length > 0) {
        again(400, invalid);
        return;
      }
    }
    if (answer.error.code === 'rate_limited') {
      again(429, [], text.rateLimited);
      return;
    }
    if (answer.error.code === 'idempotency_key_reused') {
      // This form was sent before with other values (back, edit, send): a fresh key makes it a new request.
      again(409, [], text.formExpired, randomToken(18));
      return;
    }
    again(503, [], text.unavailable);
  }

  @Get('sent')
  sent(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query('reference') reference?: string,
  ): void {
    if (!reference || !REFERENCE.test(reference)) {
      seeOther(reply, '/recover');
      return;
    }
    sendPage(reply, 200, requestSentPage(pageLanguage(request), reference));
  }
}
