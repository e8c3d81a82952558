import { startFromSource, type ServiceProcess } from './source-process';

/** The worker's entry point as production starts it. */
const WORKER_MAIN = 'apps/worker/src/main.ts';
/** The same worker, stopping in the middle of chosen activities (see the file). */
export const HOLDING_WORKER_MAIN = 'test/support/holding-worker.main.ts';

/**
 * The worker as its own process from source (`apps/worker/src/main.ts`, or `entry`), to observe what it
 * writes or to kill it; resolves once it polls its task queue.
 */
export function spawnWorker(env: NodeJS.ProcessEnv, entry = WORKER_MAIN): Promise<ServiceProcess> {
  // The probes on a free port, unless the test asks them on a port of its own: tests run side by side.
  return startFromSource(entry, { WORKER_HEALTH_PORT: '0', ...env }, (output) => {
    expect(output).toContain('Temporal worker running');
  });
}
