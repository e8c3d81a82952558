import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CASE_STATUSES, VERIFICATION_METHODS, type CaseStatus, type VerificationMethod } from '@app/domain';
import { bytea, sqlList } from '../column-helpers';

/** The read model of one recovery case: what lists, dashboards and the requester's page read. */
@Entity({ name: 'recovery_cases' })
@Index('ix_recovery_cases_created_at_id', ['createdAt', 'id'])
@Index('ix_recovery_cases_status', ['status'])
@Check('ck_recovery_cases_status', `status IN (${sqlList(CASE_STATUSES)})`)
@Check('ck_recovery_cases_method', `method IN (${sqlList(VERIFICATION_METHODS)})`)
@Check('ck_recovery_cases_kvk_number', `kvk_number ~ '^[0-9]{8}$'`)
export class CaseEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_recovery_cases' })
  id!: string;

  @Index('ux_recovery_cases_reference', { unique: true })
  @Column({ type: 'varchar', length: 12 })
  reference!: string;

  @Column({ type: 'varchar', length: 32 })
  status!: CaseStatus;

  @Column({ type: 'varchar', length: 16 })
  method!: VerificationMethod;

  @Column({ name: 'requester_name', type: 'varchar', length: 200 })
  requesterName!: string;

  @Column({ name: 'requester_email', type: 'varchar', length: 254 })
  requesterEmail!: string;

  @Column({ name: 'requester_phone', type: 'varchar', length: 40, nullable: true })
  requesterPhone!: string | null;

  @Column({ name: 'company_name', type: 'varchar', length: 200 })
  companyName!: string;

  @Column({ name: 'kvk_number', type: 'char', length: 8, nullable: true })
  kvkNumber!: string | null;

  @Column({ name: 'environment_reference', type: 'varchar', length: 200, nullable: true })
  environmentReference!: string | null;

  @Column({ name: 'former_admin_email', type: 'varchar', length: 254, nullable: true })
  formerAdminEmail!: string | null;

  @Column({ type: 'text', nullable: true })
  message!: string | null;

  /** Keyed hash of the case token; the token itself is never stored. */
  @Column({ name: 'token_hash', type: 'bytea', transformer: bytea })
  tokenHash!: Buffer;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
