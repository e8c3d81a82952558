import { Injectable } from '@nestjs/common';
import { DataSource, IsNull, Not, type EntityManager } from 'typeorm';
import { CaseEmailCodeEntity } from './case-email-code.entity';

@Injectable()
export class CaseEmailCodeRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Stores code number `sendNumber` unless it exists (a retried send keeps the first); answers whether it did. */
  async insertIfAbsent(
    code: Pick<CaseEmailCodeEntity, 'caseId' | 'sendNumber' | 'codeHash' | 'expiresAt' | 'attemptsLeft'>,
    manager?: EntityManager,
  ): Promise<boolean> {
    const result = await this.repository(manager)
      .createQueryBuilder()
      .insert()
      .values(code)
      .orIgnore()
      .returning('case_id')
      .execute();
    return (result.raw as unknown[]).length > 0;
  }

  listForCase(caseId: string): Promise<CaseEmailCodeEntity[]> {
    return this.repository().find({ where: { caseId }, order: { sendNumber: 'ASC' } });
  }

  find(caseId: string, sendNumber: number): Promise<CaseEmailCodeEntity | null> {
    return this.repository().findOneBy({ caseId, sendNumber });
  }

  /** The case's latest code, locked, so that two guesses at once are counted one after the other. */
  lockLatest(caseId: string, manager: EntityManager): Promise<CaseEmailCodeEntity | null> {
    return manager.getRepository(CaseEmailCodeEntity).findOne({
      where: { caseId },
      order: { sendNumber: 'DESC' },
      lock: { mode: 'pessimistic_write' },
    });
  }

  async spendAttempt(caseId: string, sendNumber: number, manager: EntityManager): Promise<void> {
    await manager.getRepository(CaseEmailCodeEntity).decrement({ caseId, sendNumber }, 'attemptsLeft', 1);
  }

  async markVerified(caseId: string, sendNumber: number, manager: EntityManager): Promise<void> {
    await manager
      .getRepository(CaseEmailCodeEntity)
      .update({ caseId, sendNumber }, { verifiedAt: () => 'now()' });
  }

  /** Whether a code of this case was entered correctly (the email method verified the requester). */
  async hasVerified(caseId: string): Promise<boolean> {
    return this.repository().exists({ where: { caseId, verifiedAt: Not(IsNull()) } });
  }

  private repository(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(CaseEmailCodeEntity);
  }
}
