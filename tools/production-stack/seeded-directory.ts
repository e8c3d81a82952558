import type { DataSource } from 'typeorm';
import { EnvironmentEntity, OrganisationRepository, UserRepository } from '@app/persistence';

/** What a requester types to find an environment: its organisation's KvK number and name. */
export interface SeededEnvironment {
  kvkNumber: string;
  companyName: string;
}

/**
 * Environments shaped like the demo's orphaned ENV-1002: a contact address, one organisation with its own
 * contact address, a deactivated sole administrator and two active users. A code goes to three known
 * addresses, cooling-off notices to five, a rejection to the requester.
 */
export async function seedDirectory(db: DataSource, count: number): Promise<SeededEnvironment[]> {
  const environments: SeededEnvironment[] = [];
  for (let i = 0; i < count; i += 1) {
    const { id: environmentId } = await db.getRepository(EnvironmentEntity).save({
      reference: `ENV-B${i}`,
      name: `Bench ${i}`,
      contactEmail: `info${i}@bench.example`,
      plan: 'basic',
    });
    const kvkNumber = String(30_000_000 + i);
    const companyName = `Bench ${i} B.V.`;
    await new OrganisationRepository(db).insert({
      environmentId,
      name: companyName,
      kvkNumber,
      contactEmail: `office${i}@bench.example`,
    });
    const users = new UserRepository(db);
    await users.insert({
      environmentId,
      email: `admin${i}@bench.example`,
      name: `Admin ${i}`,
      role: 'administrator',
      status: 'deactivated',
    });
    for (const n of [1, 2]) {
      await users.insert({
        environmentId,
        email: `user${n}.${i}@bench.example`,
        name: `User ${n} ${i}`,
        role: 'user',
        status: 'active',
      });
    }
    environments.push({ kvkNumber, companyName });
  }
  return environments;
}
