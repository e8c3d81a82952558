import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import { join } from 'node:path';
import { eventually } from './eventually';
import { testInfrastructure } from './test-infrastructure';

const ROOT = join(__dirname, '..', '..');

interface ProcessResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Both streams in the order they arrived. */
  output: string;
}

/** Starts one of our entry points from source, with exactly the given environment plus PATH. */
function spawnFromSource(
  entry: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  stdio: StdioOptions = ['ignore', 'pipe', 'pipe'],
): ChildProcess {
  return spawn(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', entry, ...args],
    { cwd: ROOT, env: { PATH: process.env.PATH, ...env }, stdio },
  );
}

/** A long-running process of ours (the api, the worker), started from source, whose output a test reads. */
export interface ServiceProcess {
  /** Every line the process wrote to standard output so far. */
  lines(): string[];
  /** Everything the process wrote to standard error so far (also passed on to the test's own). */
  errorOutput(): string;
  stop(): Promise<void>;
  /** Kills the process at once (SIGKILL: no drain, no goodbye), as a crash or an OOM kill would. */
  kill(): Promise<void>;
}

/**
 * Starts a long-running entry point from source and resolves once `ready` (given the output so far) passes;
 * a process that exits or never gets ready is killed, so it does not outlive the test.
 */
export async function startFromSource(
  entry: string,
  env: NodeJS.ProcessEnv,
  ready: (output: string) => Promise<void> | void,
): Promise<ServiceProcess> {
  const child = spawnFromSource(entry, [], env);
  let output = '';
  let errorOutput = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => {
    errorOutput += chunk.toString();
    process.stderr.write(chunk);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    await eventually(
      async () => {
        if (child.exitCode !== null) throw new Error(`${entry} exited with ${child.exitCode}`);
        await ready(output);
      },
      30_000,
      200,
    );
  } catch (error) {
    child.kill('SIGKILL');
    await exited;
    throw error;
  }
  return {
    lines: () => output.split('\n').filter(Boolean),
    errorOutput: () => errorOutput,
    async stop() {
      // Asked to finish first; one that does not within ten seconds must not hold up the test run.
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(killer);
    },
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
  };
}

/**
 * Runs one of our entry points from source (as `npm run dev` and `npm run cli` do), with exactly the given
 * environment plus PATH; resolves its exit code and output. `input` is piped to its standard input (else
 * it has none). Killed after 30 s.
 */
export function runFromSource(
  entry: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  options: { input?: string } = {},
): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawnFromSource(entry, args, env, [
      options.input === undefined ? 'ignore' : 'pipe',
      'pipe',
      'pipe',
    ]);
    child.stdin?.end(options.input);
    const result = { stdout: '', stderr: '', output: '' };
    child.stdout?.on('data', (chunk: Buffer) => {
      result.stdout += chunk.toString();
      result.output += chunk.toString();
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      result.stderr += chunk.toString();
      result.output += chunk.toString();
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, ...result });
    });
  });
}

/**
 * `npm run cli -- ...args` against the run's database; `options.input` is piped to its standard input. In
 * development, as the npm script makes it unless NODE_ENV says otherwise.
 */
export function runCli(
  args: readonly string[],
  env: NodeJS.ProcessEnv = {},
  options: { input?: string } = {},
): Promise<ProcessResult> {
  return runFromSource(
    'apps/cli/src/main.ts',
    args,
    { NODE_ENV: 'development', DATABASE_URL: testInfrastructure().databaseUrl, ...env },
    options,
  );
}
