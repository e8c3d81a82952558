import { spawn } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/** Runs an entry point from source with exactly the given environment; resolves its exit and output. */
function run(entry: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', entry],
      { cwd: ROOT, env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    for (const stream of [child.stdout, child.stderr]) {
      stream.on('data', (chunk: Buffer) => (output += chunk.toString()));
    }
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe('starting a process with bad configuration', () => {
  it('stops the api with a message naming every wrong variable', async () => {
    const { code, output: stderr } = await run('apps/api/src/main.ts', {
      PORT: 'eighty',
      TEMPORAL_ADDRESS: 'no-port-here',
    });
    expect(code).toBe(1);
    expect(stderr).toContain('Invalid configuration');
    expect(stderr).toContain('PORT must be a whole number (got "eighty")');
    expect(stderr).toContain('TEMPORAL_ADDRESS must be host:port');
  });

  it('stops the worker in production when a secret is missing, without printing the others', async () => {
    const { code, output: stderr } = await run('apps/worker/src/main.ts', {
      NODE_ENV: 'production',
      PLATFORM_JWT_SECRET: 'a-platform-secret-that-is-long-enough-1234',
    });
    expect(code).toBe(1);
    expect(stderr).toContain('SECRET_KEY is required in production');
    expect(stderr).not.toContain('PLATFORM_JWT_SECRET');
    expect(stderr).not.toContain('a-platform-secret-that-is-long-enough-1234');
  });

  it('stops npm run dev before it starts anything, naming the variable', async () => {
    const { code, output } = await run('tools/dev/dev.ts', { PORT: 'eighty' });
    expect(code).toBe(1);
    expect(output).toContain('PORT must be a whole number (got "eighty")');
    expect(output).not.toContain('PostgreSQL ready');
  });
});
