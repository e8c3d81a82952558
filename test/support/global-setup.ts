// Global set-up runs outside Jest's module registry: resolve our path aliases here too.
import 'tsconfig-paths/register';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@app/persistence';
import {
  createDatabase,
  startPostgres,
  withDatabase,
  type PostgresServer,
} from '../../tools/postgres/postgres-server';
import { ensureTemporalCli } from '../../tools/temporal/temporal-cli';
import { startTemporalDevServer, type TemporalDevServer } from '../../tools/temporal/temporal-dev-server';
import { TEST_ENV } from './test-infrastructure';

export interface StartedInfrastructure {
  workDir: string;
  postgres: PostgresServer;
  databaseName: string;
  temporal?: TemporalDevServer;
}

const log = (message: string): void => {
  process.stderr.write(`[test set-up] ${message}\n`);
};

/**
 * Starts what the integration tests need, once per run: a fresh PostgreSQL database (on DATABASE_URL's
 * server, or an embedded server) with the migrations applied, a Temporal dev server (unless
 * TEMPORAL_ADDRESS names one), and the workflow bundle.
 */
export default async function globalSetup(): Promise<void> {
  const started = Date.now();
  const workDir = await mkdtemp(join(tmpdir(), 'econnect-recovery-test-'));
  // As root, an embedded PostgreSQL runs as the user `postgres`, which must be able to enter this folder.
  await chmod(workDir, 0o711);

  const [postgres, temporal, bundle] = await Promise.all([
    startPostgres({ databaseUrl: process.env.DATABASE_URL, dataDir: join(workDir, 'pg'), persistent: false }),
    process.env.TEMPORAL_ADDRESS
      ? Promise.resolve(undefined)
      : ensureTemporalCli(log).then((cliPath) => startTemporalDevServer({ cliPath, headless: true })),
    bundleWorkflowCode({ workflowsPath: require.resolve('../../workflows'), logger: quietBundlerLogger }),
  ]);

  const databaseName = `econnect_test_${process.pid}_${Date.now().toString(36)}`;
  await createDatabase(postgres.adminUrl, databaseName);
  const databaseUrl = withDatabase(postgres.adminUrl, databaseName);
  const dataSource = await new DataSource(
    dataSourceOptions(databaseUrl, 'econnect-recovery-test-setup'),
  ).initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  await dataSource.destroy();

  const bundlePath = join(workDir, 'workflow-bundle.js');
  await writeFile(bundlePath, bundle.code);

  process.env[TEST_ENV.databaseUrl] = databaseUrl;
  process.env[TEST_ENV.temporalAddress] = temporal?.address ?? process.env.TEMPORAL_ADDRESS;
  process.env[TEST_ENV.workflowBundlePath] = bundlePath;
  (globalThis as { __testInfrastructure?: StartedInfrastructure }).__testInfrastructure = {
    workDir,
    postgres,
    databaseName,
    temporal,
  };
  log(
    `ready in ${((Date.now() - started) / 1000).toFixed(1)} s (database ${databaseName}${postgres.embedded ? ', embedded' : ''})`,
  );
}

const quietBundlerLogger = {
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: (message: string) => log(`bundler: ${message}`),
  error: (message: string) => log(`bundler: ${message}`),
  log: () => undefined,
};

export async function cleanUp(infrastructure: StartedInfrastructure): Promise<void> {
  await infrastructure.temporal?.stop();
  await infrastructure.postgres.stop();
  await rm(infrastructure.workDir, { recursive: true, force: true });
}
