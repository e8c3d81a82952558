import { startFromSource, type ServiceProcess } from './source-process';

export interface ApiProcess extends ServiceProcess {
  baseUrl: string;
}

/** The api as its own process from source (`apps/api/src/main.ts`), to observe what it writes. */
export async function spawnApi(env: NodeJS.ProcessEnv, port: number): Promise<ApiProcess> {
  const baseUrl = `http://127.0.0.1:${port}`;
  // Every test requests from 127.0.0.1 into one database: the intake's rate limit has a test of its own.
  const started = await startFromSource(
    'apps/api/src/main.ts',
    { INTAKE_RATE_LIMIT: '100000', ...env, PORT: String(port) },
    async () => {
      expect((await fetch(`${baseUrl}/health/live`)).status).toBe(200);
    },
  );
  return { ...started, baseUrl };
}
