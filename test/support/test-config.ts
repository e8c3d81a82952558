import { randomUUID } from 'node:crypto';
import { loadConfig, type AppConfig } from '@app/config';
import { freePort } from '../../tools/support/free-port';
import { testInfrastructure } from './test-infrastructure';

/**
 * Configuration for an in-process api and worker: the run's database and Temporal server, a task queue
 * of its own (so test files never pick up each other's work), seconds instead of days.
 */
export function testConfig(overrides: NodeJS.ProcessEnv = {}): AppConfig {
  const infrastructure = testInfrastructure();
  return loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: infrastructure.databaseUrl,
    TEMPORAL_ADDRESS: infrastructure.temporalAddress,
    TEMPORAL_TASK_QUEUE: `test-${randomUUID()}`,
    WORKFLOW_BUNDLE_PATH: infrastructure.workflowBundlePath,
    PUBLIC_BASE_URL: 'http://recovery.test',
    SECRET_KEY: `test-secret-key-${randomUUID()}`,
    PLATFORM_JWT_SECRET: `test-jwt-secret-${randomUUID()}`,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
    // Every test requests from 127.0.0.1; the limit has a test of its own.
    INTAKE_RATE_LIMIT: '100000',
    ...overrides,
  });
}

/** A Temporal address where nothing listens, and a short wait for it: for tests of Temporal being away. */
export async function unreachableTemporal(): Promise<NodeJS.ProcessEnv> {
  return { TEMPORAL_ADDRESS: `127.0.0.1:${await freePort()}`, TEMPORAL_CONNECT_TIMEOUT: 'PT0.3S' };
}
