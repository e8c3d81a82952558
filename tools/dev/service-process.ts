import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface ServiceProcess {
  name: string;
  child: ChildProcess;
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

const STOP_GRACE_MS = 15_000;

/** pino writes numeric levels (40 warn, 50 error), Temporal's runtime names; only warnings and errors get a label. */
function levelLabel(level: number | string | undefined): string {
  if (typeof level !== 'number') return level === 'INFO' || level === undefined ? '' : level;
  return level >= 50 ? 'ERROR' : level >= 40 ? 'WARN' : '';
}

/** Reads the JSON log lines of a process and prints them short and readable, prefixed with its name. */
function printLine(name: string, line: string): void {
  let text = line;
  try {
    const entry = JSON.parse(line) as {
      level?: number | string;
      msg?: string;
      context?: string;
      err?: { message?: string };
    };
    text = [
      levelLabel(entry.level),
      entry.context ? `[${entry.context}]` : '',
      entry.msg ?? '',
      entry.err?.message ? `: ${entry.err.message}` : '',
    ]
      .filter(Boolean)
      .join(' ');
  } catch {
    // Not JSON (a stack trace, a warning from Node): print as it is.
  }
  process.stdout.write(`${name.padEnd(7)}| ${text}\n`);
}

/** Starts one of our TypeScript entry points from source, with the given environment. */
export function startServiceProcess(name: string, entry: string, env: NodeJS.ProcessEnv): ServiceProcess {
  const child = spawn(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', entry],
    {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => printLine(name, line));
  }
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    name,
    child,
    exited,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Waits until `url` answers 2xx (up to 2 minutes); stops at once when `broken` says why it never will. */
export async function waitForHealth(url: string, broken: () => string | undefined): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const why = broken();
    if (why !== undefined) throw new Error(why);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`the api did not become ready at ${url} within 2 minutes`);
}
