import { Body, Controller, Get, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CASE_VERSION_PATTERN } from '@app/domain';
import type { CaseDetailDto, CaseListDto } from '../../cases/dto/case-responses.dto';
import type { SignedInStaff } from '../../staff-auth/signed-in-staff';
import { StaffAccess } from '../../staff-auth/staff-access.decorator';
import { CurrentStaff } from '../../staff-auth/staff.guard';
import { CSRF_FIELD, CsrfProtection } from '../shared/csrf';
import { queryString } from '../shared/html';
import { InProcessApi } from '../shared/in-process-api';
import { seeOther, sendPage } from '../shared/send-page';
import {
  caseDetailPage,
  isCasePageOutcome,
  type AttentionOutcome,
  type CasePageOutcome,
  type DecisionOutcome,
} from './case-detail.page';
import { ConsolePageErrorFilter } from './console-page-error.filter';
import { queuePage, type QueueFilters } from './queue.page';

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

const DECIDED: Record<string, DecisionOutcome> = {
  approve: 'approved',
  reject: 'rejected',
  request_document: 'document_requested',
};

/** The agents' pages: the queue, a case, its decision, support's answer to a failed step. Agents and managers both. */
@ApiExcludeController()
@StaffAccess('agent')
@UseFilters(ConsolePageErrorFilter)
@Controller('console/cases')
export class ConsoleCasesController {
  constructor(
    private readonly api: InProcessApi,
    private readonly csrf: CsrfProtection,
  ) {}

  @Get()
  async queue(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @CurrentStaff() staff: SignedInStaff,
    @Query() query: Record<string, unknown>,
  ): Promise<void> {
    const filters: QueueFilters = {
      status: text(query.status),
      overdue: text(query.overdue),
      method: text(query.method),
      q: text(query.q),
    };
    const cursor = text(query.cursor);
    const answer = await this.api.call<CaseListDto>({
      method: 'GET',
      url: `/api/cases${queryString({ ...filters, cursor })}`,
      from: request,
    });
    const csrfToken = this.csrf.staffTokenFor(request, reply);
    sendPage(
      reply,
      answer.ok ? 200 : answer.status,
      queuePage({
        staff,
        csrfToken,
        filters,
        cursor,
        list: answer.ok ? answer.body : undefined,
        problem: answer.ok ? undefined : answer.error.message,
      }),
    );
  }

  @Get(':reference')
  async show(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @CurrentStaff() staff: SignedInStaff,
    @Param('reference') reference: string,
    @Query('outcome') outcome?: string,
    @Query('since') since?: string,
  ): Promise<void> {
    const answer = await this.api.call<CaseDetailDto>({
      method: 'GET',
      url: `/api/cases/${encodeURIComponent(reference)}`,
      from: request,
    });
    const csrfToken = this.csrf.staffTokenFor(request, reply);
    if (!answer.ok) {
      sendPage(
        reply,
        answer.status,
        queuePage({ staff, csrfToken, filters: { q: reference }, problem: answer.error.message }),
      );
      return;
    }
    sendPage(
      reply,
      200,
      caseDetailPage({
        staff,
        csrfToken,
        detail: answer.body,
        outcome: outcome && isCasePageOutcome(outcome) ? outcome : undefined,
        // The version a refused decision was made on: the page says what changed since.
        ...(since !== undefined && CASE_VERSION_PATTERN.test(since) ? { since } : {}),
      }),
    );
  }

  @Post(':reference/decision')
  async decide(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('reference') reference: string,
    @Body() body: Record<string, unknown> | undefined,
  ): Promise<void> {
    const form = body ?? {};
    const back = (outcome: DecisionOutcome): void => this.backToCase(reply, reference, outcome);
    if (!this.csrf.isValidForStaff(request, form[CSRF_FIELD])) {
      back('form_expired');
      return;
    }
    const decision = text(form.decision) ?? '';
    const reason = text(form.reason);
    const version = text(form.version) ?? '';
    const chosen = chosenOrganisations(form);
    const answer = await this.api.call({
      method: 'POST',
      url: `/api/cases/${encodeURIComponent(reference)}/decision`,
      from: request,
      body: {
        decision,
        // The version the page showed: a case that changed since refuses the decision.
        version,
        ...(reason ? { reason } : {}),
        // Only an approval links organisations; the form sends the agent's choice, even an empty one.
        ...(decision === 'approve' && form.organisationsChosen ? { organisationIds: chosen } : {}),
      },
    });
    if (answer.ok) back(DECIDED[decision] ?? 'approved');
    else if (answer.error.code === 'conflict' || answer.error.code === 'invalid_state') {
      // Only a conflict is about the version: the page then says what changed since it.
      const since =
        answer.error.code === 'conflict' && CASE_VERSION_PATTERN.test(version) ? version : undefined;
      this.backToCase(reply, reference, 'conflict', since);
    } else if (answer.error.code === 'invalid_input') {
      back(answer.error.fields?.reason ? 'reason_missing' : 'invalid');
    } else back('unavailable');
  }

  /** Retries the failed step of a case that needs attention, through `POST /api/cases/:reference/retry`. */
  @Post(':reference/retry')
  async retryStep(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('reference') reference: string,
    @Body() body: Record<string, unknown> | undefined,
  ): Promise<void> {
    const form = body ?? {};
    const back = (outcome: AttentionOutcome): void => this.backToCase(reply, reference, outcome);
    if (!this.csrf.isValidForStaff(request, form[CSRF_FIELD])) {
      back('attention_form_expired');
      return;
    }
    const answer = await this.api.call({
      method: 'POST',
      url: `/api/cases/${encodeURIComponent(reference)}/retry`,
      from: request,
      // Only a failed appointment's form offers organisations; it sends the choice, even an empty one.
      body: form.organisationsChosen ? { organisationIds: chosenOrganisations(form) } : {},
    });
    if (answer.ok) back('step_retried');
    else if (answer.error.code === 'conflict' || answer.error.code === 'invalid_state')
      back('attention_conflict');
    else if (answer.error.code === 'invalid_input') back('retry_invalid');
    else back('attention_unavailable');
  }

  /** Closes a case that needs attention with a reason for the requester, through `POST /api/cases/:reference/close`. */
  @Post(':reference/close')
  async closeCase(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('reference') reference: string,
    @Body() body: Record<string, unknown> | undefined,
  ): Promise<void> {
    const form = body ?? {};
    const back = (outcome: AttentionOutcome): void => this.backToCase(reply, reference, outcome);
    if (!this.csrf.isValidForStaff(request, form[CSRF_FIELD])) {
      back('attention_form_expired');
      return;
    }
    const reason = text(form.reason);
    const answer = await this.api.call({
      method: 'POST',
      url: `/api/cases/${encodeURIComponent(reference)}/close`,
      from: request,
      body: reason ? { reason } : {},
    });
    if (answer.ok) back('case_closed');
    else if (answer.error.code === 'conflict' || answer.error.code === 'invalid_state')
      back('attention_conflict');
    else if (answer.error.code === 'invalid_input') back('closure_reason_missing');
    else back('attention_unavailable');
  }

  /** After a form: the case page again (a reload sends nothing twice), saying how it went. */
  private backToCase(reply: FastifyReply, reference: string, outcome: CasePageOutcome, since?: string): void {
    seeOther(reply, `/console/cases/${encodeURIComponent(reference)}${queryString({ outcome, since })}#main`);
  }
}

/** The organisation checkboxes of a form: one value arrives as a string, several as a list. */
function chosenOrganisations(form: Record<string, unknown>): string[] {
  return ([] as unknown[]).concat(form.organisationIds ?? []).filter((id) => typeof id === 'string');
}
