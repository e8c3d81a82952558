import { Injectable, Logger } from '@nestjs/common';
import { DEFAULT_CASE_LANGUAGE, DomainError, type CaseLanguage } from '@app/domain';
import { MailDeliveries, Mailer, invitationMail } from '@app/mail';
import { EnvironmentRepository, UserRepository } from '@app/persistence';
import type { InvitationActivityInput } from '@app/workflows/activities.contract';

// Who invited, when it was no user of the environment: support after a recovery, or an administrator who is gone.
const INVITED_BY: Record<CaseLanguage, { support: string; administrator: string }> = {
  en: { support: 'eConnect Support', administrator: 'An administrator' },
  nl: { support: 'eConnect Support', administrator: 'Een beheerder' },
};

/** Mails an invited user their invitation. */
@Injectable()
export class InvitationActivities {
  private readonly logger = new Logger(InvitationActivities.name);

  constructor(
    private readonly users: UserRepository,
    private readonly environments: EnvironmentRepository,
    private readonly mailer: Mailer,
    private readonly deliveries: MailDeliveries,
  ) {}

  /**
   * An administrator's invitation (the invitation workflow) is about no case and goes out in English; one that
   * comes from a case (the appointment after a recovery) is written in the case's language and is one of the
   * case's mails (its page lists it). A refused address ends nothing: the refusal stays on the delivery row.
   */
  async sendInvitation(
    { userId, invitedByUserId }: InvitationActivityInput,
    fromCase?: { caseId: string; language: CaseLanguage },
  ): Promise<void> {
    const language = fromCase?.language ?? DEFAULT_CASE_LANGUAGE;
    const invitee = await this.users.findById(userId);
    if (!invitee) throw new DomainError('not_found', `user ${userId} does not exist`);
    if (invitee.status !== 'invited') {
      // Accepted or withdrawn before the mail could go: an invitation now would only confuse.
      this.logger.log({ userId, status: invitee.status }, 'invitation no longer needed');
      return;
    }
    const [environment, inviter] = await Promise.all([
      this.environments.findById(invitee.environmentId),
      invitedByUserId ? this.users.findById(invitedByUserId) : null,
    ]);
    if (!environment)
      throw new DomainError('not_found', `environment ${invitee.environmentId} does not exist`);

    const outcome = await this.deliveries.deliver({
      caseId: fromCase?.caseId ?? null,
      purpose: 'invitation',
      to: invitee.email,
      ...invitationMail({
        language,
        inviteeName: invitee.name,
        inviteeEmail: invitee.email,
        // Appointed by support after a recovery, or invited by an administrator of the environment.
        inviterName: inviter?.name ?? INVITED_BY[language][invitedByUserId ? 'administrator' : 'support'],
        environmentName: environment.name,
        role: invitee.role,
      }),
      // Stable per user: a retried activity sends the same message, which mail systems deduplicate.
      messageId: this.mailer.messageId('invitation', userId),
    });
    this.logger.log({ userId, environmentId: environment.id, outcome }, 'invitation delivered');
  }
}
