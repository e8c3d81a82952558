import { Injectable, Logger } from '@nestjs/common';
import { DomainError } from '@app/domain';
import { Mailer, invitationMail } from '@app/mail';
import { EnvironmentRepository, UserRepository } from '@app/persistence';
import type { InvitationActivityInput } from '@app/workflows/activities.contract';

/** Mails an invited user their invitation. */
@Injectable()
export class InvitationActivities {
  private readonly logger = new Logger(InvitationActivities.name);

  constructor(
    private readonly users: UserRepository,
    private readonly environments: EnvironmentRepository,
    private readonly mailer: Mailer,
  ) {}

  async sendInvitation({ userId, invitedByUserId }: InvitationActivityInput): Promise<void> {
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

    await this.mailer.send({
      to: invitee.email,
      ...invitationMail({
        inviteeName: invitee.name,
        inviteeEmail: invitee.email,
        // Appointed by support after a recovery, or invited by an administrator of the environment.
        inviterName: inviter?.name ?? (invitedByUserId ? 'An administrator' : 'eConnect Support'),
        environmentName: environment.name,
        role: invitee.role,
      }),
      // Stable per user: a retried activity sends the same message, which mail systems deduplicate.
      messageId: this.mailer.messageId('invitation', userId),
    });
    this.logger.log({ userId, environmentId: environment.id }, 'invitation mailed');
  }
}
