import { administratorAdvice, type OrganisationRole } from '@app/domain';
import type {
  EnvironmentEntity,
  OrganisationEntity,
  OrganisationMembershipEntity,
  UserEntity,
} from '@app/persistence';
import type {
  AdministratorsSummaryDto,
  EnvironmentDto,
  MemberDto,
  OrganisationDto,
  UserDto,
} from './dto/directory-responses.dto';

/** A plain object (not the DTO class), so that answers can spread it in. */
export function toAdministratorsSummary(
  activeAdministrators: number,
): Pick<AdministratorsSummaryDto, 'activeAdministrators' | 'administratorAdvice'> {
  return { activeAdministrators, administratorAdvice: administratorAdvice(activeAdministrators) };
}

/** `memberships`: the user's own. */
export function toUserDto(user: UserEntity, memberships: readonly OrganisationMembershipEntity[]): UserDto {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    status: user.status,
    organisations: memberships.map((m) => ({ organisationId: m.organisationId, role: m.role })),
  };
}

/** Every user with their own memberships, from the environment's memberships as one list. */
export function toUserDtos(
  users: readonly UserEntity[],
  memberships: readonly OrganisationMembershipEntity[],
): UserDto[] {
  const membershipsByUser = new Map<string, OrganisationMembershipEntity[]>();
  for (const membership of memberships) {
    const own = membershipsByUser.get(membership.userId);
    if (own) own.push(membership);
    else membershipsByUser.set(membership.userId, [membership]);
  }
  return users.map((user) => toUserDto(user, membershipsByUser.get(user.id) ?? []));
}

export function toOrganisationDto(organisation: OrganisationEntity): OrganisationDto {
  return {
    id: organisation.id,
    name: organisation.name,
    kvkNumber: organisation.kvkNumber,
    contactEmail: organisation.contactEmail,
  };
}

export function toMemberDto(user: UserEntity, role: OrganisationRole): MemberDto {
  return { userId: user.id, name: user.name, email: user.email, status: user.status, role };
}

export function toEnvironmentDto(
  environment: EnvironmentEntity,
  activeAdministrators: number,
): EnvironmentDto {
  return {
    id: environment.id,
    reference: environment.reference,
    name: environment.name,
    contactEmail: environment.contactEmail,
    plan: environment.plan,
    ...toAdministratorsSummary(activeAdministrators),
  };
}
