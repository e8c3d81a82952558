import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { bytea } from '../column-helpers';
import { CaseEntity } from './case.entity';

export type PendingSecretPurpose = 'case_link';

/**
 * A secret sealed (SecretBox) until the activity that mails it has sent it; then it is deleted.
 * A retried mail activity finds the same secret, so the requester never gets two different links.
 */
@Entity({ name: 'pending_secrets' })
export class PendingSecretEntity {
  @PrimaryColumn({ name: 'case_id', type: 'uuid', primaryKeyConstraintName: 'pk_pending_secrets' })
  caseId!: string;

  @PrimaryColumn({ type: 'varchar', length: 32, primaryKeyConstraintName: 'pk_pending_secrets' })
  purpose!: PendingSecretPurpose;

  @ManyToOne(() => CaseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_pending_secrets_case' })
  case?: Relation<CaseEntity>;

  @Column({ type: 'bytea', transformer: bytea })
  sealed!: Buffer;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
