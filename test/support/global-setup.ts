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
  dropDatabase,
  findLocalPostgres,
  startPostgres,
  withDatabase,
  type PostgresServer,
} from '../../tools/postgres/postgres-server';
import { ensureTemporalCli } from '../../tools/temporal/temporal-cli';
import { startTemporalDevServer, type TemporalDevServer } from '../../tools/temporal/temporal-dev-server';
import { TEST_ENV } from './test-infrastructure';
import { SCREENSHOT_DIR } from './browser';

/** What the set-up started; the teardown (or a failed set-up) stops exactly these. */
export interface StartedInfrastructure {
  workDir: string;
  postgres?: PostgresServer;
  databaseName?: string;
  temporal?: TemporalDevServer;
}

const log = (message: string): void => {
  process.stderr.write(`[test set-up] ${message}\n`);
};

const quietBundlerLogger = {
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: (message: string) => log(`bundler: ${message}`),
  error: (message: string) => log(`bundler: ${message}`),
  log: () => undefined,
};

/**
 * Starts what the integration tests need, once per run: a fresh PostgreSQL database (on DATABASE_URL's
 * server, else on the machine's PostgreSQL at 127.0.0.1:5432, else on an embedded server) with the migrations applied, a Temporal dev server (unless
 * TEMPORAL_ADDRESS names one), and the workflow bundle.
 */
export default async function globalSetup(): Promise<void> {
  const startedAt = Date.now();
  // The browser tests' screenshots are of this run only.
  await rm(SCREENSHOT_DIR, { recursive: true, force: true });
  const workDir = await mkdtemp(join(tmpdir(), 'econnect-recovery-test-'));
  // As root, an embedded PostgreSQL runs as the user `postgres`, which must be able to enter this folder.
  await chmod(workDir, 0o711);
  const started: StartedInfrastructure = { workDir };
  (globalThis as { __testInfrastructure?: StartedInfrastructure }).__testInfrastructure = started;

  try {
    const [, , bundle] = await Promise.all([
      startPostgres({
        // The server DATABASE_URL names, else the machine's own, else an embedded one.
        databaseUrl: process.env.DATABASE_URL || (await findLocalPostgres()),
        dataDir: join(workDir, 'pg'),
        persistent: false,
      }).then((postgres) => (started.postgres = postgres)),
      process.env.TEMPORAL_ADDRESS
        ? undefined
        : ensureTemporalCli(log)
            .then((cliPath) => startTemporalDevServer({ cliPath, headless: true }))
            .then((temporal) => (started.temporal = temporal)),
      bundleWorkflowCode({ workflowsPath: require.resolve('../../workflows'), logger: quietBundlerLogger }),
    ]);
    const postgres = started.postgres as PostgresServer;

    started.databaseName = `econnect_test_${process.pid}_${Date.now().toString(36)}`;
    await createDatabase(postgres.adminUrl, started.databaseName);
    const databaseUrl = withDatabase(postgres.adminUrl, started.databaseName);
    const dataSource = await new DataSource(
      dataSourceOptions(databaseUrl, 'econnect-recovery-test-setup'),
    ).initialize();
    try {
      await dataSource.runMigrations({ transaction: 'each' });
    } finally {
      await dataSource.destroy();
    }

    const bundlePath = join(workDir, 'workflow-bundle.js');
    await writeFile(bundlePath, bundle.code);

    process.env[TEST_ENV.databaseUrl] = databaseUrl;
    process.env[TEST_ENV.temporalAddress] = started.temporal?.address ?? process.env.TEMPORAL_ADDRESS;
    process.env[TEST_ENV.workflowBundlePath] = bundlePath;
    process.env[TEST_ENV.workDir] = workDir;
    const seconds = ((Date.now() - startedAt) / 1000).toFixed(1);
    log(`ready in ${seconds} s (database ${started.databaseName}${postgres.embedded ? ', embedded' : ''})`);
  } catch (error) {
    await stopInfrastructure(started);
    throw error;
  }
}

/** Drops the run's database and stops what was started here (and nothing else). */
export async function stopInfrastructure(started: StartedInfrastructure): Promise<void> {
  const { postgres, databaseName, temporal, workDir } = started;
  await Promise.allSettled([
    temporal?.stop(),
    postgres && databaseName && !postgres.embedded
      ? dropDatabase(postgres.adminUrl, databaseName)
      : undefined,
  ]);
  await postgres?.stop();
  await rm(workDir, { recursive: true, force: true });
}
