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
import {
  CASE_LANGUAGES,
  CASE_STATUSES,
  ENVIRONMENT_MATCH_KINDS,
  VERIFICATION_METHODS,
  type CaseLanguage,
  type CaseStatus,
  type EnvironmentMatchKind,
  type VerificationMethod,
} from '@app/domain';
import { bytea, sqlList } from '../column-helpers';
import { EnvironmentEntity } from '../directory/environment.entity';

/** The read model of one recovery case: what lists, dashboards and the requester's page read. */
@Entity({ name: 'recovery_cases' })
@Index('ix_recovery_cases_created_at_id', ['createdAt', 'id'])
@Index('ix_recovery_cases_status', ['status'])
@Check('ck_recovery_cases_status', `status IN (${sqlList(CASE_STATUSES)})`)
@Check('ck_recovery_cases_method', `method IN (${sqlList(VERIFICATION_METHODS)})`)
@Check('ck_recovery_cases_kvk_number', `kvk_number ~ '^[0-9]{8}$'`)
@Check('ck_recovery_cases_match_kind', `match_kind IN (${sqlList(ENVIRONMENT_MATCH_KINDS)})`)
@Check('ck_recovery_cases_language', `language IN (${sqlList(CASE_LANGUAGES)})`)
@Check('ck_recovery_cases_limits', `"max_uploads" >= 1 AND "max_code_resends" >= 0`)
@Index('ix_recovery_cases_environment_id', ['environmentId'])
@Index('ix_recovery_cases_kvk_number', ['kvkNumber'])
// Staff search finds a requester's address in any case: an expression index written by the migration.
@Index('ix_recovery_cases_requester_email', { synchronize: false })
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

  /** Every mail about the case is written in it: chosen at intake, or read from the Accept-Language header. */
  @Column({ type: 'varchar', length: 2, default: 'en' })
  language!: CaseLanguage;

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

  /** The requester's limits, fixed at intake: the api and the workflow count with these for the case's life. */
  @Column({ name: 'max_uploads', type: 'smallint' })
  maxUploads!: number;

  @Column({ name: 'max_code_resends', type: 'smallint' })
  maxCodeResends!: number;

  /** Keyed hash of the case token; the token itself is never stored. */
  @Column({ name: 'token_hash', type: 'bytea', transformer: bytea })
  tokenHash!: Buffer;

  /** The environment the case is about, once matched at intake or linked by an agent. */
  @Column({ name: 'environment_id', type: 'uuid', nullable: true })
  environmentId!: string | null;

  @ManyToOne(() => EnvironmentEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'environment_id', foreignKeyConstraintName: 'fk_recovery_cases_environment' })
  environment?: Relation<EnvironmentEntity>;

  @Column({ name: 'match_kind', type: 'varchar', length: 32, nullable: true })
  matchKind!: EnvironmentMatchKind | null;

  /** Organisations whose KvK number matched (at intake or in the extract): the default to link on approval. */
  @Column({ name: 'matched_organisation_ids', type: 'uuid', array: true, default: () => "'{}'" })
  matchedOrganisationIds!: string[];

  /** Chosen by the agent who approved; read by the appointment. */
  @Column({ name: 'approved_organisation_ids', type: 'uuid', array: true, nullable: true })
  approvedOrganisationIds!: string[] | null;

  @Column({ name: 'review_due_at', type: 'timestamptz', nullable: true })
  reviewDueAt!: Date | null;

  /** Waited longer than the review SLA; managers were mailed once. */
  @Column({ type: 'boolean', default: false })
  overdue!: boolean;

  /** Someone of the environment objected during the cooling-off: the agent must look again. */
  @Column({ type: 'boolean', default: false })
  flagged!: boolean;

  /** Set once the cooling-off's notices went out: the whole window counts from the last one. */
  @Column({ name: 'appoint_at', type: 'timestamptz', nullable: true })
  appointAt!: Date | null;

  /** Which approval's cooling-off this is (1, 2 after an objection and a new approval); 0 before any. */
  @Column({ name: 'cooling_off_round', type: 'smallint', default: 0 })
  coolingOffRound!: number;

  @Column({ name: 'appointed_user_id', type: 'uuid', nullable: true })
  appointedUserId!: string | null;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
