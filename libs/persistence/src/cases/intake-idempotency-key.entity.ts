import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { bytea } from '../column-helpers';
import { CaseEntity } from './case.entity';

/**
 * Remembers an `Idempotency-Key` of the intake, so a repeated submission returns the same case. A key is
 * the client's (the address the rate limit counts), so two clients never share one, and it lives for
 * `INTAKE_IDEMPOTENCY_TTL` from `created_at`.
 */
@Entity({ name: 'intake_idempotency_keys' })
@Index('ix_intake_idempotency_keys_created_at', ['createdAt'])
export class IntakeIdempotencyKeyEntity {
  @PrimaryColumn({
    name: 'client_address',
    type: 'varchar',
    length: 100,
    primaryKeyConstraintName: 'pk_intake_idempotency_keys',
  })
  clientAddress!: string;

  @PrimaryColumn({ type: 'varchar', length: 200, primaryKeyConstraintName: 'pk_intake_idempotency_keys' })
  key!: string;

  /** SHA-256 of the normalised request body: the same key with another body is refused. */
  @Column({ name: 'request_hash', type: 'bytea', transformer: bytea })
  requestHash!: Buffer;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @ManyToOne(() => CaseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_intake_idempotency_keys_case' })
  case?: Relation<CaseEntity>;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
