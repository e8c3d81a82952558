import { startFromSource, type ServiceProcess } from './source-process';

/**
 * The worker as its own process from source (`apps/worker/src/main.ts`), to observe what it writes;
 * resolves once it polls its task queue.
 */
export function spawnWorker(env: NodeJS.ProcessEnv): Promise<ServiceProcess> {
  return startFromSource('apps/worker/src/main.ts', env, (output) => {
    expect(output).toContain('Temporal worker running');
  });
}
