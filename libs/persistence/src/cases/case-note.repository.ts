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
   * The first objection of the case that the workflow has not taken up (no `objection_raised` names it):
   * one the api kept because it could not hand it over. Read in the caller's transaction.
   */
  async objectionNotTakenUp(caseId: string, manager?: EntityManager): Promise<string | null> {
    const [row] = await (manager ?? this.dataSource.manager).query<{ id: string }[]>(
      `SELECT n.id FROM case_notes n
        WHERE n.case_id = $1 AND n.kind = 'objection_reason'
          AND NOT EXISTS (SELECT 1 FROM case_events e
                           WHERE e.case_id = n.case_id AND e.type = 'objection_raised'
                             AND e.details->>'noteId' = n.id::text)
        ORDER BY n.created_at, n.id LIMIT 1`,
      [caseId],
    );
    return row?.id ?? null;
  }

  /** Whether the workflow took up objection `noteId` (an `objection_raised` names it). */
  async objectionTakenUp(caseId: string, noteId: string): Promise<boolean> {
    const rows = await this.dataSource.query<unknown[]>(
      `SELECT 1 FROM case_events WHERE case_id = $1 AND type = 'objection_raised' AND details->>'noteId' = $2`,
      [caseId, noteId],
    );
    return rows.length > 0;
  }

  /** Only for a note whose action the workflow refused: it never became part of the case. */
  async delete(id: string): Promise<void> {
    await this.repository().delete({ id });
  }

  private repository(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(CaseNoteEntity);
  }
}
