import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { bytea } from '../column-helpers';
import { CaseEntity } from './case.entity';

/**
 * One code of the email method (one row per send: the first and each re-send). Only the keyed hash is
 * stored; tries are counted here, so a wrong guess counts whichever api process receives it.
 */
@Entity({ name: 'case_email_codes' })
@Check('ck_case_email_codes_attempts_left', `attempts_left >= 0`)
export class CaseEmailCodeEntity {
  @PrimaryColumn({ name: 'case_id', type: 'uuid', primaryKeyConstraintName: 'pk_case_email_codes' })
  caseId!: string;

  @PrimaryColumn({ name: 'send_number', type: 'smallint', primaryKeyConstraintName: 'pk_case_email_codes' })
  sendNumber!: number;

  @ManyToOne(() => CaseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_case_email_codes_case' })
  case?: Relation<CaseEntity>;

  @Column({ name: 'code_hash', type: 'bytea', transformer: bytea })
  codeHash!: Buffer;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'attempts_left', type: 'smallint' })
  attemptsLeft!: number;

  @Column({ name: 'verified_at', type: 'timestamptz', nullable: true })
  verifiedAt!: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
