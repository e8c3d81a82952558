import type { EnvironmentRole, UserStatus } from './directory-roles';

/** A signed-in platform user as the permission rules see them: read from the database on every request. */
export interface DirectoryActor {
  userId: string;
  environmentId: string;
  role: EnvironmentRole;
  status: UserStatus;
  /** Organisations of which the user is an organisation administrator. */
  administeredOrganisationIds: ReadonlySet<string>;
}

/**
 * Who may call an endpoint of an environment (SPEC section 4):
 * - `environment_user`: any platform user of that environment;
 * - `environment_administrator`: invite users, change roles and statuses, create organisations, change the plan;
 * - `organisation_administrator`: an environment administrator, or an administrator of the organisation
 *   named in the request, may manage that organisation's members.
 */
export type DirectoryAccessLevel =
  'environment_user' | 'environment_administrator' | 'organisation_administrator';

function isEnvironmentAdministrator(actor: DirectoryActor): boolean {
  return actor.role === 'administrator';
}

function mayManageOrganisationMembers(actor: DirectoryActor, organisationId: string): boolean {
  return isEnvironmentAdministrator(actor) || actor.administeredOrganisationIds.has(organisationId);
}

/** Whether `actor` may act at `level`; `organisationId` is the organisation the request is about, if any. */
export function hasDirectoryAccess(
  actor: DirectoryActor,
  level: DirectoryAccessLevel,
  organisationId?: string,
): boolean {
  switch (level) {
    case 'environment_user':
      return true;
    case 'environment_administrator':
      return isEnvironmentAdministrator(actor);
    case 'organisation_administrator':
      return organisationId !== undefined && mayManageOrganisationMembers(actor, organisationId);
  }
}
