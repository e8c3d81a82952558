import { Injectable, Logger } from '@nestjs/common';
import { DomainError, type DirectoryActor, type OrganisationRole } from '@app/domain';
import {
  isUniqueViolation,
  OrganisationMembershipRepository,
  OrganisationRepository,
  UserRepository,
  type OrganisationEntity,
} from '@app/persistence';
import { toMemberDto, toOrganisationDto } from './directory.mapper';
import type { CreateOrganisationDto } from './dto/create-organisation.dto';
import type {
  MemberDto,
  MemberListDto,
  OrganisationDto,
  OrganisationListDto,
} from './dto/directory-responses.dto';
import { NO_SUCH_ORGANISATION, NO_SUCH_USER } from './not-found-messages';

/** The organisations of an environment and their members. */
@Injectable()
export class OrganisationsService {
  private readonly logger = new Logger(OrganisationsService.name);

  constructor(
    private readonly organisations: OrganisationRepository,
    private readonly users: UserRepository,
    private readonly memberships: OrganisationMembershipRepository,
  ) {}

  async list(actor: DirectoryActor): Promise<OrganisationListDto> {
    const organisations = await this.organisations.listForEnvironment(actor.environmentId);
    return { organisations: organisations.map(toOrganisationDto) };
  }

  async create(actor: DirectoryActor, dto: CreateOrganisationDto): Promise<OrganisationDto> {
    try {
      const organisation = await this.organisations.insert({
        environmentId: actor.environmentId,
        name: dto.name,
        kvkNumber: dto.kvkNumber,
        contactEmail: dto.contactEmail ?? null,
      });
      this.logger.log(
        { organisationId: organisation.id, environmentId: actor.environmentId },
        'organisation created',
      );
      return toOrganisationDto(organisation);
    } catch (error) {
      if (isUniqueViolation(error, 'ux_organisations_environment_kvk_number')) {
        throw new DomainError(
          'conflict',
          `An organisation with KvK number ${dto.kvkNumber} already exists in this environment.`,
        );
      }
      throw error;
    }
  }

  async members(actor: DirectoryActor, organisationId: string): Promise<MemberListDto> {
    const organisation = await this.organisationOf(actor, organisationId);
    const memberships = await this.memberships.listForOrganisation(organisation.id);
    const roles = new Map(memberships.map((membership) => [membership.userId, membership.role]));
    const users = await this.users.listByIds(actor.environmentId, [...roles.keys()]);
    return {
      organisation: toOrganisationDto(organisation),
      members: users.map((user) => toMemberDto(user, roles.get(user.id) ?? 'member')),
    };
  }

  /** Adds a user of the environment to the organisation, or changes their role in it. */
  async setMember(
    actor: DirectoryActor,
    organisationId: string,
    userId: string,
    role: OrganisationRole,
  ): Promise<{ member: MemberDto; created: boolean }> {
    const organisation = await this.organisationOf(actor, organisationId);
    const user = await this.users.findInEnvironment(actor.environmentId, userId);
    if (!user) throw new DomainError('not_found', NO_SUCH_USER);
    const outcome = await this.memberships.set({
      organisationId: organisation.id,
      userId: user.id,
      environmentId: actor.environmentId,
      role,
    });
    this.logger.log({ organisationId, userId, role, changedBy: actor.userId }, 'organisation member set');
    return { member: toMemberDto(user, role), created: outcome === 'created' };
  }

  async removeMember(actor: DirectoryActor, organisationId: string, userId: string): Promise<void> {
    const organisation = await this.organisationOf(actor, organisationId);
    if (!(await this.memberships.remove(organisation.id, userId))) {
      throw new DomainError('not_found', 'This user is not a member of this organisation.');
    }
    this.logger.log({ organisationId, userId, changedBy: actor.userId }, 'organisation member removed');
  }

  private async organisationOf(actor: DirectoryActor, organisationId: string): Promise<OrganisationEntity> {
    const organisation = await this.organisations.findInEnvironment(actor.environmentId, organisationId);
    if (!organisation) throw new DomainError('not_found', NO_SUCH_ORGANISATION);
    return organisation;
  }
}
