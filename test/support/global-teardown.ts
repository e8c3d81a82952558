import { dropDatabase } from '../../tools/postgres/postgres-server';
import { cleanUp, type StartedInfrastructure } from './global-setup';

/** Drops the run's database and stops what the global set-up started (and nothing else). */
export default async function globalTeardown(): Promise<void> {
  const infrastructure = (globalThis as { __testInfrastructure?: StartedInfrastructure })
    .__testInfrastructure;
  if (!infrastructure) return;
  if (!infrastructure.postgres.embedded) {
    await dropDatabase(infrastructure.postgres.adminUrl, infrastructure.databaseName);
  }
  await cleanUp(infrastructure);
}
