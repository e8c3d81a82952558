import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  type Relation,
} from 'typeorm';
import { ENVIRONMENT_ROLES, USER_STATUSES, type EnvironmentRole, type UserStatus } from '@app/domain';
import { sqlList } from '../column-helpers';
import { EnvironmentEntity } from './environment.entity';

/** A platform user of one environment, with their environment role. */
@Entity({ name: 'users' })
// Expression indexes on lower(email), written by the migration (TypeORM cannot describe them): emails are
// unique per environment whatever their case, and recovery matching finds an address in any environment.
@Index('ux_users_environment_email', { synchronize: false })
@Index('ix_users_email', { synchronize: false })
@Index('ix_users_environment_role_status', ['environmentId', 'role', 'status'])
@Unique('uq_users_id_environment', ['id', 'environmentId'])
@Check('ck_users_role', `role IN (${sqlList(ENVIRONMENT_ROLES)})`)
@Check('ck_users_status', `status IN (${sqlList(USER_STATUSES)})`)
export class UserEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_users' })
  id!: string;

  @Column({ name: 'environment_id', type: 'uuid' })
  environmentId!: string;

  @ManyToOne(() => EnvironmentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'environment_id', foreignKeyConstraintName: 'fk_users_environment' })
  environment?: Relation<EnvironmentEntity>;

  @Column({ type: 'varchar', length: 254 })
  email!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: UserStatus;

  @Column({ type: 'varchar', length: 16 })
  role!: EnvironmentRole;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
