import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { bytea } from '../column-helpers';
import { CaseEntity } from './case.entity';

/** The keyed hash of one objection link, mailed to one address during one cooling-off period of a case. */
@Entity({ name: 'objection_tokens' })
@Index('ix_objection_tokens_case_id', ['caseId'])
export class ObjectionTokenEntity {
  @PrimaryColumn({
    name: 'token_hash',
    type: 'bytea',
    transformer: bytea,
    primaryKeyConstraintName: 'pk_objection_tokens',
  })
  tokenHash!: Buffer;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @ManyToOne(() => CaseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_objection_tokens_case' })
  case?: Relation<CaseEntity>;

  /** Which cooling-off of the case (an objection sends it back to review; a new approval starts round 2). */
  @Column({ type: 'smallint' })
  round!: number;

  @Column({ name: 'recipient_email', type: 'varchar', length: 254 })
  recipientEmail!: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'used_at', type: 'timestamptz', nullable: true })
  usedAt!: Date | null;
}
