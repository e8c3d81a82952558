import { Body, Controller, Get, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../../http/public.decorator';
import type { RecoveryRequestStatusDto } from '../../recovery-requests/dto/recovery-request-status.dto';
import { CSRF_FIELD, CsrfProtection } from '../shared/csrf';
import { queryString } from '../shared/html';
import { InProcessApi, type ApiAnswer } from '../shared/in-process-api';
import { pageLanguage } from '../shared/page-language';
import { seeOther, sendPage } from '../shared/send-page';
import { caseNotFoundPage, casePage } from './case.page';
import { RequesterPageErrorFilter } from './requester-page-error.filter';
import { CASE_PROBLEMS, type CaseProblem } from './requester-text';

/** The requester's actions on the case page, each one call to the API. */
const ACTIONS = {
  confirm: 'confirm',
  'email-code': 'email-code',
  resend: 'email-code/resend',
  cancel: 'cancel',
} as const;
type Action = keyof typeof ACTIONS;

/** What an action's refusal means to the requester; the page says it in their language. */
function problemOf(action: Action | 'document', answer: ApiAnswer<unknown>): CaseProblem | undefined {
  if (answer.ok) return undefined;
  // By the API's stable codes, not by HTTP statuses (two codes may share one).
  const { code } = answer.error;
  if (code === 'not_found') return undefined;
  if (code === 'unavailable' || code === 'internal_error' || code === 'rate_limited') return 'unavailable';
  switch (action) {
    case 'confirm':
      return 'confirm_refused';
    case 'email-code':
      if (code === 'invalid_input') return answer.error.fields?.code ? 'code_format' : 'code_wrong';
      return 'code_refused';
    case 'resend':
      return 'resend_refused';
    case 'cancel':
      return 'cancel_refused';
    case 'document':
      if (code === 'too_large') return 'upload_too_large';
      if (code === 'unsupported_media_type') return 'upload_not_pdf';
      if (code === 'invalid_input') return 'upload_missing';
      return 'upload_refused';
  }
}

const asString = (value: unknown): string => (typeof value === 'string' ? value : '');

/**
 * `/recover/:reference?token=…`: the case page. A GET only shows (a mail scanner opening the link
 * confirms nothing); every action is a POST with the form's CSRF token, then back to the page.
 */
@ApiExcludeController()
@Public()
@UseFilters(RequesterPageErrorFilter)
@Controller('recover/:reference')
export class RequesterCaseController {
  constructor(
    private readonly api: InProcessApi,
    private readonly csrf: CsrfProtection,
  ) {}

  @Get()
  async show(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('reference') reference: string,
    @Query('token') token?: string,
    @Query('problem') problem?: string,
  ): Promise<void> {
    const answer = token
      ? await this.api.call<RecoveryRequestStatusDto>({
          method: 'GET',
          url: `/api/recovery-requests/${encodeURIComponent(reference)}`,
          bearer: token,
          from: request,
        })
      : undefined;
    if (answer && !answer.ok && answer.status !== 404) {
      // Not the requester's doing: the error page, with the request id to quote.
      throw new Error(`the status API answered ${String(answer.status)}: ${answer.error.message}`);
    }
    if (!answer?.ok || !token) {
      sendPage(reply, 404, caseNotFoundPage(pageLanguage(request)));
      return;
    }
    sendPage(
      reply,
      200,
      casePage({
        language: pageLanguage(request, answer.body.language),
        status: answer.body,
        token,
        csrfToken: this.csrf.tokenFor(request, reply),
        problem: (CASE_PROBLEMS as readonly string[]).includes(problem ?? '')
          ? (problem as CaseProblem)
          : undefined,
      }),
    );
  }

  /** The extract, passed on to the API as the request stream (its limits apply there); progress is the browser's. */
  @Post('document')
  async upload(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('reference') reference: string,
    @Query() query: Record<string, unknown>,
  ): Promise<void> {
    const token = asString(query.token);
    const back = (problem?: CaseProblem): void => {
      seeOther(reply, this.pageUrl(reference, token, asString(query.lang), problem));
    };
    if (!this.csrf.isValid(request, query[CSRF_FIELD])) {
      back('form_expired');
      return;
    }
    const contentType = request.headers['content-type'] ?? '';
    if (!contentType.startsWith('multipart/form-data')) {
      back('upload_missing');
      return;
    }
    const answer = await this.api.call({
      method: 'POST',
      url: `/api/recovery-requests/${encodeURIComponent(reference)}/documents`,
      bearer: token,
      from: request,
      stream: { payload: request.raw, contentType, contentLength: request.headers['content-length'] },
    });
    back(problemOf('document', answer));
  }

  @Post(':action')
  async act(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('reference') reference: string,
    @Param('action') action: string,
    @Body() body: Record<string, unknown> | undefined,
    @Query('lang') lang?: string,
  ): Promise<void> {
    const form = body ?? {};
    const token = asString(form.token);
    const back = (problem?: CaseProblem): void => {
      seeOther(reply, this.pageUrl(reference, token, lang ?? '', problem));
    };
    if (!(action in ACTIONS)) {
      sendPage(reply, 404, caseNotFoundPage(pageLanguage(request)));
      return;
    }
    if (!this.csrf.isValid(request, form[CSRF_FIELD])) {
      back('form_expired');
      return;
    }
    const known = action as Action;
    const answer = await this.api.call({
      method: 'POST',
      url: `/api/recovery-requests/${encodeURIComponent(reference)}/${ACTIONS[known]}`,
      bearer: token,
      from: request,
      body: known === 'email-code' ? { code: asString(form.code) } : {},
    });
    back(problemOf(known, answer));
  }

  private pageUrl(reference: string, token: string, lang: string, problem?: CaseProblem): string {
    return `/recover/${encodeURIComponent(reference)}${queryString({ token, lang, problem })}#main`;
  }
}
