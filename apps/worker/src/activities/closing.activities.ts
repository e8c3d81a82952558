import { Injectable, Logger } from '@nestjs/common';
import { statesAllowing } from '@app/domain';
import { caseClosedMail, MailDeliveries, Mailer } from '@app/mail';
import type { CaseActivityInput, WaitingStatus } from '@app/workflows/activities.contract';
import { CaseSteps } from './case-steps';

/** The requester's cancel and the timers' expiry. Idempotent: a case already closed is left as it is. */
@Injectable()
export class ClosingActivities {
  private readonly logger = new Logger(ClosingActivities.name);

  constructor(
    private readonly steps: CaseSteps,
    private readonly mailer: Mailer,
    private readonly deliveries: MailDeliveries,
  ) {}

  async cancelCase({ caseId }: CaseActivityInput): Promise<void> {
    await this.steps.takeOrFind(caseId, {
      from: statesAllowing('cancel'),
      to: 'cancelled',
      event: { type: 'case_cancelled', actorType: 'requester' },
    });
    this.logger.log({ caseId }, 'case cancelled');
  }

  async sendCancellation({ caseId }: CaseActivityInput): Promise<void> {
    await this.mailClosed(caseId, 'cancelled');
  }

  async expireCase({
    caseId,
    awaitingStatus,
  }: CaseActivityInput & { awaitingStatus: WaitingStatus }): Promise<void> {
    const expired = await this.steps.take(caseId, {
      from: [awaitingStatus],
      to: 'expired',
      event: { type: 'case_expired', actorType: 'system', details: { from: awaitingStatus } },
    });
    if (expired) this.logger.log({ caseId, from: awaitingStatus }, 'case expired');
  }

  async sendExpiry({
    caseId,
    awaitingStatus,
  }: CaseActivityInput & { awaitingStatus: WaitingStatus }): Promise<void> {
    // An unconfirmed case may never have been the mailbox owner's own: no second mail to a stranger.
    if (awaitingStatus !== 'awaiting_confirmation') await this.mailClosed(caseId, 'expired');
  }

  private async mailClosed(caseId: string, outcome: 'cancelled' | 'expired'): Promise<void> {
    const kase = await this.steps.load(caseId);
    if (kase.status !== outcome) return;
    await this.deliveries.deliver({
      caseId,
      purpose: outcome === 'cancelled' ? 'cancellation' : 'expiry',
      to: kase.requesterEmail,
      ...caseClosedMail({
        language: kase.language,
        requesterName: kase.requesterName,
        reference: kase.reference,
        outcome,
      }),
      messageId: this.mailer.messageId(`case-${outcome}`, caseId),
    });
  }
}
