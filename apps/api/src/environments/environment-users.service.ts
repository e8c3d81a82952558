import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError, lastAdministratorObjection, type DirectoryActor } from '@app/domain';
import {
  EnvironmentRepository,
  isUniqueViolation,
  OrganisationMembershipRepository,
  UserRepository,
} from '@app/persistence';
import { InvitationWorkflowClient } from '../temporal/invitation-workflow.client';
import { toAdministratorsSummary, toUserDto, toUserDtos } from './directory.mapper';
import { NO_SUCH_USER } from './not-found-messages';
import type { ChangeUserDto } from './dto/change-user.dto';
import type { UserDto, UserListDto } from './dto/directory-responses.dto';
import type { InviteUserDto } from './dto/invite-user.dto';

const duplicateEmail = (email: string): DomainError =>
  new DomainError('conflict', `A user with the email address ${email} already exists in this environment.`);

/** The users of an environment: listing, inviting, and changing roles and statuses. */
@Injectable()
export class EnvironmentUsersService {
  private readonly logger = new Logger(EnvironmentUsersService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly environments: EnvironmentRepository,
    private readonly users: UserRepository,
    private readonly memberships: OrganisationMembershipRepository,
    private readonly invitations: InvitationWorkflowClient,
  ) {}

  async list(actor: DirectoryActor): Promise<UserListDto> {
    const [users, memberships, activeAdministrators] = await Promise.all([
      this.users.listForEnvironment(actor.environmentId),
      this.memberships.listForEnvironment(actor.environmentId),
      this.users.countActiveAdministrators(actor.environmentId),
    ]);
    return { users: toUserDtos(users, memberships), ...toAdministratorsSummary(activeAdministrators) };
  }

  /** Adds the user as `invited`; the worker mails the invitation, so SMTP never holds up the request. */
  async invite(actor: DirectoryActor, dto: InviteUserDto): Promise<UserDto> {
    let user;
    try {
      user = await this.users.insert({
        environmentId: actor.environmentId,
        email: dto.email,
        name: dto.name,
        role: dto.role ?? 'user',
        status: 'invited',
      });
    } catch (error) {
      // The database's unique index decides, also between two invitations of one address at once.
      if (isUniqueViolation(error, 'ux_users_environment_email')) throw duplicateEmail(dto.email);
      throw error;
    }
    try {
      await this.invitations.start({ userId: user.id, invitedByUserId: actor.userId });
    } catch (error) {
      // Without a scheduled mail the invitation is not real: undo it and say so.
      this.logger.error({ err: error, userId: user.id }, 'could not schedule the invitation mail');
      await this.users.deleteInvited(user.id);
      throw new DomainError(
        'unavailable',
        'The invitation could not be sent just now. Please try again in a minute.',
      );
    }
    this.logger.log({ userId: user.id, environmentId: actor.environmentId }, 'user invited');
    return toUserDto(user, []);
  }

  /**
   * Changes a user's role or status. The environment is locked first, so that two changes that would
   * each remove one of the last two administrators are counted one after the other: one of them is refused.
   */
  async change(actor: DirectoryActor, userId: string, dto: ChangeUserDto): Promise<UserDto> {
    if (dto.role === undefined && dto.status === undefined) {
      throw new DomainError('invalid_input', 'Give a role, a status, or both.');
    }
    const changed = await this.dataSource.transaction(async (manager) => {
      await this.environments.lockForRoleChange(actor.environmentId, manager);
      const user = await this.users.findInEnvironment(actor.environmentId, userId, manager);
      if (!user) throw new DomainError('not_found', NO_SUCH_USER);
      if (dto.status === 'active' && user.status === 'invited') {
        throw new DomainError(
          'invalid_state',
          'This user has not accepted the invitation yet; they become active when they first sign in.',
        );
      }
      const activeAdministrators = await this.users.countActiveAdministrators(actor.environmentId, manager);
      const objection = lastAdministratorObjection(user, dto, activeAdministrators);
      if (objection) throw new DomainError('conflict', objection);
      await this.users.change(user.id, { role: dto.role, status: dto.status }, manager);
      // The row as it now is, without reading it back.
      return Object.assign(user, { role: dto.role ?? user.role, status: dto.status ?? user.status });
    });
    this.logger.log(
      {
        userId,
        environmentId: actor.environmentId,
        changedBy: actor.userId,
        role: changed.role,
        status: changed.status,
      },
      'user changed',
    );
    return toUserDto(changed, await this.memberships.listForUser(userId));
  }
}
