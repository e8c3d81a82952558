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

  /** Only for a note whose action the workflow refused: it never became part of the case. */
  async delete(id: string): Promise<void> {
    await this.repository().delete({ id });
  }

  private repository(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(CaseNoteEntity);
  }
}
