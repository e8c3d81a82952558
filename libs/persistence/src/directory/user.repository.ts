import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import type { EnvironmentRole, UserStatus } from '@app/domain';
import { UserEntity } from './user.entity';

export type NewUser = Pick<UserEntity, 'environmentId' | 'email' | 'name' | 'role' | 'status'> & {
  id?: string;
};

export interface UserChanges {
  role?: EnvironmentRole;
  status?: UserStatus;
}

@Injectable()
export class UserRepository {
  constructor(private readonly dataSource: DataSource) {}

  findById(id: string, manager?: EntityManager): Promise<UserEntity | null> {
    return this.repository(manager).findOneBy({ id });
  }

  findInEnvironment(environmentId: string, id: string, manager?: EntityManager): Promise<UserEntity | null> {
    return this.repository(manager).findOneBy({ environmentId, id });
  }

  /** The given users of the environment, by name; ids of other environments are left out. */
  /** The user with this address (any case) in the environment: one at most, by the unique expression index. */
  findByEmailInEnvironment(
    environmentId: string,
    email: string,
    manager?: EntityManager,
  ): Promise<UserEntity | null> {
    return this.repository(manager)
      .createQueryBuilder('user')
      .where('user.environment_id = :environmentId AND lower(user.email) = lower(:email)', {
        environmentId,
        email,
      })
      .getOne();
  }

  listByIds(environmentId: string, ids: readonly string[]): Promise<UserEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.repository().find({
      where: { environmentId, id: In([...ids]) },
      order: { name: 'ASC', id: 'ASC' },
    });
  }

  listForEnvironment(environmentId: string): Promise<UserEntity[]> {
    return this.repository().find({ where: { environmentId }, order: { name: 'ASC', id: 'ASC' } });
  }

  countActiveAdministrators(environmentId: string, manager?: EntityManager): Promise<number> {
    return this.repository(manager).countBy({ environmentId, role: 'administrator', status: 'active' });
  }

  async insert(values: NewUser, manager?: EntityManager): Promise<UserEntity> {
    const repository = this.repository(manager);
    return repository.save(repository.create(values));
  }

  async change(id: string, changes: UserChanges, manager?: EntityManager): Promise<void> {
    const { role, status } = changes;
    await this.repository(manager).update(
      { id },
      {
        ...(role !== undefined ? { role } : {}),
        ...(status !== undefined ? { status } : {}),
        updatedAt: () => 'now()',
      },
    );
  }

  /** An invited user becomes active at their first signed-in request; answers whether this was it. */
  async activateInvited(id: string): Promise<boolean> {
    const result = await this.repository().update(
      { id, status: 'invited' },
      { status: 'active', updatedAt: () => 'now()' },
    );
    return (result.affected ?? 0) > 0;
  }

  /** Only for undoing an invitation whose mail could not be scheduled: the inviter was told it failed. */
  async deleteInvited(id: string): Promise<void> {
    await this.repository().delete({ id, status: 'invited' });
  }

  private repository(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(UserEntity);
  }
}
