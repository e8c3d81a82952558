import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import type { CaseEventType, EventActorType } from '@app/domain';
import { CaseEventEntity } from './case-event.entity';

export interface NewCaseEvent {
  caseId: string;
  type: CaseEventType;
  actorType: EventActorType;
  actorId?: string | null;
  details?: Record<string, unknown>;
}

@Injectable()
export class CaseEventRepository {
  constructor(private readonly dataSource: DataSource) {}

  async append(event: NewCaseEvent, manager?: EntityManager): Promise<CaseEventEntity> {
    const repository = this.repository(manager);
    return repository.save(
      repository.create({ ...event, actorId: event.actorId ?? null, details: event.details ?? {} }),
    );
  }

  /** The trail in the order it happened, optionally only some kinds of event. */
  listForCase(
    caseId: string,
    types?: readonly CaseEventType[],
    manager?: EntityManager,
  ): Promise<CaseEventEntity[]> {
    return this.repository(manager).find({
      where: types ? { caseId, type: In([...types]) } : { caseId },
      order: { id: 'ASC' },
    });
  }

  private repository(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(CaseEventEntity);
  }
}
