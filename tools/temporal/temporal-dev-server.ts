import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

import { freePort } from '../support/free-port';

export interface TemporalDevServer {
  /** host:port of the frontend gRPC service, for `Connection.connect({ address })`. */
  address: string;
  namespace: string;
  /** Only when started with the Web UI. */
  uiUrl?: string;
  /** Stops the server process started here (SIGTERM, then SIGKILL after 10 s). Idempotent. */
  stop(): Promise<void>;
  /**
   * Starts the server again after stop(), on the same ports and with the same options; a no-op while it
   * runs. With a `dbFile` it comes back with its workflows, as a restarted production server does; in
   * memory it comes back empty.
   */
  start(): Promise<void>;
  /** The server process, while it runs. */
  readonly pid: number | undefined;
}

export interface StartTemporalDevServerOptions {
  cliPath: string;
  /** gRPC port; a free one when omitted. */
  port?: number;
  /** Web UI port; a free one when omitted (ignored when headless). */
  uiPort?: number;
  /** No Web UI. Defaults to false. */
  headless?: boolean;
  /** SQLite file for state that survives restarts; in memory when omitted. */
  dbFile?: string;
  /** Namespace to create at launch (besides `default`, which always exists). Defaults to `default`. */
  namespace?: string;
  /** Search attributes to register, name -> type (Keyword, Text, Int, Double, Bool, Datetime, KeywordList). */
  searchAttributes?: Record<string, string>;
  /**
   * Run in a process group of its own, so that Ctrl-C in a terminal does not stop it before the workers
   * that poll it have drained (they would hang in shutdown). The caller must then call `stop()`.
   */
  ownProcessGroup?: boolean;
  /** Receives every output line of the server. */
  log?: (line: string) => void;
}

const HOST = '127.0.0.1';
const READY_DEADLINE_MS = 60_000;
const POLL_INTERVAL_MS = 250;
const STOP_GRACE_MS = 10_000;
const TAIL_LINES = 40;

/** Starts `temporal server start-dev` and resolves once it answers health checks. */
export async function startTemporalDevServer(
  options: StartTemporalDevServerOptions,
): Promise<TemporalDevServer> {
  const headless = options.headless ?? false;
  const namespace = options.namespace ?? 'default';
  const port = options.port ?? (await freePort(HOST));
  const uiPort = headless ? undefined : (options.uiPort ?? (await freePort(HOST)));
  const address = `${HOST}:${port}`;

  const args = ['server', 'start-dev', '--ip', HOST, '--port', String(port)];
  if (uiPort === undefined) args.push('--headless');
  else args.push('--ui-port', String(uiPort));
  args.push('--namespace', namespace);
  if (options.dbFile !== undefined) {
    const dbFile = resolve(options.dbFile);
    await mkdir(dirname(dbFile), { recursive: true });
    args.push('--db-filename', dbFile);
  }
  args.push('--log-level', 'warn');
  for (const [name, type] of Object.entries(options.searchAttributes ?? {})) {
    args.push('--search-attribute', `${name}=${type}`);
  }

  let running: RunningServer | undefined = await launch(options, args, address, namespace);
  let starting: Promise<void> | undefined;
  // A second stop() waits for the first, as it did before the server could be started again.
  let stopped = Promise.resolve();
  return {
    address,
    namespace,
    ...(uiPort !== undefined ? { uiUrl: `http://${HOST}:${uiPort}` } : {}),
    stop: () => {
      const stopRunning = (): Promise<void> => {
        const server = running;
        running = undefined;
        return server?.stop() ?? Promise.resolve();
      };
      if (running !== undefined) stopped = stopRunning();
      // Stopped while starting again: once it is up (or failed to come up), it goes down.
      else if (starting !== undefined) stopped = starting.then(stopRunning, () => undefined);
      return stopped;
    },
    start: () => {
      // A server that died by itself is started again too.
      if (running !== undefined && running.child.exitCode === null && running.child.signalCode === null) {
        return Promise.resolve();
      }
      running = undefined;
      // After a stop() still under way: the port is free only once the old process is gone.
      starting ??= stopped
        .then(() => launch(options, args, address, namespace))
        .then((server) => {
          running = server;
        })
        .finally(() => (starting = undefined));
      return starting;
    },
    get pid() {
      return running?.child.pid;
    },
  };
}

interface RunningServer {
  child: ChildProcess;
  stop(): Promise<void>;
}

/** One run of the server process: spawned, and resolved once it answers health checks. */
async function launch(
  options: StartTemporalDevServerOptions,
  args: readonly string[],
  address: string,
  namespace: string,
): Promise<RunningServer> {
  // By default in our process group, so a Ctrl-C or a closing terminal takes it down too (see ownProcessGroup).
  const child = spawn(options.cliPath, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    // Out of the terminal's process group: Ctrl-C reaches the caller, which stops workers before the server.
    detached: options.ownProcessGroup ?? false,
  });
  const output = new OutputTail(TAIL_LINES, options.log);
  child.stdout.on('data', (chunk: Buffer) => output.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => output.push(chunk));
  const exited = new Promise<string>((resolveExit) => {
    child.once('error', (error) => resolveExit(`could not be started: ${error.message}`));
    child.once('exit', (code, signal) => resolveExit(`exited with ${signal ?? `code ${String(code)}`}`));
  });
  // Covers the parent exiting without calling stop(); a SIGKILLed parent still leaves the server behind.
  const killOnExit = (): void => void child.kill('SIGTERM');
  process.once('exit', killOnExit);

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      process.removeListener('exit', killOnExit);
      await terminate(child, exited);
    })();
    return stopping;
  };

  try {
    await waitUntilReady(options.cliPath, address, namespace, exited);
  } catch (error) {
    await stop();
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Temporal dev server on ${address} did not start: ${reason}\n${output.text()}`);
  }
  return { child, stop };
}

async function waitUntilReady(
  cliPath: string,
  address: string,
  namespace: string,
  exited: Promise<string>,
): Promise<void> {
  const deadline = Date.now() + READY_DEADLINE_MS;
  let exitReason: string | undefined;
  void exited.then((reason) => (exitReason = reason));
  // Health first, then the namespace: namespaces given with --namespace are registered during startup.
  const checks: string[][] = [
    ['operator', 'cluster', 'health'],
    ['operator', 'namespace', 'describe', '--namespace', namespace],
  ];
  for (const check of checks) {
    for (;;) {
      if (exitReason !== undefined) throw new Error(`the server process ${exitReason}`);
      // Racing the exit keeps a server that dies during a slow check from holding us until the check times out.
      const ok = await Promise.race([
        cliSucceeds(cliPath, [...check, '--address', address]),
        exited.then(() => false),
      ]);
      if (ok) break;
      if (Date.now() > deadline) throw new Error(`not ready within ${READY_DEADLINE_MS / 1000} s`);
      await new Promise((r) => setTimeout(r, POLL_INTERVAL_MS));
    }
  }
}

function cliSucceeds(cliPath: string, args: string[]): Promise<boolean> {
  // The config flags keep a developer's TEMPORAL_* variables or profile (TLS, API key) out of a local check.
  const fullArgs = [...args, '--disable-config-env', '--disable-config-file', '--command-timeout', '5s'];
  return new Promise((resolveCheck) => {
    execFile(cliPath, fullArgs, { timeout: 10_000 }, (error) => resolveCheck(error === null));
  });
}

async function terminate(child: ChildProcess, exited: Promise<string>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  child.kill('SIGTERM');
  const timedOut = await Promise.race([
    exited.then(() => false),
    new Promise<boolean>((r) => setTimeout(() => r(true), STOP_GRACE_MS).unref()),
  ]);
  if (timedOut) {
    child.kill('SIGKILL');
    await exited;
  }
}

/** Keeps the last lines of the server's output for error messages and forwards each line to `log`. */
class OutputTail {
  private readonly lines: string[] = [];
  private partial = '';

  constructor(
    private readonly max: number,
    private readonly log?: (line: string) => void,
  ) {}

  push(chunk: Buffer): void {
    const parts = (this.partial + chunk.toString('utf8')).split('\n');
    this.partial = parts.pop() ?? '';
    for (const line of parts) this.add(line);
  }

  text(): string {
    const all = this.partial === '' ? this.lines : [...this.lines, this.partial];
    return all.length === 0 ? '(no output from the server)' : `Last output:\n${all.join('\n')}`;
  }

  private add(line: string): void {
    if (line.trim() === '') return;
    this.log?.(line);
    this.lines.push(line);
    if (this.lines.length > this.max) this.lines.shift();
  }
}
