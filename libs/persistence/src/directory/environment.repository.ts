import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ADVISED_ADMINISTRATORS, type SubscriptionPlan } from '@app/domain';
import { EnvironmentEntity } from './environment.entity';
import { UserEntity } from './user.entity';

/** An environment with fewer than two active administrators, and how many it has. */
export interface EnvironmentAtRisk {
  environment: EnvironmentEntity;
  activeAdministrators: number;
}

@Injectable()
export class EnvironmentRepository {
  constructor(private readonly dataSource: DataSource) {}

  findById(id: string, manager?: EntityManager): Promise<EnvironmentEntity | null> {
    return this.repository(manager).findOneBy({ id });
  }

  /**
   * Locks the environment's row until the transaction ends. Every change that could remove an active
   * administrator takes this lock first, so two of them never count the administrators at the same time.
   */
  lockForRoleChange(id: string, manager: EntityManager): Promise<EnvironmentEntity | null> {
    return this.repository(manager).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async changePlan(id: string, plan: SubscriptionPlan): Promise<void> {
    await this.repository().update({ id }, { plan, updatedAt: () => 'now()' });
  }

  /**
   * Environments with fewer than two active administrators (those with none first), for the managers'
   * list of environments at risk of being orphaned.
   */
  async findAtRisk(): Promise<EnvironmentAtRisk[]> {
    // Grouped by the primary key: one raw row per environment, in the same order as the entities.
    const { entities, raw } = await this.repository()
      .createQueryBuilder('environment')
      .leftJoin(
        UserEntity,
        'administrator',
        `administrator.environment_id = environment.id AND administrator.role = 'administrator' AND administrator.status = 'active'`,
      )
      .addSelect('count(administrator.id)::int', 'active_administrators')
      .groupBy('environment.id')
      .having(`count(administrator.id) < ${ADVISED_ADMINISTRATORS}`)
      .orderBy('active_administrators', 'ASC')
      .addOrderBy('environment.name', 'ASC')
      .addOrderBy('environment.id', 'ASC')
      .getRawAndEntities<{ active_administrators: number }>();
    return entities.map((environment, index) => ({
      environment,
      activeAdministrators: raw[index]?.active_administrators ?? 0,
    }));
  }

  private repository(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(EnvironmentEntity);
  }
}
