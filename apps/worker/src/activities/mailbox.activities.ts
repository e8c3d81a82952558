import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { statesAllowing } from '@app/domain';
import { accessLinkMail, MailDeliveries, Mailer } from '@app/mail';
import { CaseRepository, PendingSecretRepository } from '@app/persistence';
import { SecretBox } from '@app/secrets';
import type { CaseActivityInput, VerificationStage } from '@app/workflows/activities.contract';
import { caseNotFound } from './activity-failures';
import { CaseSteps } from './case-steps';

/**
 * The requester's mailbox: the access link (reference and token) is mailed to it, and the requester
 * confirms it by following that link. The token waits sealed in `pending_secrets` until it is sent.
 */
@Injectable()
export class MailboxActivities {
  private readonly logger = new Logger(MailboxActivities.name);

  constructor(
    private readonly config: AppConfig,
    private readonly steps: CaseSteps,
    private readonly cases: CaseRepository,
    private readonly pendingSecrets: PendingSecretRepository,
    private readonly secretBox: SecretBox,
    private readonly mailer: Mailer,
    private readonly deliveries: MailDeliveries,
  ) {}

  async sendAccessLink({ caseId }: CaseActivityInput): Promise<{ refused: boolean }> {
    const pending = await this.pendingSecrets.find(caseId, 'case_link');
    if (!pending) {
      // A retry after the mail went out and the sealed token was removed: nothing left to do.
      this.logger.log({ caseId }, 'access link already sent');
      return { refused: false };
    }
    const kase = await this.cases.findById(caseId);
    if (!kase) throw caseNotFound(caseId);

    const token = this.secretBox.open(pending.sealed, `case_link:${caseId}`);
    const link = `${this.config.http.publicBaseUrl}/recover/${kase.reference}?token=${encodeURIComponent(token)}`;
    const outcome = await this.deliveries.deliver({
      caseId,
      purpose: 'case-link',
      to: kase.requesterEmail,
      ...accessLinkMail({
        language: kase.language,
        requesterName: kase.requesterName,
        reference: kase.reference,
        link,
      }),
      messageId: this.mailer.messageId('case-link', caseId),
    });
    if (outcome === 'refused') {
      // No event and the sealed token kept: the workflow closes the case (closeUnreachable), which removes
      // it. A retry meets the refused delivery again and answers the same.
      this.logger.warn({ caseId, caseReference: kase.reference }, 'access link refused for good');
      return { refused: true };
    }

    // Two attempts at once may both get here (one sent the mail, the other found it sent); one event.
    await this.steps.recordOnce(
      { caseId, type: 'case_link_sent', actorType: 'system' },
      { types: ['case_link_sent'] },
      async (manager) => {
        await this.pendingSecrets.delete(caseId, 'case_link', manager);
        return true;
      },
    );
    this.logger.log({ caseId, caseReference: kase.reference }, 'access link mailed');
    return { refused: false };
  }

  async closeUnreachable({ caseId }: CaseActivityInput): Promise<void> {
    await this.steps.takeOrFind(caseId, {
      from: ['awaiting_confirmation'],
      to: 'closed',
      event: { type: 'access_link_refused', actorType: 'system' },
      // The sealed link can never be delivered: it goes with the case's end.
      also: (manager) => this.pendingSecrets.delete(caseId, 'case_link', manager),
    });
    this.logger.log({ caseId }, 'case closed: the access link was refused');
  }

  async confirmMailbox({ caseId, stage }: CaseActivityInput & { stage: VerificationStage }): Promise<void> {
    const extractInstead =
      (await this.steps.load(caseId)).method === 'email' && stage === 'awaiting_document';
    await this.steps.takeOrFind(caseId, {
      from: statesAllowing('confirm_mailbox'),
      to: stage,
      event: { type: 'case_confirmed', actorType: 'requester', details: { next: stage } },
      also: extractInstead
        ? (manager) =>
            this.steps.record(
              {
                caseId,
                type: 'extract_requested',
                actorType: 'system',
                details: { reason: 'no_known_address' },
              },
              manager,
            )
        : undefined,
    });
    this.logger.log({ caseId, next: stage }, 'mailbox confirmed');
  }
}
