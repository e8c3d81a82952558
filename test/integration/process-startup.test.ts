import { spawn } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/** Runs a process's main.ts from source with exactly the given environment; resolves its exit and stderr. */
function runMain(
  app: 'api' | 'worker',
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', `apps/${app}/src/main.ts`],
      { cwd: ROOT, env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

describe('starting a process with bad configuration', () => {
  it('stops the api with a message naming every wrong variable', async () => {
    const { code, stderr } = await runMain('api', { PORT: 'eighty', TEMPORAL_ADDRESS: 'no-port-here' });
    expect(code).toBe(1);
    expect(stderr).toContain('Invalid configuration');
    expect(stderr).toContain('PORT must be a whole number (got "eighty")');
    expect(stderr).toContain('TEMPORAL_ADDRESS must be host:port');
  });

  it('stops the worker in production when a secret is missing, without printing the others', async () => {
    const { code, stderr } = await runMain('worker', {
      NODE_ENV: 'production',
      PLATFORM_JWT_SECRET: 'a-platform-secret-that-is-long-enough-1234',
    });
    expect(code).toBe(1);
    expect(stderr).toContain('SECRET_KEY is required in production');
    expect(stderr).not.toContain('PLATFORM_JWT_SECRET');
    expect(stderr).not.toContain('a-platform-secret-that-is-long-enough-1234');
  });
});
