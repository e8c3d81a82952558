import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@app/persistence';
import { testInfrastructure } from './test-infrastructure';

/** A connection to the run's migrated database, for assertions a test cannot make over HTTP. */
export async function openTestDatabase(): Promise<DataSource> {
  return new DataSource(
    dataSourceOptions(testInfrastructure().databaseUrl, 'econnect-recovery-test'),
  ).initialize();
}
