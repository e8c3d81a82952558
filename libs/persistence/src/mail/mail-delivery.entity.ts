import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { CaseEntity } from '../cases/case.entity';
import { sqlList } from '../column-helpers';

/**
 * `pending` until the SMTP server took the mail (`sent`) or refused its recipient for good (`refused`), or
 * its occasion passed before it went out (`withdrawn`: no attempt sends it any more).
 */
const MAIL_DELIVERY_STATES = ['pending', 'sent', 'refused', 'withdrawn'] as const;
type MailDeliveryState = (typeof MAIL_DELIVERY_STATES)[number];

/**
 * One mail to one recipient, keyed by its Message-ID: what makes a retried send idempotent, and what the
 * case page shows of the mails of a case. A refusal keeps the SMTP reply code only: the server's text names
 * the address and belongs to no log, history or page.
 */
@Entity({ name: 'mail_deliveries' })
@Index('ix_mail_deliveries_case_id_created_at', ['caseId', 'createdAt'])
@Check('ck_mail_deliveries_state', `state IN (${sqlList(MAIL_DELIVERY_STATES)})`)
@Check('ck_mail_deliveries_attempts', `attempts >= 0`)
@Check(
  'ck_mail_deliveries_outcome',
  `(state = 'sent') = (sent_at IS NOT NULL) AND (state = 'refused') = (refused_at IS NOT NULL) AND (smtp_status IS NULL OR state = 'refused') AND (state = 'withdrawn') = (withdrawn_at IS NOT NULL)`,
)
@Check('ck_mail_deliveries_smtp_status', `smtp_status BETWEEN 500 AND 599`)
export class MailDeliveryEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_mail_deliveries' })
  id!: string;

  /** Null for a mail that belongs to no case (a directory invitation). */
  @Column({ name: 'case_id', type: 'uuid', nullable: true })
  caseId!: string | null;

  @ManyToOne(() => CaseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_mail_deliveries_case' })
  case?: Relation<CaseEntity>;

  /** What the mail is for, e.g. `case-link`, `cooling-off-notice`. */
  @Column({ type: 'varchar', length: 64 })
  purpose!: string;

  @Column({ type: 'varchar', length: 254 })
  recipient!: string;

  /** The idempotency key. 998: the longest line a mail header may have (RFC 5322). */
  @Index('ux_mail_deliveries_message_id', { unique: true })
  @Column({ name: 'message_id', type: 'varchar', length: 998 })
  messageId!: string;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  state!: MailDeliveryState;

  /** Attempts that took the lease (each one talked to the SMTP server, or was about to). */
  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ name: 'last_attempt_at', type: 'timestamptz', nullable: true })
  lastAttemptAt!: Date | null;

  /** The lease of the attempt sending it now: no other attempt sends it before this time. */
  @Column({ name: 'claimed_until', type: 'timestamptz', nullable: true })
  claimedUntil!: Date | null;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt!: Date | null;

  @Column({ name: 'refused_at', type: 'timestamptz', nullable: true })
  refusedAt!: Date | null;

  @Column({ name: 'withdrawn_at', type: 'timestamptz', nullable: true })
  withdrawnAt!: Date | null;

  /** The SMTP reply code of a refusal (e.g. 550); only the number, never the server's text. */
  @Column({ name: 'smtp_status', type: 'smallint', nullable: true })
  smtpStatus!: number | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
