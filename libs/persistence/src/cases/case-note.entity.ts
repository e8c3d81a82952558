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
import { CASE_NOTE_KINDS, EVENT_ACTOR_TYPES, type CaseNoteKind, type EventActorType } from '@app/domain';
import { sqlList } from '../column-helpers';
import { CaseEntity } from './case.entity';

/** A reason someone wrote (a rejection, a request for a new document, an objection). */
@Entity({ name: 'case_notes' })
@Index('ix_case_notes_case_id', ['caseId'])
@Check('ck_case_notes_kind', `kind IN (${sqlList(CASE_NOTE_KINDS)})`)
@Check('ck_case_notes_author_type', `author_type IN (${sqlList(EVENT_ACTOR_TYPES)})`)
export class CaseNoteEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_case_notes' })
  id!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @ManyToOne(() => CaseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_case_notes_case' })
  case?: Relation<CaseEntity>;

  @Column({ type: 'varchar', length: 32 })
  kind!: CaseNoteKind;

  @Column({ type: 'text' })
  body!: string;

  @Column({ name: 'author_type', type: 'varchar', length: 32 })
  authorType!: EventActorType;

  @Column({ name: 'author_id', type: 'varchar', length: 64, nullable: true })
  authorId!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
