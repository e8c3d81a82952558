import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError } from '@app/domain';
import {
  administratorAppointedMail,
  administratorAppointedNoticeMail,
  MailDeliveries,
  Mailer,
} from '@app/mail';
import {
  CaseEventRepository,
  CaseRepository,
  EnvironmentRepository,
  OrganisationMembershipRepository,
  OrganisationRepository,
  RecoveryDirectoryRepository,
  UserRepository,
} from '@app/persistence';
import type { CaseActivityInput } from '@app/workflows/activities.contract';
import { caseNotFound } from './activity-failures';
import { deliverToEach } from './case-mail';
import { addressKey } from './case-steps';
import { InvitationActivities } from './invitation.activities';

/** The end of a successful case: the requester becomes administrator, and everyone concerned is told. */
@Injectable()
export class AppointmentActivities {
  private readonly logger = new Logger(AppointmentActivities.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CaseRepository,
    private readonly events: CaseEventRepository,
    private readonly environments: EnvironmentRepository,
    private readonly users: UserRepository,
    private readonly organisations: OrganisationRepository,
    private readonly memberships: OrganisationMembershipRepository,
    private readonly directory: RecoveryDirectoryRepository,
    private readonly invitations: InvitationActivities,
    private readonly mailer: Mailer,
    private readonly deliveries: MailDeliveries,
  ) {}

  /**
   * One transaction: the case row and the environment row locked (in that order, always), the user created
   * or reused, the roles set, the events written and the case completed. A retry after a crash between the
   * commit and Temporal's acknowledgement finds the case completed and answers what was done.
   */
  appointAdministrator({ caseId }: CaseActivityInput): Promise<{ userId: string; newUser: boolean }> {
    return this.dataSource.transaction(async (manager) => {
      const kase = await this.cases.lockForStep(caseId, manager);
      if (!kase) throw caseNotFound(caseId);
      if (kase.status === 'completed' && kase.appointedUserId) {
        const [done] = await this.events.listForCase(caseId, ['administrator_appointed'], manager);
        return { userId: kase.appointedUserId, newUser: done?.details.newUser === true };
      }
      if (kase.status !== 'appointing' || !kase.environmentId) {
        throw new DomainError('invalid_state', `case ${caseId} is ${kase.status}, not appointing`);
      }
      const environmentId = kase.environmentId;
      if (!(await this.environments.lockForRoleChange(environmentId, manager))) {
        throw new DomainError('not_found', `environment ${environmentId} does not exist`);
      }

      const existing = await this.users.findByEmailInEnvironment(environmentId, kase.requesterEmail, manager);
      // A deactivated user lost their way in: like a new one, they set up their login again.
      const status = existing && existing.status !== 'deactivated' ? existing.status : 'invited';
      let user = existing;
      if (user) {
        await this.users.change(user.id, { role: 'administrator', status }, manager);
      } else {
        user = await this.users.insert(
          {
            environmentId,
            email: kase.requesterEmail,
            name: kase.requesterName,
            role: 'administrator',
            status,
          },
          manager,
        );
      }

      const stillThere = new Set(
        (await this.organisations.listForEnvironment(environmentId, manager)).map(
          (organisation) => organisation.id,
        ),
      );
      const organisationIds = kase.approvedOrganisationIds ?? [];
      // The agent approved these: appointing fewer would be a decision nobody took. Support chooses again.
      const gone = organisationIds.filter((id) => !stillThere.has(id));
      if (gone.length > 0) {
        throw new DomainError(
          'not_found',
          `approved organisations of case ${caseId} are gone: ${gone.join(', ')}`,
        );
      }
      for (const organisationId of organisationIds) {
        await this.memberships.set(
          { organisationId, userId: user.id, environmentId, role: 'administrator' },
          manager,
        );
      }

      const newUser = existing === null;
      await this.events.append(
        {
          caseId,
          type: 'administrator_appointed',
          actorType: 'system',
          details: { userId: user.id, environmentId, newUser, status, organisationIds },
        },
        manager,
      );
      await this.cases.transition(caseId, ['appointing'], 'completed', manager, { appointedUserId: user.id });
      await this.events.append({ caseId, type: 'case_completed', actorType: 'system' }, manager);
      this.logger.log({ caseId, environmentId, userId: user.id, newUser }, 'administrator appointed');
      return { userId: user.id, newUser };
    });
  }

  async sendAppointmentMails({ caseId }: CaseActivityInput): Promise<void> {
    const kase = await this.cases.findById(caseId);
    if (!kase) throw caseNotFound(caseId);
    if (kase.status !== 'completed' || !kase.environmentId || !kase.appointedUserId) {
      throw new DomainError('invalid_state', `case ${caseId} is ${kase.status}, not completed`);
    }
    const [environment, user, organisations] = await Promise.all([
      this.environments.findById(kase.environmentId),
      this.users.findById(kase.appointedUserId),
      this.organisations.listForEnvironment(kase.environmentId),
    ]);
    if (!environment || !user)
      throw new DomainError('not_found', `the environment or user of case ${caseId} is gone`);
    const approved = new Set(kase.approvedOrganisationIds ?? []);
    const newLogin = user.status === 'invited';

    // A refused requester address holds up neither the environment's notices nor the case (it is complete).
    const appointed = await this.deliveries.deliver({
      caseId,
      purpose: 'appointment',
      to: kase.requesterEmail,
      ...administratorAppointedMail({
        language: kase.language,
        requesterName: kase.requesterName,
        environmentName: environment.name,
        organisationNames: organisations.filter((o) => approved.has(o.id)).map((o) => o.name),
        newLogin,
      }),
      messageId: this.mailer.messageId('administrator-appointed', caseId),
    });
    // The requester's invitation comes from this case: it is written in the case's language.
    if (newLogin) {
      await this.invitations.sendInvitation({ userId: user.id }, { caseId, language: kase.language });
    }

    const requester = kase.requesterEmail.toLowerCase();
    const others = (await this.directory.activeUserAddresses(environment.id)).filter(
      (email) => email.toLowerCase() !== requester,
    );
    const notice = administratorAppointedNoticeMail({
      language: kase.language,
      environmentName: environment.name,
      requesterName: kase.requesterName,
      requesterEmail: kase.requesterEmail,
      reference: kase.reference,
    });
    const notices = await deliverToEach(
      this.deliveries,
      { caseId, purpose: 'appointment-notice' },
      others,
      (email) => ({
        ...notice,
        messageId: this.mailer.messageId(`appointment-notice-${addressKey(email)}`, caseId),
      }),
    );
    this.logger.log({ caseId, appointed, notices, newLogin }, 'appointment mails sent');
  }
}
