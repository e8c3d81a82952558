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
import { EVENT_ACTOR_TYPES, type CaseEventType, type EventActorType } from '@app/domain';
import { sqlList } from '../column-helpers';
import { CaseEntity } from './case.entity';

/** One entry of a case's append-only trail (a database trigger refuses updates). */
@Entity({ name: 'case_events' })
@Index('ix_case_events_case_id_id', ['caseId', 'id'])
@Check('ck_case_events_actor_type', `actor_type IN (${sqlList(EVENT_ACTOR_TYPES)})`)
export class CaseEventEntity {
  @PrimaryGeneratedColumn('identity', {
    type: 'bigint',
    generatedIdentity: 'ALWAYS',
    primaryKeyConstraintName: 'pk_case_events',
  })
  id!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @ManyToOne(() => CaseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_case_events_case' })
  case?: Relation<CaseEntity>;

  @Column({ type: 'varchar', length: 64 })
  type!: CaseEventType;

  @Column({ name: 'actor_type', type: 'varchar', length: 32 })
  actorType!: EventActorType;

  @Column({ name: 'actor_id', type: 'varchar', length: 64, nullable: true })
  actorId!: string | null;

  @Column({ type: 'jsonb' })
  details!: Record<string, unknown>;

  @Column({ name: 'occurred_at', type: 'timestamptz', default: () => 'now()' })
  occurredAt!: Date;
}
