import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { IntakeIdempotencyKeyEntity } from './intake-idempotency-key.entity';

/** A key's lifetime, measured on the database's clock (the one that wrote `created_at`). */
const EXPIRED = `"created_at" <= now() - make_interval(secs => :lifetimeSeconds)`;
const LIVE = `"created_at" > now() - make_interval(secs => :lifetimeSeconds)`;

export interface IntakeIdempotencyKeyUse {
  clientAddress: string;
  key: string;
  requestHash: Buffer;
  caseId: string;
}

@Injectable()
export class IntakeIdempotencyKeyRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The client's use of the key within its lifetime; an older use counts as never made. */
  findLive(
    clientAddress: string,
    key: string,
    lifetimeMs: number,
    manager?: EntityManager,
  ): Promise<IntakeIdempotencyKeyEntity | null> {
    return this.repository(manager)
      .createQueryBuilder('k')
      .where(`"client_address" = :clientAddress AND "key" = :key AND ${LIVE}`, {
        clientAddress,
        key,
        lifetimeSeconds: lifetimeMs / 1000,
      })
      .getOne();
  }

  /**
   * Takes the key for a new case, replacing the client's expired use of it. Fails with a unique violation
   * when another request of the client took the key first (see `isUniqueViolation`).
   */
  async claim(use: IntakeIdempotencyKeyUse, lifetimeMs: number, manager?: EntityManager): Promise<void> {
    const repository = this.repository(manager);
    await repository
      .createQueryBuilder()
      .delete()
      .where(`"client_address" = :clientAddress AND "key" = :key AND ${EXPIRED}`, {
        clientAddress: use.clientAddress,
        key: use.key,
        lifetimeSeconds: lifetimeMs / 1000,
      })
      .execute();
    await repository.insert(use);
  }

  /** Deletes every key past its lifetime; answers how many. */
  async forgetExpired(lifetimeMs: number): Promise<number> {
    const result = await this.repository()
      .createQueryBuilder()
      .delete()
      .where(EXPIRED, { lifetimeSeconds: lifetimeMs / 1000 })
      .execute();
    return result.affected ?? 0;
  }

  private repository(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(IntakeIdempotencyKeyEntity);
  }
}
