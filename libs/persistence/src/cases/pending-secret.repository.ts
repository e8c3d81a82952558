import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { PendingSecretEntity, type PendingSecretPurpose } from './pending-secret.entity';

@Injectable()
export class PendingSecretRepository {
  constructor(private readonly dataSource: DataSource) {}

  async put(
    caseId: string,
    purpose: PendingSecretPurpose,
    sealed: Buffer,
    manager?: EntityManager,
  ): Promise<void> {
    await this.repository(manager).upsert({ caseId, purpose, sealed }, ['caseId', 'purpose']);
  }

  find(caseId: string, purpose: PendingSecretPurpose): Promise<PendingSecretEntity | null> {
    return this.repository().findOneBy({ caseId, purpose });
  }

  async delete(caseId: string, purpose: PendingSecretPurpose, manager?: EntityManager): Promise<void> {
    await this.repository(manager).delete({ caseId, purpose });
  }

  private repository(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(PendingSecretEntity);
  }
}
