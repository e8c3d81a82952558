import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { OrganisationRole } from '@app/domain';
import { OrganisationMembershipEntity } from './organisation-membership.entity';

export type MembershipOutcome = 'created' | 'updated' | 'unchanged';

@Injectable()
export class OrganisationMembershipRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The organisations of which the user is an organisation administrator. */
  async administeredOrganisationIds(userId: string): Promise<string[]> {
    const rows = await this.repository().find({
      select: { organisationId: true },
      where: { userId, role: 'administrator' },
    });
    return rows.map((row) => row.organisationId);
  }

  listForEnvironment(environmentId: string): Promise<OrganisationMembershipEntity[]> {
    return this.repository().find({ where: { environmentId } });
  }

  listForUser(userId: string): Promise<OrganisationMembershipEntity[]> {
    return this.repository().find({ where: { userId } });
  }

  listForOrganisation(organisationId: string): Promise<OrganisationMembershipEntity[]> {
    return this.repository().find({ where: { organisationId } });
  }

  /**
   * Adds the member or changes their role; answers which it was. A membership that already has the role
   * is not rewritten (its `updated_at` stays), so setting the same role twice changes nothing.
   */
  async set(
    membership: Pick<OrganisationMembershipEntity, 'organisationId' | 'userId' | 'environmentId'> & {
      role: OrganisationRole;
    },
    manager?: EntityManager,
  ): Promise<MembershipOutcome> {
    const [row] = await (manager ?? this.dataSource.manager).query<{ created: boolean }[]>(
      `INSERT INTO organisation_memberships (organisation_id, user_id, environment_id, role)
       VALUES ($1, $2, $3, $4)
       ON CONFLICT (organisation_id, user_id) DO UPDATE
         SET role = EXCLUDED.role, updated_at = now()
         WHERE organisation_memberships.role IS DISTINCT FROM EXCLUDED.role
       RETURNING (xmax = 0) AS created`,
      [membership.organisationId, membership.userId, membership.environmentId, membership.role],
    );
    // No row back: the membership was there with this role, and the WHERE kept it from being rewritten.
    if (!row) return 'unchanged';
    return row.created ? 'created' : 'updated';
  }

  /** Answers whether there was such a membership. */
  async remove(organisationId: string, userId: string, manager?: EntityManager): Promise<boolean> {
    const result = await this.repository(manager).delete({ organisationId, userId });
    return (result.affected ?? 0) > 0;
  }

  private repository(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(OrganisationMembershipEntity);
  }
}
