import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@app/persistence';

/** Opens a connection for one command's work and always closes it, so the process can end. */
export async function withDataSource<T>(
  databaseUrl: string,
  work: (dataSource: DataSource) => Promise<T>,
): Promise<T> {
  const dataSource = new DataSource(dataSourceOptions(databaseUrl, 'econnect-recovery-cli'));
  await dataSource.initialize();
  try {
    return await work(dataSource);
  } finally {
    await dataSource.destroy();
  }
}
