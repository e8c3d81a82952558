import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { IntakeIdempotencyKeyEntity } from './intake-idempotency-key.entity';

@Injectable()
export class IntakeIdempotencyKeyRepository {
  constructor(private readonly dataSource: DataSource) {}

  findByKey(key: string, manager?: EntityManager): Promise<IntakeIdempotencyKeyEntity | null> {
    return this.repository(manager).findOneBy({ key });
  }

  /** Fails with a unique violation when another request took the key first (see `isUniqueViolation`). */
  async insert(key: string, requestHash: Buffer, caseId: string, manager?: EntityManager): Promise<void> {
    await this.repository(manager).insert({ key, requestHash, caseId });
  }

  private repository(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(IntakeIdempotencyKeyEntity);
  }
}
