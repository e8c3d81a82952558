import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AppConfig } from '@app/config';
import { DomainError } from '@app/domain';
import { coolingOffNoticeMail, MailDeliveries, Mailer, objectionReceivedMail } from '@app/mail';
import {
  CaseEventRepository,
  CaseNoteRepository,
  CaseRepository,
  EnvironmentRepository,
  ObjectionTokenRepository,
  RecoveryDirectoryRepository,
  type CaseEntity,
} from '@app/persistence';
import { SecretHasher } from '@app/secrets';
import type { CaseActivityInput } from '@app/workflows/activities.contract';
import { caseNotFound } from './activity-failures';
import { deliverToEach } from './case-mail';
import { addressKey, CaseSteps } from './case-steps';

const NOTICE_PURPOSE = 'cooling-off-notice';

/** Between approval and appointment: the environment is told, and may object. */
@Injectable()
export class CoolingOffActivities {
  private readonly logger = new Logger(CoolingOffActivities.name);

  constructor(
    private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly steps: CaseSteps,
    private readonly cases: CaseRepository,
    private readonly events: CaseEventRepository,
    private readonly environments: EnvironmentRepository,
    private readonly directory: RecoveryDirectoryRepository,
    private readonly objectionTokens: ObjectionTokenRepository,
    private readonly notes: CaseNoteRepository,
    private readonly hasher: SecretHasher,
    private readonly mailer: Mailer,
    private readonly deliveries: MailDeliveries,
  ) {}

  async sendCoolingOffNotices({
    caseId,
    round,
    coolingOffMs,
  }: CaseActivityInput & { round: number; coolingOffMs: number }): Promise<{ lastNoticeAtMs: number }> {
    const kase = await this.steps.load(caseId);
    // Objected to, or cancelled, before the notices went out, or a later round: nothing left to object to
    // (and the workflow, which knows the round is over, does not use the answer).
    if (kase.status !== 'cooling_off' || kase.coolingOffRound !== round || !kase.environmentId) {
      // A notice an earlier attempt began and did not finish (it died holding the lease) is no longer due.
      const recipients = await this.objectionTokens.recipientsOf(caseId, round);
      const notices = recipients.map((email) => this.noticeId(caseId, round, email));
      if (notices.length > 0) await this.deliveries.withdrawPending(caseId, NOTICE_PURPOSE, notices);
      return { lastNoticeAtMs: await this.roundStartMs(kase) };
    }
    const environment = await this.environments.findById(kase.environmentId);
    if (!environment) throw new DomainError('not_found', `environment ${kase.environmentId} does not exist`);

    const [active, known] = await Promise.all([
      this.directory.activeUserAddresses(environment.id),
      this.directory.knownAddresses(environment.id),
    ]);
    const requester = kase.requesterEmail.toLowerCase();
    const recipients = [
      ...new Map(
        [...active, ...known.map((address) => address.email)].map((email) => [email.toLowerCase(), email]),
      ).values(),
    ].filter((email) => email.toLowerCase() !== requester);
    // Derived per case, round and address: a retried send mails the same links; only their hashes are kept.
    const tokenFor = (email: string): string =>
      this.hasher
        .derive('objection_token', `${caseId}:${round}:${email.toLowerCase()}`)
        .toString('base64url');
    await this.objectionTokens.insertAll(
      recipients.map((email) => ({
        tokenHash: this.hasher.hash('objection_token', tokenFor(email)),
        caseId,
        round,
        recipientEmail: email,
      })),
    );
    const noticeId = (email: string): string => this.noticeId(caseId, round, email);
    const counts = await deliverToEach(
      this.deliveries,
      { caseId, purpose: NOTICE_PURPOSE },
      recipients,
      (email) => ({
        ...coolingOffNoticeMail({
          language: kase.language,
          environmentName: environment.name,
          requesterName: kase.requesterName,
          requesterEmail: kase.requesterEmail,
          reference: kase.reference,
          // A whole window from this notice: the appointment comes a window after the last one, no sooner.
          appointAt: new Date(Date.now() + coolingOffMs),
          // The page opens in the mail's language, whatever the reader's browser prefers.
          objectionLink: `${this.config.http.publicBaseUrl}/objections/${tokenFor(email)}?lang=${kase.language}`,
        }),
        messageId: noticeId(email),
      }),
    );
    this.logger.log({ caseId, round, ...counts }, 'cooling-off notices mailed');
    const lastSentMs = await this.lastSentMs(caseId, new Set(recipients.map(noticeId)));
    return { lastNoticeAtMs: lastSentMs ?? (await this.roundStartMs(kase)) };
  }

  async scheduleAppointment({
    caseId,
    round,
    appointAtMs,
  }: CaseActivityInput & { round: number; appointAtMs: number }): Promise<void> {
    const appointAt = new Date(appointAtMs);
    await this.steps.recordIf(
      {
        caseId,
        type: 'cooling_off_started',
        actorType: 'system',
        details: { round, appointAt: appointAt.toISOString() },
      },
      (manager) => this.cases.scheduleAppointment(caseId, round, appointAt, manager),
    );
  }

  async recordObjection({ caseId, noteId }: CaseActivityInput & { noteId: string }): Promise<void> {
    const note = await this.notes.findById(noteId);
    if (note?.caseId !== caseId)
      throw new DomainError('not_found', `note ${noteId} of case ${caseId} does not exist`);
    // Once per objection, also when a second attempt runs while the first one does.
    await this.steps.recordOnce(
      {
        caseId,
        type: 'objection_raised',
        actorType: 'environment_user',
        actorId: note.authorId,
        details: { noteId, reason: note.body },
      },
      { types: ['objection_raised'], details: { noteId } },
    );
    this.logger.log({ caseId }, 'objection recorded');
  }

  async sendObjectionReceived({ caseId, noteId }: CaseActivityInput & { noteId: string }): Promise<void> {
    const kase = await this.steps.load(caseId);
    await this.deliveries.deliver({
      caseId,
      purpose: 'objection-received',
      to: kase.requesterEmail,
      ...objectionReceivedMail({
        language: kase.language,
        requesterName: kase.requesterName,
        reference: kase.reference,
      }),
      messageId: this.mailer.messageId('objection-received', noteId),
    });
  }

  async startAppointment({ caseId }: CaseActivityInput): Promise<{ objectionNoteId: string | null }> {
    const objectionNoteId = await this.dataSource.transaction(async (manager) => {
      const kase = await this.cases.lockForStep(caseId, manager);
      if (!kase) throw caseNotFound(caseId);
      // In turn with the api taking an objection: one stored before this moment is found here, one after it
      // finds the case appointing and is refused.
      await this.cases.lockObjections(caseId, manager);
      // Started by an earlier attempt.
      if (kase.status === 'appointing') return null;
      const objection = await this.objectionOfRound(caseId, manager);
      if (objection) return objection;
      if (!(await this.cases.transition(caseId, ['cooling_off'], 'appointing', manager))) {
        throw new DomainError('invalid_state', `case ${caseId} is ${kase.status}, not cooling_off`);
      }
      await this.steps.record({ caseId, type: 'appointment_started', actorType: 'system' }, manager);
      return null;
    });
    if (objectionNoteId)
      this.logger.warn({ caseId }, 'appointment not started: an objection was kept for it');
    return { objectionNoteId };
  }

  /**
   * The first objection of the round (since its approval), after recording those the api kept because it
   * could not hand them over: a retry, or a second start after support retried a failed step, answers the
   * same objection and never starts the appointment over it.
   */
  private async objectionOfRound(caseId: string, manager: EntityManager): Promise<string | null> {
    const approval = (await this.events.listForCase(caseId, ['case_approved'], manager)).at(-1);
    const since = approval?.occurredAt ?? new Date(0);
    for (const note of await this.notes.objectionsNotTakenUp(caseId, since, manager)) {
      await this.steps.record(
        {
          caseId,
          type: 'objection_raised',
          actorType: 'environment_user',
          actorId: note.authorId,
          details: { noteId: note.id, reason: note.body },
        },
        manager,
      );
    }
    const raised = (await this.events.listForCase(caseId, ['objection_raised'], manager)).find(
      (event) => approval === undefined || BigInt(event.id) > BigInt(approval.id),
    );
    return raised ? String(raised.details.noteId) : null;
  }

  /** A notice's Message-ID: one per case, round and address, so a retried send mails no one twice. */
  private noticeId(caseId: string, round: number, email: string): string {
    return this.mailer.messageId(`cooling-off-${round}-${addressKey(email)}`, caseId);
  }

  /**
   * When the server took the last of these notices, from their delivery rows rather than the clock: a retry,
   * which sends nothing again, answers what the first attempt did. Null when none was sent.
   */
  private async lastSentMs(caseId: string, messageIds: ReadonlySet<string>): Promise<number | null> {
    const sent = (await this.deliveries.listForCase(caseId))
      .filter((delivery) => messageIds.has(delivery.messageId))
      .flatMap((delivery) => (delivery.sentAt ? [delivery.sentAt.getTime()] : []));
    return sent.length > 0 ? Math.max(...sent) : null;
  }

  /**
   * A round no notice reached (nobody to tell, or every address refused) counts its window from the approval
   * that opened it: a moment on the trail, so every attempt answers the same, and no later than any notice
   * would have gone. A case without an approval (set up so by a test) counts from its creation.
   */
  private async roundStartMs(kase: Pick<CaseEntity, 'id' | 'createdAt'>): Promise<number> {
    const approval = (await this.events.listForCase(kase.id, ['case_approved'])).at(-1);
    return (approval?.occurredAt ?? kase.createdAt).getTime();
  }
}
