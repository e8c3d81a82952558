import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { DomainError } from '@app/domain';
import { coolingOffNoticeMail, Mailer, objectionReceivedMail } from '@app/mail';
import {
  CaseNoteRepository,
  EnvironmentRepository,
  ObjectionTokenRepository,
  RecoveryDirectoryRepository,
} from '@app/persistence';
import { SecretHasher } from '@app/secrets';
import type { CaseActivityInput } from '@app/workflows/activities.contract';
import { addressKey, CaseSteps } from './case-steps';

/** Between approval and appointment: the environment is told, and may object. */
@Injectable()
export class CoolingOffActivities {
  private readonly logger = new Logger(CoolingOffActivities.name);

  constructor(
    private readonly config: AppConfig,
    private readonly steps: CaseSteps,
    private readonly environments: EnvironmentRepository,
    private readonly directory: RecoveryDirectoryRepository,
    private readonly objectionTokens: ObjectionTokenRepository,
    private readonly notes: CaseNoteRepository,
    private readonly hasher: SecretHasher,
    private readonly mailer: Mailer,
  ) {}

  async sendCoolingOffNotices({ caseId, round }: CaseActivityInput & { round: number }): Promise<void> {
    const kase = await this.steps.load(caseId);
    // Objected to, or cancelled, before the notices went out: nothing left to object to.
    if (kase.status !== 'cooling_off' || !kase.environmentId || !kase.appointAt) return;
    const environment = await this.environments.findById(kase.environmentId);
    if (!environment) throw new DomainError('not_found', `environment ${kase.environmentId} does not exist`);

    const [active, known] = await Promise.all([
      this.directory.activeUserAddresses(environment.id),
      this.directory.knownAddresses(environment.id),
    ]);
    const requester = kase.requesterEmail.toLowerCase();
    const recipients = [
      ...new Map([...active, ...known].map((email) => [email.toLowerCase(), email])).values(),
    ].filter((email) => email.toLowerCase() !== requester);
    // Derived per case, round and address: a retried send mails the same links; only their hashes are kept.
    const links = recipients.map((email) => {
      const token = this.hasher
        .derive('objection_token', `${caseId}:${round}:${email.toLowerCase()}`)
        .toString('base64url');
      return { email, token };
    });
    await this.objectionTokens.insertAll(
      links.map(({ email, token }) => ({
        tokenHash: this.hasher.hash('objection_token', token),
        caseId,
        round,
        recipientEmail: email,
      })),
    );
    for (const { email, token } of links) {
      await this.mailer.send({
        to: email,
        ...coolingOffNoticeMail({
          language: kase.language,
          environmentName: environment.name,
          requesterName: kase.requesterName,
          requesterEmail: kase.requesterEmail,
          reference: kase.reference,
          appointAt: kase.appointAt,
          // The page opens in the mail's language, whatever the reader's browser prefers.
          objectionLink: `${this.config.http.publicBaseUrl}/objections/${token}?lang=${kase.language}`,
        }),
        messageId: this.mailer.messageId(`cooling-off-${round}-${addressKey(email)}`, caseId),
      });
    }
    this.logger.log({ caseId, round, recipients: links.length }, 'cooling-off notices mailed');
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
    await this.mailer.send({
      to: kase.requesterEmail,
      ...objectionReceivedMail({
        language: kase.language,
        requesterName: kase.requesterName,
        reference: kase.reference,
      }),
      messageId: this.mailer.messageId('objection-received', noteId),
    });
  }

  async startAppointment({ caseId }: CaseActivityInput): Promise<void> {
    await this.steps.takeOrFind(caseId, {
      from: ['cooling_off'],
      to: 'appointing',
      event: { type: 'appointment_started', actorType: 'system' },
    });
  }
}
