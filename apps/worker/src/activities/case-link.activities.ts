import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { Mailer, caseLinkMail } from '@app/mail';
import { CaseRepository, PendingSecretRepository } from '@app/persistence';
import { SecretBox } from '@app/secrets';
import type { CaseActivityInput } from '@app/workflows/activities.contract';
import { caseNotFound } from './activity-failures';
import { CaseSteps } from './case-steps';

/** Mails the requester their case link. The token waits sealed in `pending_secrets` until it is sent. */
@Injectable()
export class CaseLinkActivities {
  private readonly logger = new Logger(CaseLinkActivities.name);

  constructor(
    private readonly config: AppConfig,
    private readonly steps: CaseSteps,
    private readonly cases: CaseRepository,
    private readonly pendingSecrets: PendingSecretRepository,
    private readonly secretBox: SecretBox,
    private readonly mailer: Mailer,
  ) {}

  async sendCaseLink({ caseId }: CaseActivityInput): Promise<void> {
    const pending = await this.pendingSecrets.find(caseId, 'case_link');
    if (!pending) {
      // A retry after the mail went out and the sealed token was removed: nothing left to do.
      this.logger.log({ caseId }, 'case link already sent');
      return;
    }
    const kase = await this.cases.findById(caseId);
    if (!kase) throw caseNotFound(caseId);

    const token = this.secretBox.open(pending.sealed, `case_link:${caseId}`);
    const link = `${this.config.http.publicBaseUrl}/recover/${kase.reference}?token=${encodeURIComponent(token)}`;
    await this.mailer.send({
      to: kase.requesterEmail,
      ...caseLinkMail({
        language: kase.language,
        requesterName: kase.requesterName,
        reference: kase.reference,
        link,
      }),
      messageId: this.mailer.messageId('case-link', caseId),
    });

    // Two attempts at once both found the sealed token and both mailed (the same message); one event.
    await this.steps.recordOnce(
      { caseId, type: 'case_link_sent', actorType: 'system' },
      { types: ['case_link_sent'] },
      async (manager) => {
        await this.pendingSecrets.delete(caseId, 'case_link', manager);
        return true;
      },
    );
    this.logger.log({ caseId, caseReference: kase.reference }, 'case link mailed');
  }
}
