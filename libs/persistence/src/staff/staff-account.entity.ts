import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { STAFF_ROLES, type StaffRole } from '@app/domain';
import { sqlList } from '../column-helpers';

/** A support agent or manager who signs in to the console. */
@Entity({ name: 'staff_accounts' })
// An expression index on lower(email), written by the migration (TypeORM cannot describe it): one account
// per address whatever its case, and sign-in finds the account the same way.
@Index('ux_staff_accounts_email', { synchronize: false })
@Check('ck_staff_accounts_role', `role IN (${sqlList(STAFF_ROLES)})`)
export class StaffAccountEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_staff_accounts' })
  id!: string;

  @Column({ type: 'varchar', length: 254 })
  email!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'varchar', length: 16 })
  role!: StaffRole;

  /** argon2id, as a PHC string with its own salt and parameters. */
  @Column({ name: 'password_hash', type: 'text' })
  passwordHash!: string;

  /** A deactivated account cannot sign in, and its sessions are refused. */
  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
