import { Injectable } from '@nestjs/common';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import type { DocumentRefusalReason, ExtractFindings } from '@app/domain';
import { CaseDocumentEntity } from './case-document.entity';

export interface NewCaseDocument {
  caseId: string;
  content: Buffer;
  sha256: Buffer;
}

@Injectable()
export class CaseDocumentRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Stores an upload as the case's next document. Two uploads at once cannot take the same sequence:
   * the unique (case, sequence) constraint refuses the second (see `isUniqueViolation`).
   */
  async insert({ caseId, content, sha256 }: NewCaseDocument): Promise<CaseDocumentEntity> {
    const repository = this.repository();
    const sequence = (await repository.countBy({ caseId })) + 1;
    const saved = await repository.save(
      repository.create({ caseId, content, sha256, byteSize: content.length, sequence, status: 'received' }),
    );
    return saved;
  }

  countForCase(caseId: string): Promise<number> {
    return this.repository().countBy({ caseId });
  }

  findById(id: string): Promise<CaseDocumentEntity | null> {
    return this.repository().findOneBy({ id });
  }

  /** The bytes of one document (left out of every other read: they can be 10 MB). */
  async contentOf(id: string): Promise<Buffer | undefined> {
    const row = await this.repository()
      .createQueryBuilder('document')
      .select('document.content', 'content')
      .where('document.id = :id', { id })
      .getRawOne<{ content: Buffer }>();
    return row?.content;
  }

  /** The most recent document that was read, whose findings the agent decides on. */
  latestAnalysed(caseId: string, manager?: EntityManager): Promise<CaseDocumentEntity | null> {
    return this.repository(manager).findOne({
      where: { caseId, status: 'analysed' },
      order: { sequence: 'DESC' },
    });
  }

  listForCase(caseId: string): Promise<CaseDocumentEntity[]> {
    return this.repository().find({ where: { caseId }, order: { sequence: 'ASC' } });
  }

  async recordAnalysis(
    id: string,
    result: { pageCount: number; extract: object; findings: ExtractFindings },
    manager?: EntityManager,
  ): Promise<void> {
    await this.repository(manager).update(
      { id },
      { ...result, status: 'analysed', refusalReason: null, refusalMessage: null, analysedAt: () => 'now()' },
    );
  }

  async updateFindings(id: string, findings: ExtractFindings, manager?: EntityManager): Promise<void> {
    await this.repository(manager).update({ id }, { findings });
  }

  async recordRefusal(
    id: string,
    refusal: { reason: DocumentRefusalReason; message: string; pageCount?: number },
    manager?: EntityManager,
  ): Promise<void> {
    await this.repository(manager).update(
      { id },
      {
        status: 'refused',
        refusalReason: refusal.reason,
        refusalMessage: refusal.message,
        pageCount: refusal.pageCount ?? null,
        analysedAt: () => 'now()',
      },
    );
  }

  /**
   * The workflow takes the upload: answers false when it is not there (the api took it back first). One
   * statement on the row, so that it and {@link deleteUntaken} cannot both succeed.
   */
  async markTaken(id: string, caseId: string): Promise<boolean> {
    const result = await this.repository()
      .createQueryBuilder()
      .update()
      .set({ takenAt: () => 'coalesce(taken_at, now())' })
      .where({ id, caseId })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  /** The workflow could not take the upload after all (the case had moved on): the api may take it back. */
  async markUntaken(id: string): Promise<void> {
    await this.repository().update({ id, status: 'received' }, { takenAt: null });
  }

  /** Takes back an upload the workflow refused or did not answer for, unless the workflow took it since. */
  async deleteUntaken(id: string): Promise<void> {
    await this.repository().delete({ id, status: 'received', takenAt: IsNull() });
  }

  private repository(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(CaseDocumentEntity);
  }
}
