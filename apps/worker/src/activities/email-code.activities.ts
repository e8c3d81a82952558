import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { codeRecipients, DomainError } from '@app/domain';
import { emailCodeMail, MailDeliveries, Mailer } from '@app/mail';
import {
  CaseEmailCodeRepository,
  CaseEventRepository,
  EnvironmentRepository,
  RecoveryDirectoryRepository,
  type CaseEntity,
} from '@app/persistence';
import { digitsFrom, SecretHasher } from '@app/secrets';
import type { CaseActivityInput } from '@app/workflows/activities.contract';
import { deliverToEach } from './case-mail';
import { addressKey, CaseSteps } from './case-steps';

const CODE_DIGITS = 8;

/** The environment the code goes to: a case without one has no known addresses to send it to. */
function environmentOf(kase: Pick<CaseEntity, 'id' | 'environmentId'>): string {
  if (!kase.environmentId) throw new DomainError('invalid_state', `case ${kase.id} has no environment`);
  return kase.environmentId;
}

/** The email method: a code issued for the case and mailed to the addresses known for its environment. */
@Injectable()
export class EmailCodeActivities {
  private readonly logger = new Logger(EmailCodeActivities.name);

  constructor(
    private readonly config: AppConfig,
    private readonly steps: CaseSteps,
    private readonly codes: CaseEmailCodeRepository,
    private readonly events: CaseEventRepository,
    private readonly environments: EnvironmentRepository,
    private readonly directory: RecoveryDirectoryRepository,
    private readonly hasher: SecretHasher,
    private readonly mailer: Mailer,
    private readonly deliveries: MailDeliveries,
  ) {}

  async issueEmailCode({ caseId, sendNumber }: CaseActivityInput & { sendNumber: number }): Promise<void> {
    const kase = await this.steps.load(caseId);
    const { ttlMs, maxAttempts } = this.config.recovery.emailCode;
    const expiresAt = new Date(Date.now() + ttlMs);
    const recipients = await this.recipientsOf(kase);
    // The workflow asked for a code because addresses could receive one; the directory changed since. (A
    // retry of an issue already made goes on: its code and recipients are recorded.)
    if (recipients.length === 0 && !(await this.codes.find(caseId, sendNumber))) {
      throw new DomainError(
        'invalid_state',
        `no address of the environment of case ${caseId} may receive a code`,
      );
    }
    await this.steps.recordIf(
      {
        caseId,
        type: 'email_code_sent',
        actorType: 'system',
        // Who got the code, for staff (the requester's page shows only that a code was sent).
        details: {
          sendNumber,
          recipients: recipients.length,
          to: recipients,
          expiresAt: expiresAt.toISOString(),
        },
      },
      (manager) =>
        this.codes.insertIfAbsent(
          {
            caseId,
            sendNumber,
            codeHash: this.hasher.hash('email_code', this.codeOf(caseId, sendNumber)),
            expiresAt,
            attemptsLeft: maxAttempts,
          },
          manager,
        ),
    );
  }

  async sendEmailCode({ caseId, sendNumber }: CaseActivityInput & { sendNumber: number }): Promise<void> {
    const kase = await this.steps.load(caseId);
    const environment = await this.environments.findById(environmentOf(kase));
    if (!environment) throw new DomainError('not_found', `environment of case ${caseId} does not exist`);
    // The expiry the code was issued with, not a new one.
    const stored = await this.codes.find(caseId, sendNumber);
    if (!stored)
      throw new DomainError('not_found', `email code ${sendNumber} of case ${caseId} was not issued`);
    const recipients = await this.recordedRecipients(kase, sendNumber);
    const code = this.codeOf(caseId, sendNumber);
    const content = emailCodeMail({
      language: kase.language,
      reference: kase.reference,
      code,
      requesterName: kase.requesterName,
      requesterEmail: kase.requesterEmail,
      environmentName: environment.name,
      expiresAt: stored.expiresAt,
      objectionWindow: this.config.recovery.coolingOffMs > 0,
    });
    const counts = await deliverToEach(
      this.deliveries,
      { caseId, purpose: 'email-code' },
      recipients,
      (to) => ({
        ...content,
        messageId: this.mailer.messageId(`email-code-${sendNumber}-${addressKey(to)}`, caseId),
      }),
    );
    this.logger.log({ caseId, sendNumber, ...counts }, 'email code mailed');
  }

  /**
   * Only addresses the environment already had, and of those only the ones whose mailbox proves something
   * (codeRecipients): never the requester's own, a deactivated user's or a free-mail one but the
   * environment's registered contact.
   */
  private async recipientsOf(
    kase: Pick<CaseEntity, 'id' | 'environmentId' | 'requesterEmail'>,
  ): Promise<string[]> {
    return codeRecipients(await this.directory.knownAddresses(environmentOf(kase)), kase.requesterEmail);
  }

  /**
   * Who this send's code goes to: those its `email_code_sent` event names, so that a send (or its retry)
   * never mails anyone the trail does not show, and of them only those who may still receive one (a user
   * deactivated since is not mailed; the deliveries show who was). An event from before the list was
   * recorded: the rule applied now.
   */
  private async recordedRecipients(
    kase: Pick<CaseEntity, 'id' | 'environmentId' | 'requesterEmail'>,
    sendNumber: number,
  ): Promise<string[]> {
    const now = await this.recipientsOf(kase);
    const issued = (await this.events.listForCase(kase.id, ['email_code_sent'])).find(
      (event) => event.details.sendNumber === sendNumber,
    );
    const to = issued?.details.to;
    if (!Array.isArray(to) || !to.every((address): address is string => typeof address === 'string'))
      return now;
    const still = new Set(now.map((address) => address.toLowerCase()));
    return to.filter((address) => still.has(address.toLowerCase()));
  }

  /** The code of one send: derived, not random, so a retry mails the same code (only its keyed hash is stored). */
  private codeOf(caseId: string, sendNumber: number): string {
    return digitsFrom(this.hasher.derive('email_code', `${caseId}:${sendNumber}`), CODE_DIGITS);
  }
}
