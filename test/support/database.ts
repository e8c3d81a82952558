import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@app/persistence';
import { createDatabase, dropDatabase, withDatabase } from '../../tools/postgres/postgres-server';
import { testInfrastructure } from './test-infrastructure';

/** A connection to the run's migrated database, for assertions a test cannot make over HTTP. */
export async function openTestDatabase(): Promise<DataSource> {
  return new DataSource(
    dataSourceOptions(testInfrastructure().databaseUrl, 'econnect-recovery-test'),
  ).initialize();
}

/**
 * A freshly migrated database of its own on the run's server, with its URL (for a service that should use
 * it); `drop` closes the connection and drops it.
 */
export async function openScratchDatabase(
  prefix: string,
): Promise<{ db: DataSource; url: string; drop(): Promise<void> }> {
  const adminUrl = withDatabase(testInfrastructure().databaseUrl, 'postgres');
  const name = `${prefix}_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  await createDatabase(adminUrl, name);
  const drop = () => dropDatabase(adminUrl, name);
  const url = withDatabase(adminUrl, name);
  let db: DataSource | undefined;
  try {
    db = await new DataSource(dataSourceOptions(url)).initialize();
    await db.runMigrations({ transaction: 'each' });
  } catch (error) {
    await db?.destroy();
    await drop();
    throw error;
  }
  const opened = db;
  return {
    db: opened,
    url,
    async drop() {
      await opened.destroy();
      await drop();
    },
  };
}

/**
 * Runs `body` on a scratch database (see {@link openScratchDatabase}), dropped afterwards: for a test that
 * looks at every row (figures, a load into an empty database), whatever the other tests wrote.
 */
export async function withScratchDatabase<T>(
  prefix: string,
  body: (db: DataSource) => Promise<T>,
): Promise<T> {
  const scratch = await openScratchDatabase(prefix);
  try {
    return await body(scratch.db);
  } finally {
    await scratch.drop();
  }
}
