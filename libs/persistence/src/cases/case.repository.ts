import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import type { CaseStatus } from '@app/domain';
import { CaseEntity } from './case.entity';

export type NewCase = Pick<
  CaseEntity,
  | 'id'
  | 'reference'
  | 'status'
  | 'method'
  | 'requesterName'
  | 'requesterEmail'
  | 'requesterPhone'
  | 'companyName'
  | 'kvkNumber'
  | 'environmentReference'
  | 'formerAdminEmail'
  | 'message'
  | 'tokenHash'
>;

@Injectable()
export class CaseRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(values: NewCase, manager?: EntityManager): Promise<CaseEntity> {
    const repository = this.repository(manager);
    return repository.save(repository.create(values));
  }

  findById(id: string, manager?: EntityManager): Promise<CaseEntity | null> {
    return this.repository(manager).findOneBy({ id });
  }

  findByReference(reference: string, manager?: EntityManager): Promise<CaseEntity | null> {
    return this.repository(manager).findOneBy({ reference });
  }

  /**
   * Moves the case to `to` only if it is still in one of `from`; answers whether it did.
   * The guard in the WHERE clause makes concurrent transitions safe without a separate lock.
   */
  async transition(
    id: string,
    from: readonly CaseStatus[],
    to: CaseStatus,
    manager?: EntityManager,
  ): Promise<boolean> {
    const result = await this.repository(manager).update(
      { id, status: In([...from]) },
      { status: to, updatedAt: () => 'now()' },
    );
    return (result.affected ?? 0) > 0;
  }

  /** Only for undoing an intake whose workflow could not be started: the requester was told it failed. */
  async deleteUnstarted(id: string): Promise<void> {
    await this.repository().delete({ id });
  }

  private repository(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(CaseEntity);
  }
}
