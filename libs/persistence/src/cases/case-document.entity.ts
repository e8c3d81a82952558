import {
  Check,
  Column,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  type Relation,
  type ValueTransformer,
} from 'typeorm';
import {
  DOCUMENT_REFUSAL_REASONS,
  DOCUMENT_STATUSES,
  readExtractFindings,
  type DocumentRefusalReason,
  type DocumentStatus,
  type ExtractFindings,
} from '@app/domain';
import { bytea, sqlList } from '../column-helpers';
import { CaseEntity } from './case.entity';

// Read into their type, so every reader (api and worker) gets a whole ExtractFindings even from a row
// written before a field existed; never throws, so one odd row cannot make a case unreadable.
const extractFindings: ValueTransformer = {
  to: (findings: ExtractFindings | null | undefined) => findings,
  from: readExtractFindings,
};

/**
 * An extract the requester uploaded. Stored in PostgreSQL under a generated id (never the client's file
 * name), so every api and worker process reads the same bytes and a case's data lives in one place.
 */
@Entity({ name: 'case_documents' })
@Unique('uq_case_documents_case_sequence', ['caseId', 'sequence'])
@Check('ck_case_documents_status', `status IN (${sqlList(DOCUMENT_STATUSES)})`)
@Check('ck_case_documents_refusal_reason', `refusal_reason IN (${sqlList(DOCUMENT_REFUSAL_REASONS)})`)
@Check('ck_case_documents_sequence', `sequence BETWEEN 1 AND 100`)
@Check('ck_case_documents_findings_object', `jsonb_typeof(findings) = 'object'`)
export class CaseDocumentEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_case_documents' })
  id!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @ManyToOne(() => CaseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_case_documents_case' })
  case?: Relation<CaseEntity>;

  /** 1 for the first upload of the case, 2 for the second, ... */
  @Column({ type: 'smallint' })
  sequence!: number;

  @Column({ type: 'bytea', transformer: bytea, select: false })
  content!: Buffer;

  @Column({ name: 'byte_size', type: 'integer' })
  byteSize!: number;

  @Column({ type: 'bytea', transformer: bytea })
  sha256!: Buffer;

  @Column({ type: 'varchar', length: 16 })
  status!: DocumentStatus;

  @Column({ name: 'page_count', type: 'integer', nullable: true })
  pageCount!: number | null;

  @Column({ name: 'refusal_reason', type: 'varchar', length: 32, nullable: true })
  refusalReason!: DocumentRefusalReason | null;

  /** Said to the requester: what was wrong and what to do. */
  @Column({ name: 'refusal_message', type: 'text', nullable: true })
  refusalMessage!: string | null;

  /** What was read from the extract (ExtractData of libs/document-analysis). */
  @Column({ type: 'jsonb', nullable: true })
  extract!: unknown;

  /** What the extract says against the case, for the agent (SPEC section 8's findings). */
  @Column({ type: 'jsonb', nullable: true, transformer: extractFindings })
  findings!: ExtractFindings | null;

  @Column({ name: 'uploaded_at', type: 'timestamptz', default: () => 'now()' })
  uploadedAt!: Date;

  /** When the case's workflow took the upload; until then the api may take it back (see the repository). */
  @Column({ name: 'taken_at', type: 'timestamptz', nullable: true })
  takenAt!: Date | null;

  @Column({ name: 'analysed_at', type: 'timestamptz', nullable: true })
  analysedAt!: Date | null;
}
