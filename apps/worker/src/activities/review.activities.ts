import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AppConfig } from '@app/config';
import {
  addWorkingTime,
  CASE_VERSION_PATTERN,
  changesSince,
  DomainError,
  isActionAllowed,
  statesAllowing,
  stepInWords,
} from '@app/domain';
import {
  caseRejectedMail,
  documentRequestedMail,
  MailDeliveries,
  Mailer,
  reviewOverdueMail,
} from '@app/mail';
import {
  CaseDocumentRepository,
  CaseEmailCodeRepository,
  CaseEventRepository,
  CaseNoteRepository,
  CaseRepository,
  ObjectionTokenRepository,
  OrganisationRepository,
  StaffAccountRepository,
  type CaseEntity,
} from '@app/persistence';
import type { CaseActivityInput } from '@app/workflows/activities.contract';
import { deliverToEach } from './case-mail';
import { addressKey, CaseSteps } from './case-steps';

const OVERDUE_PURPOSE = 'review-overdue';

/** The agent's part: the review with its SLA, and the three decisions. */
@Injectable()
export class ReviewActivities {
  private readonly logger = new Logger(ReviewActivities.name);

  constructor(
    private readonly config: AppConfig,
    private readonly steps: CaseSteps,
    private readonly cases: CaseRepository,
    private readonly events: CaseEventRepository,
    private readonly codes: CaseEmailCodeRepository,
    private readonly documents: CaseDocumentRepository,
    private readonly notes: CaseNoteRepository,
    private readonly organisations: OrganisationRepository,
    private readonly objectionTokens: ObjectionTokenRepository,
    private readonly staff: StaffAccountRepository,
    private readonly mailer: Mailer,
    private readonly deliveries: MailDeliveries,
  ) {}

  async startReview({
    caseId,
    flagged,
  }: CaseActivityInput & { flagged: boolean }): Promise<{ reviewDueAtMs: number }> {
    const { slaMs, schedule } = this.config.recovery.review;
    const reviewDueAt = addWorkingTime(new Date(), slaMs, schedule);
    const kase = await this.steps.takeOrFind(caseId, {
      from: ['awaiting_email_code', 'analysing_document', 'cooling_off'],
      to: 'awaiting_review',
      event: {
        type: 'review_started',
        actorType: 'system',
        details: { flagged, dueAt: reviewDueAt.toISOString() },
      },
      changes: { reviewDueAt, overdue: false, ...(flagged ? { flagged: true, appointAt: null } : {}) },
      // An objection ends the cooling-off: its other links must not reopen the case later.
      also: flagged ? (manager) => this.objectionTokens.retireAll(caseId, manager) : undefined,
    });
    return { reviewDueAtMs: (kase.reviewDueAt ?? reviewDueAt).getTime() };
  }

  async markReviewOverdue({ caseId }: CaseActivityInput): Promise<void> {
    await this.steps.recordIf({ caseId, type: 'review_overdue', actorType: 'system' }, (manager) =>
      this.cases.markOverdue(caseId, manager),
    );
    const kase = await this.steps.load(caseId);
    if (kase.status !== 'awaiting_review' || !kase.overdue || !kase.reviewDueAt) {
      // Decided meanwhile: a reminder an attempt that died began is no longer due.
      await this.deliveries.withdrawPending(caseId, OVERDUE_PURPOSE);
      return;
    }
    // Since its review began (the row's updated_at is the moment it went overdue).
    const reviewStarts = await this.events.listForCase(caseId, ['review_started']);
    const waitingSince = reviewStarts.at(-1)?.occurredAt ?? kase.createdAt;
    const managers = await this.staff.listActiveManagerEmails();
    if (managers.length === 0) {
      this.logger.warn({ caseId }, 'review overdue, but there is no active manager to tell');
      return;
    }
    const content = reviewOverdueMail({
      // Like every mail about the case, in the case's language (the console itself is in English).
      language: kase.language,
      reference: kase.reference,
      companyName: kase.companyName,
      waitingSince,
      dueAt: kase.reviewDueAt,
      caseUrl: `${this.config.http.publicBaseUrl}/console/cases/${kase.reference}`,
    });
    // One reminder per review period (a case back from an objection has a new due time), and manager.
    const period = `${caseId}.${kase.reviewDueAt.getTime()}`;
    const counts = await deliverToEach(
      this.deliveries,
      { caseId, purpose: OVERDUE_PURPOSE },
      managers,
      (to) => ({
        ...content,
        messageId: this.mailer.messageId(`review-overdue-${addressKey(to)}`, period),
      }),
    );
    this.logger.log({ caseId, ...counts }, 'managers told of an overdue review');
  }

  async approveCase({
    caseId,
    staffId,
    version,
    organisationIds,
    coolingOffRound,
  }: CaseActivityInput & {
    staffId: string;
    version: string;
    organisationIds?: string[];
    coolingOffRound: number | null;
  }): Promise<void> {
    const kase = await this.steps.load(caseId);
    if (!isActionAllowed('decide', kase.status)) {
      if (kase.status === 'cooling_off' || kase.status === 'appointing') return;
      throw new DomainError('invalid_state', 'This case does not wait for a decision.');
    }
    const chosen = await this.organisationsToLink(kase, organisationIds);
    await this.steps.take(caseId, {
      from: statesAllowing('decide'),
      to: coolingOffRound === null ? 'appointing' : 'cooling_off',
      event: {
        type: 'case_approved',
        actorType: 'agent',
        actorId: staffId,
        details: { organisationIds: chosen, coolingOff: coolingOffRound !== null },
      },
      guard: (manager) => this.expectVersion(caseId, version, manager),
      // The appointment time is set once the notices went out (scheduleAppointment).
      changes: {
        approvedOrganisationIds: chosen,
        appointAt: null,
        flagged: false,
        ...(coolingOffRound === null ? {} : { coolingOffRound }),
      },
    });
    this.logger.log({ caseId, staffId, organisations: chosen.length }, 'case approved');
  }

  async rejectCase({
    caseId,
    staffId,
    version,
    noteId,
  }: CaseActivityInput & { staffId: string; version: string; noteId: string }): Promise<void> {
    const reason = await this.noteBody(caseId, noteId);
    await this.steps.takeOrFind(caseId, {
      from: statesAllowing('decide'),
      to: 'rejected',
      guard: (manager) => this.expectVersion(caseId, version, manager),
      event: { type: 'case_rejected', actorType: 'agent', actorId: staffId, details: { noteId, reason } },
    });
    this.logger.log({ caseId, staffId }, 'case rejected');
  }

  async sendRejection({ caseId, noteId }: CaseActivityInput & { noteId: string }): Promise<void> {
    const messageId = this.mailer.messageId('case-rejected', caseId);
    await this.mailReason(caseId, noteId, caseRejectedMail, 'rejection', messageId);
  }

  async requestDocument({
    caseId,
    staffId,
    version,
    noteId,
  }: CaseActivityInput & { staffId: string; version: string; noteId: string }): Promise<void> {
    const reason = await this.noteBody(caseId, noteId);
    await this.steps.takeOrFind(caseId, {
      from: statesAllowing('decide'),
      to: 'awaiting_document',
      guard: (manager) => this.expectVersion(caseId, version, manager),
      event: {
        type: 'document_requested',
        actorType: 'agent',
        actorId: staffId,
        details: { noteId, reason },
      },
      changes: { reviewDueAt: null, overdue: false },
    });
    this.logger.log({ caseId, staffId }, 'new document requested');
  }

  async sendDocumentRequest({ caseId, noteId }: CaseActivityInput & { noteId: string }): Promise<void> {
    const messageId = this.mailer.messageId('document-requested', noteId);
    await this.mailReason(caseId, noteId, documentRequestedMail, 'document-request', messageId);
  }

  /** Tells the requester an agent's decision with its reason. */
  private async mailReason(
    caseId: string,
    noteId: string,
    compose: typeof caseRejectedMail | typeof documentRequestedMail,
    purpose: string,
    messageId: string,
  ): Promise<void> {
    const [kase, reason] = await Promise.all([this.steps.load(caseId), this.noteBody(caseId, noteId)]);
    await this.deliveries.deliver({
      caseId,
      purpose,
      to: kase.requesterEmail,
      ...compose({
        language: kase.language,
        requesterName: kase.requesterName,
        reference: kase.reference,
        reason,
      }),
      messageId,
    });
  }

  /**
   * The organisations the agent chose, all of the case's environment; by default those whose KvK number
   * the extract carries, or all of them when the code sent to the environment's own addresses was entered.
   */
  async organisationsToLink(kase: CaseEntity, chosen: string[] | undefined): Promise<string[]> {
    if (!kase.environmentId) {
      throw new DomainError('invalid_state', 'Link this case to an environment before approving it.');
    }
    const ofEnvironment = await this.organisations.listForEnvironment(kase.environmentId);
    const known = new Set(ofEnvironment.map((organisation) => organisation.id));
    if (chosen) {
      const foreign = chosen.filter((id) => !known.has(id));
      if (foreign.length > 0) {
        throw new DomainError(
          'invalid_input',
          `These organisations are not of the case's environment: ${foreign.join(', ')}.`,
        );
      }
      return [...new Set(chosen)];
    }
    if (await this.codes.hasVerified(kase.id)) return [...known];
    // The extract, not the number the requester typed: anyone can order an extract of their own company
    // and type another company's KvK number.
    const findings = (await this.documents.latestAnalysed(kase.id))?.findings;
    return (findings?.matchedOrganisationIds ?? []).filter((id) => known.has(id));
  }

  /**
   * Refuses a decision made on an older version of the case (`conflict`, 409 at the api), naming what
   * changed since: an agent whose page was opened before an objection does not approve over it.
   */
  private async expectVersion(caseId: string, version: unknown, manager: EntityManager): Promise<void> {
    // A decision without one (sent by an older api during a deploy, say) is refused, not retried for ever.
    if (typeof version !== 'string' || !CASE_VERSION_PATTERN.test(version)) {
      throw new DomainError('invalid_input', 'A decision needs the version of the case it was made on.');
    }
    const events = await this.events.listForCase(caseId, undefined, manager);
    const changed = changesSince(events, version);
    if (changed.length === 0) return;
    throw new DomainError(
      'conflict',
      `This case changed after you opened it (${changed.map(stepInWords).join(', ')}). Look at it again before you decide.`,
    );
  }

  /** The words of note `noteId`, which must be of this case. */
  async noteBody(caseId: string, noteId: string): Promise<string> {
    const note = await this.notes.findById(noteId);
    if (note?.caseId !== caseId)
      throw new DomainError('not_found', `note ${noteId} of case ${caseId} does not exist`);
    return note.body;
  }
}
