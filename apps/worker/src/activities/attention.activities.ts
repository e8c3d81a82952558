import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { CASE_STATUSES, canTransition, DomainError, type CaseStatus } from '@app/domain';
import { attentionNeededMail, caseClosedBySupportMail, MailDeliveries, Mailer } from '@app/mail';
import { CaseEventRepository, StaffAccountRepository } from '@app/persistence';
import type { CaseActivityInput, FailedStep, ResumableStatus } from '@app/workflows/activities.contract';
import { deliverToEach } from './case-mail';
import { addressKey, CaseSteps } from './case-steps';
import { ReviewActivities } from './review.activities';

/** The states from which a failed step sends a case to support. */
const STATES_THAT_CAN_NEED_ATTENTION: readonly CaseStatus[] = CASE_STATUSES.filter((status) =>
  canTransition(status, 'needs_attention'),
);

/**
 * A step that failed for a reason no retry mends: the case waits in `needs_attention` (or, when it had
 * ended already, the failure is recorded), the managers are told, and support retries the step or closes
 * the case with a reason the requester is told.
 */
@Injectable()
export class AttentionActivities {
  private readonly logger = new Logger(AttentionActivities.name);

  constructor(
    private readonly config: AppConfig,
    private readonly steps: CaseSteps,
    private readonly events: CaseEventRepository,
    private readonly staff: StaffAccountRepository,
    private readonly review: ReviewActivities,
    private readonly mailer: Mailer,
    private readonly deliveries: MailDeliveries,
  ) {}

  async reportFailedStep({
    caseId,
    step,
    reason,
    from,
    waitForSupport,
    failure,
  }: CaseActivityInput &
    FailedStep & { from: CaseStatus; waitForSupport: boolean; failure: number }): Promise<{
    failureEventId: string;
  }> {
    // A case that is gone fails this for good (case_not_found): the workflow then ends.
    await this.steps.load(caseId);
    const type = waitForSupport ? 'attention_needed' : 'step_failed';
    const details = { step, reason, from, failure };
    if (waitForSupport) {
      // Guarded by the state: a retried attempt finds the case waiting already and writes no second event.
      await this.steps.take(caseId, {
        from: STATES_THAT_CAN_NEED_ATTENTION,
        to: 'needs_attention',
        event: { type, actorType: 'system', details },
      });
    } else {
      // The case had ended, or went on without the mail: only the trail and the managers hear of it.
      await this.steps.recordOnce(
        { caseId, type, actorType: 'system', details },
        { types: [type], details: { failure } },
      );
    }
    const recorded = (await this.events.listForCase(caseId, [type])).find(
      (event) => event.details.failure === failure,
    );
    if (!recorded) {
      throw new DomainError('conflict', `case ${caseId} could not record the failure of ${step} in ${from}`);
    }
    this.logger.warn({ caseId, step, reason, from, waitForSupport }, 'a step failed for good');
    return { failureEventId: recorded.id };
  }

  async sendAttentionNotice({
    caseId,
    step,
    reason,
    caseWaits,
    failureEventId,
  }: CaseActivityInput & FailedStep & { caseWaits: boolean; failureEventId: string | null }): Promise<void> {
    const kase = await this.steps.load(caseId);
    const managers = await this.staff.listActiveManagerEmails();
    if (managers.length === 0) {
      this.logger.warn({ caseId }, 'a step failed, but there is no active manager to tell');
      return;
    }
    const content = attentionNeededMail({
      language: kase.language,
      reference: kase.reference,
      companyName: kase.companyName,
      step,
      reason,
      caseOpen: caseWaits,
      caseUrl: `${this.config.http.publicBaseUrl}/console/cases/${kase.reference}`,
    });
    // Once per failure and manager: a case that fails twice tells the managers twice.
    const counts = await deliverToEach(
      this.deliveries,
      { caseId, purpose: 'attention-needed' },
      managers,
      (to) => ({
        ...content,
        messageId: this.mailer.messageId(
          `attention-needed-${addressKey(to)}`,
          `${caseId}.${failureEventId ?? `unrecorded-${step}`}`,
        ),
      }),
    );
    this.logger.log({ caseId, ...counts }, 'managers told of a failed step');
  }

  async resumeStep({
    caseId,
    staffId,
    to,
    organisationIds,
  }: CaseActivityInput & {
    staffId: string;
    to: ResumableStatus;
    organisationIds?: string[];
  }): Promise<void> {
    const kase = await this.steps.load(caseId);
    if (organisationIds !== undefined && to !== 'appointing') {
      throw new DomainError(
        'invalid_input',
        'Organisations can be chosen again for a failed appointment only.',
      );
    }
    const chosen =
      organisationIds === undefined
        ? undefined
        : await this.review.organisationsToLink(kase, organisationIds);
    await this.steps.take(caseId, {
      from: ['needs_attention'],
      to,
      event: {
        type: 'step_retried',
        actorType: 'agent',
        actorId: staffId,
        details: { to, ...(chosen ? { organisationIds: chosen } : {}) },
      },
      changes: chosen ? { approvedOrganisationIds: chosen } : undefined,
    });
    this.logger.log({ caseId, staffId, to }, 'failed step retried');
  }

  async closeCase({
    caseId,
    staffId,
    noteId,
  }: CaseActivityInput & { staffId: string; noteId: string }): Promise<void> {
    const reason = await this.review.noteBody(caseId, noteId);
    await this.steps.takeOrFind(caseId, {
      from: ['needs_attention'],
      to: 'closed',
      event: { type: 'case_closed', actorType: 'agent', actorId: staffId, details: { noteId, reason } },
    });
    this.logger.log({ caseId, staffId }, 'case closed by support');
  }

  async sendClosure({ caseId, noteId }: CaseActivityInput & { noteId: string }): Promise<void> {
    const [kase, reason] = await Promise.all([this.steps.load(caseId), this.review.noteBody(caseId, noteId)]);
    await this.deliveries.deliver({
      caseId,
      purpose: 'closure',
      to: kase.requesterEmail,
      ...caseClosedBySupportMail({
        language: kase.language,
        requesterName: kase.requesterName,
        reference: kase.reference,
        reason,
      }),
      messageId: this.mailer.messageId('case-closed', caseId),
    });
  }
}
