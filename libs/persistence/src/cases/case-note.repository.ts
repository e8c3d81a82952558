import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { CaseNoteEntity } from './case-note.entity';

export type NewCaseNote = Pick<CaseNoteEntity, 'caseId' | 'kind' | 'body' | 'authorType' | 'authorId'>;

@Injectable()
export class CaseNoteRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(note: NewCaseNote, manager?: EntityManager): Promise<CaseNoteEntity> {
    const repository = this.repository(manager);
    return repository.save(repository.create(note));
  }

  findById(id: string): Promise<CaseNoteEntity | null> {
    return this.repository().findOneBy({ id });
  }

  /**
   * The objections of the case written since `since` that the workflow has not taken up (no
   * `objection_raised` names them), oldest first: those the api kept because it could not hand them over.
   */
  objectionsNotTakenUp(caseId: string, since: Date, manager?: EntityManager): Promise<CaseNoteEntity[]> {
    return this.repository(manager)
      .createQueryBuilder('note')
      .where('note.case_id = :caseId AND note.kind = :kind AND note.created_at >= :since', {
        caseId,
        kind: 'objection_reason',
        since,
      })
      .andWhere(
        `NOT EXISTS (SELECT 1 FROM case_events e WHERE e.case_id = note.case_id
           AND e.type = 'objection_raised' AND e.details->>'noteId' = note.id::text)`,
      )
      .orderBy('note.created_at', 'ASC')
      .addOrderBy('note.id', 'ASC')
      .getMany();
  }

  /** Whether the workflow took up objection `noteId` (an `objection_raised` names it). */
  async objectionTakenUp(caseId: string, noteId: string, manager?: EntityManager): Promise<boolean> {
    const rows = await (manager ?? this.dataSource.manager).query<unknown[]>(
      `SELECT 1 FROM case_events WHERE case_id = $1 AND type = 'objection_raised' AND details->>'noteId' = $2`,
      [caseId, noteId],
    );
    return rows.length > 0;
  }

  /** Only for a note whose action the workflow refused: it never became part of the case. */
  async delete(id: string, manager?: EntityManager): Promise<void> {
    await this.repository(manager).delete({ id });
  }

  private repository(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(CaseNoteEntity);
  }
}
