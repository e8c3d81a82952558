// Entry point for the TypeORM CLI (migration:generate, migration:show) only; the service uses PersistenceModule.
import { DataSource } from 'typeorm';
import { loadConfig } from '@app/config';
import { dataSourceOptions } from './data-source-options';

export default new DataSource(dataSourceOptions(loadConfig().databaseUrl, 'econnect-recovery-typeorm-cli'));
