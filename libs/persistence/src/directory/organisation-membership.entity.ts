import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { ORGANISATION_ROLES, type OrganisationRole } from '@app/domain';
import { sqlList } from '../column-helpers';
import { OrganisationEntity } from './organisation.entity';
import { UserEntity } from './user.entity';

/**
 * A user's role in an organisation. The environment is part of both foreign keys, so the database
 * refuses a member from another environment than the organisation's.
 */
@Entity({ name: 'organisation_memberships' })
@ForeignKey(() => OrganisationEntity, ['organisationId', 'environmentId'], ['id', 'environmentId'], {
  name: 'fk_organisation_memberships_organisation',
  onDelete: 'CASCADE',
})
@ForeignKey(() => UserEntity, ['userId', 'environmentId'], ['id', 'environmentId'], {
  name: 'fk_organisation_memberships_user',
  onDelete: 'CASCADE',
})
@Index('ix_organisation_memberships_user', ['userId'])
@Check('ck_organisation_memberships_role', `role IN (${sqlList(ORGANISATION_ROLES)})`)
export class OrganisationMembershipEntity {
  @PrimaryColumn({
    name: 'organisation_id',
    type: 'uuid',
    primaryKeyConstraintName: 'pk_organisation_memberships',
  })
  organisationId!: string;

  @PrimaryColumn({ name: 'user_id', type: 'uuid', primaryKeyConstraintName: 'pk_organisation_memberships' })
  userId!: string;

  @Column({ name: 'environment_id', type: 'uuid' })
  environmentId!: string;

  @Column({ type: 'varchar', length: 16 })
  role!: OrganisationRole;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
