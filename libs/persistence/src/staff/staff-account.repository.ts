import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { StaffAccountEntity } from './staff-account.entity';

export type NewStaffAccount = Pick<StaffAccountEntity, 'email' | 'name' | 'role' | 'passwordHash'> & {
  id?: string;
  active?: boolean;
};

@Injectable()
export class StaffAccountRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Fails with a unique violation of `ux_staff_accounts_email` when an account has the address, in any case. */
  async insert(values: NewStaffAccount, manager?: EntityManager): Promise<StaffAccountEntity> {
    const repository = this.repository(manager);
    return repository.save(repository.create(values));
  }

  findById(id: string, manager?: EntityManager): Promise<StaffAccountEntity | null> {
    return this.repository(manager).findOneBy({ id });
  }

  /** The account with this address, whatever its case (through the unique index on lower(email)). */
  findByEmail(email: string, manager?: EntityManager): Promise<StaffAccountEntity | null> {
    return this.repository(manager)
      .createQueryBuilder('staff')
      .where('lower(staff.email) = lower(:email)', { email })
      .getOne();
  }

  /** After a sign-in with a hash made with older parameters. */
  async replacePasswordHash(id: string, passwordHash: string, manager?: EntityManager): Promise<void> {
    await this.repository(manager).update({ id }, { passwordHash });
  }

  /** Addresses of the managers who can sign in, in a stable order: who gets the overdue reminders. */
  async listActiveManagerEmails(manager?: EntityManager): Promise<string[]> {
    const rows = await this.repository(manager).find({
      select: { email: true },
      where: { role: 'manager', active: true },
      order: { email: 'ASC' },
    });
    return rows.map((row) => row.email);
  }

  private repository(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(StaffAccountEntity);
  }
}
