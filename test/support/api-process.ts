import { eventually } from './eventually';
import { spawnFromSource } from './source-process';

export interface ApiProcess {
  baseUrl: string;
  /** Every line the process wrote to standard output so far. */
  lines(): string[];
  stop(): Promise<void>;
}

/** The api as its own process from source (`apps/api/src/main.ts`), to observe what it writes. */
export async function spawnApi(env: NodeJS.ProcessEnv, port: number): Promise<ApiProcess> {
  // Every test requests from 127.0.0.1 into one database: the intake's rate limit has a test of its own.
  const child = spawnFromSource(
    'apps/api/src/main.ts',
    [],
    { INTAKE_RATE_LIMIT: '100000', ...env, PORT: String(port) },
    ['ignore', 'pipe', 'inherit'],
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const baseUrl = `http://127.0.0.1:${port}`;
  await eventually(
    async () => {
      if (child.exitCode !== null) throw new Error(`the api exited with ${child.exitCode}`);
      expect((await fetch(`${baseUrl}/health/live`)).status).toBe(200);
    },
    30_000,
    200,
  );
  return {
    baseUrl,
    lines: () => output.split('\n').filter(Boolean),
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
