import { Injectable } from '@nestjs/common';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import { ObjectionTokenEntity } from './objection-token.entity';

@Injectable()
export class ObjectionTokenRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Stores the hashes of a cooling-off's links; a retried activity inserts nothing twice. */
  async insertAll(
    tokens: readonly Pick<ObjectionTokenEntity, 'tokenHash' | 'caseId' | 'round' | 'recipientEmail'>[],
    manager?: EntityManager,
  ): Promise<void> {
    if (tokens.length === 0) return;
    await this.repository(manager)
      .createQueryBuilder()
      .insert()
      .values([...tokens])
      .orIgnore()
      .execute();
  }

  /** Who a round's links went (or were to go) to: its notices' recipients. */
  async recipientsOf(caseId: string, round: number): Promise<string[]> {
    const rows = await this.repository().find({ select: { recipientEmail: true }, where: { caseId, round } });
    return rows.map((row) => row.recipientEmail);
  }

  findByHash(tokenHash: Buffer): Promise<ObjectionTokenEntity | null> {
    return this.repository().findOneBy({ tokenHash });
  }

  /** Uses a link once; answers false when it was used already (a second click, or a race). */
  async markUsed(tokenHash: Buffer, manager?: EntityManager): Promise<boolean> {
    const result = await this.repository(manager).update(
      { tokenHash, usedAt: IsNull() },
      { usedAt: () => 'now()' },
    );
    return (result.affected ?? 0) > 0;
  }

  /** Gives a link back: the objection it carried did not reach the case. */
  async markUnused(tokenHash: Buffer, manager?: EntityManager): Promise<void> {
    await this.repository(manager).update({ tokenHash }, { usedAt: null });
  }

  /** Ends every open link of the case (an objection returned it to review). */
  async retireAll(caseId: string, manager?: EntityManager): Promise<void> {
    await this.repository(manager).update({ caseId, usedAt: IsNull() }, { usedAt: () => 'now()' });
  }

  private repository(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(ObjectionTokenEntity);
  }
}
