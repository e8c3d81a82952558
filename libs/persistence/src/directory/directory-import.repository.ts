import type { EntityManager } from 'typeorm';
import type { EnvironmentRole, OrganisationRole, SubscriptionPlan, UserStatus } from '@app/domain';
import { EnvironmentEntity } from './environment.entity';
import { OrganisationMembershipEntity } from './organisation-membership.entity';
import { OrganisationMembershipRepository } from './organisation-membership.repository';
import { OrganisationEntity } from './organisation.entity';
import { UserEntity } from './user.entity';

/** The keys a directory file names: the rows the import must know about before it writes. */
export interface DirectorySnapshotQuery {
  references: string[];
  /** KvK numbers of the file's organisations and memberships. */
  kvkNumbers: string[];
  /** Lower case: users are matched without regard to case, as the unique index compares them. */
  emails: string[];
  /** Every id the file gives, of any kind. */
  ids: string[];
}

/**
 * Existing rows the file's entries match (by reference, KvK number, email) or whose ids it gives. The
 * environments are locked until the transaction ends: the same lock the API takes before a role change.
 */
export interface DirectorySnapshot {
  environments: { id: string; reference: string }[];
  organisations: { id: string; environmentId: string; kvkNumber: string }[];
  users: { id: string; environmentId: string; email: string }[];
}

export interface ImportedEnvironment {
  id: string;
  reference: string;
  name: string;
  contactEmail: string;
  plan: SubscriptionPlan;
}

export interface ImportedOrganisation {
  id: string;
  environmentId: string;
  name: string;
  kvkNumber: string;
  contactEmail: string | null;
}

export interface ImportedUser {
  id: string;
  environmentId: string;
  email: string;
  name: string;
  role: EnvironmentRole;
  status: UserStatus;
}

/** All of one user's memberships: any other membership of theirs is removed. */
export interface ImportedMemberships {
  userId: string;
  environmentId: string;
  memberships: { organisationId: string; role: OrganisationRole }[];
}

export interface MembershipChanges {
  created: number;
  updated: number;
  unchanged: number;
  removed: number;
}

/**
 * The database side of `npm run cli -- directory:import`. Works in the caller's transaction; writes a row
 * only when a value differs, so importing the same file twice leaves every row (and `updated_at`) alone.
 */
export class DirectoryImportRepository {
  constructor(private readonly manager: EntityManager) {}

  async hasEnvironments(): Promise<boolean> {
    const [row] = await this.manager.query<{ found: boolean }[]>(
      'SELECT EXISTS (SELECT 1 FROM environments) AS found',
    );
    return row?.found ?? false;
  }

  async lockSnapshot(query: DirectorySnapshotQuery): Promise<DirectorySnapshot> {
    const environments = await this.manager.query<DirectorySnapshot['environments']>(
      `SELECT id, reference FROM environments
       WHERE reference = ANY($1::varchar[]) OR id = ANY($2::uuid[])
       ORDER BY id
       FOR UPDATE`,
      [query.references, query.ids],
    );
    const environmentIds = environments.map((environment) => environment.id);
    const organisations = await this.manager.query<DirectorySnapshot['organisations']>(
      `SELECT id, environment_id AS "environmentId", kvk_number AS "kvkNumber" FROM organisations
       WHERE (environment_id = ANY($1::uuid[]) AND kvk_number = ANY($2::bpchar[])) OR id = ANY($3::uuid[])`,
      [environmentIds, query.kvkNumbers, query.ids],
    );
    const users = await this.manager.query<DirectorySnapshot['users']>(
      `SELECT id, environment_id AS "environmentId", email FROM users
       WHERE (environment_id = ANY($1::uuid[]) AND lower(email) = ANY($2::text[])) OR id = ANY($3::uuid[])`,
      [environmentIds, query.emails, query.ids],
    );
    return { environments, organisations, users };
  }

  async insertEnvironment(environment: ImportedEnvironment): Promise<void> {
    await this.manager.insert(EnvironmentEntity, environment);
  }

  /** Answers whether a value differed (and was written). The reference is what matched: never changed. */
  async updateEnvironment(environment: ImportedEnvironment): Promise<boolean> {
    const { name, contactEmail, plan } = environment;
    const result = await this.manager
      .createQueryBuilder()
      .update(EnvironmentEntity)
      .set({ name, contactEmail, plan, updatedAt: () => 'now()' })
      .where('id = :id', { id: environment.id })
      .andWhere(
        `(name IS DISTINCT FROM :name OR contact_email IS DISTINCT FROM :contactEmail
          OR plan IS DISTINCT FROM :plan)`,
        { name, contactEmail, plan },
      )
      .execute();
    return (result.affected ?? 0) > 0;
  }

  async insertOrganisation(organisation: ImportedOrganisation): Promise<void> {
    await this.manager.insert(OrganisationEntity, organisation);
  }

  /** Answers whether a value differed. The KvK number is what matched: never changed. */
  async updateOrganisation(organisation: ImportedOrganisation): Promise<boolean> {
    const { name, contactEmail } = organisation;
    const result = await this.manager
      .createQueryBuilder()
      .update(OrganisationEntity)
      .set({ name, contactEmail, updatedAt: () => 'now()' })
      .where('id = :id', { id: organisation.id })
      .andWhere('(name IS DISTINCT FROM :name OR contact_email IS DISTINCT FROM :contactEmail)', {
        name,
        contactEmail,
      })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  async insertUser(user: ImportedUser): Promise<void> {
    await this.manager.insert(UserEntity, user);
  }

  /**
   * Answers whether a value differed. The email matched without regard to case; a change of case only
   * is still written, so the address reads as the file spells it.
   */
  async updateUser(user: ImportedUser): Promise<boolean> {
    const { email, name, role, status } = user;
    const result = await this.manager
      .createQueryBuilder()
      .update(UserEntity)
      .set({ email, name, role, status, updatedAt: () => 'now()' })
      .where('id = :id', { id: user.id })
      .andWhere(
        `(email IS DISTINCT FROM :email OR name IS DISTINCT FROM :name OR role IS DISTINCT FROM :role
          OR status IS DISTINCT FROM :status)`,
        { email, name, role, status },
      )
      .execute();
    return (result.affected ?? 0) > 0;
  }

  /** Makes the user's memberships exactly the given ones, touching only those that differ. */
  async replaceMemberships(imported: ImportedMemberships): Promise<MembershipChanges> {
    const changes: MembershipChanges = { created: 0, updated: 0, unchanged: 0, removed: 0 };
    const memberships = new OrganisationMembershipRepository(this.manager.dataSource);
    for (const { organisationId, role } of imported.memberships) {
      const outcome = await memberships.set(
        { organisationId, userId: imported.userId, environmentId: imported.environmentId, role },
        this.manager,
      );
      changes[outcome] += 1;
    }
    const removed = await this.manager
      .createQueryBuilder()
      .delete()
      .from(OrganisationMembershipEntity)
      .where('user_id = :userId', { userId: imported.userId })
      .andWhere('organisation_id <> ALL(CAST(:kept AS uuid[]))', {
        kept: imported.memberships.map((membership) => membership.organisationId),
      })
      .execute();
    changes.removed = removed.affected ?? 0;
    return changes;
  }
}
