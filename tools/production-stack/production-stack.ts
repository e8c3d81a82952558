// The whole service as production runs it, on one machine: a fresh PostgreSQL database, a Temporal dev server
// (its state in a file, so that it can be stopped and started again), a real SMTP server, the workflows
// bundled ahead of time, and the api and the worker as processes of their own with NODE_ENV=production.
// For the benches, the soak and the fault suite: each starts one, drives it over HTTP and closes it.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@app/persistence';
import { startServiceProcess, waitForHealth, type ServiceProcess } from '../dev/service-process';
import { waitForWorker } from '../dev/worker-ready';
import { MailCatcher } from '../mail-catcher/mail-catcher';
import {
  createDatabase,
  dropDatabase,
  findLocalPostgres,
  startPostgres,
  withDatabase,
} from '../postgres/postgres-server';
import { freePort } from '../support/free-port';
import { ensureTemporalCli } from '../temporal/temporal-cli';
import { startTemporalDevServer, type TemporalDevServer } from '../temporal/temporal-dev-server';

const ROOT = resolve(__dirname, '..', '..');
const API_ENTRY = 'apps/api/src/main.ts';
const WORKER_ENTRY = 'apps/worker/src/main.ts';
// As the worker's own entry point and the api's client are configured (TEMPORAL_NAMESPACE, _TASK_QUEUE).
const NAMESPACE = 'default';
const TASK_QUEUE = 'recovery';
// After a signal other than SIGKILL, how long a process may take to end before it is killed.
const STOP_GRACE_MS = 15_000;

/** How long a case's stages last, as ISO-8601 durations (`PT3S`); production's defaults where not given. */
export interface CaseDurations {
  /** RECOVERY_COOLING_OFF: from approval to appointment. */
  coolingOff?: string;
  /** RECOVERY_CONFIRMATION_EXPIRY: how long a case waits for the requester to confirm. */
  confirmationExpiry?: string;
  /** RECOVERY_EMAIL_CODE_WINDOW: how long a case waits for the code to be entered. */
  emailCodeWindow?: string;
  /** RECOVERY_DOCUMENT_WINDOW: how long a case waits for an extract. */
  documentWindow?: string;
  /** EMAIL_CODE_TTL: how long one code is good for. */
  emailCodeTtl?: string;
  /** REVIEW_SLA: working time an agent has before the case is overdue. */
  reviewSla?: string;
}

const DURATION_VARIABLES: Record<keyof CaseDurations, string> = {
  coolingOff: 'RECOVERY_COOLING_OFF',
  confirmationExpiry: 'RECOVERY_CONFIRMATION_EXPIRY',
  emailCodeWindow: 'RECOVERY_EMAIL_CODE_WINDOW',
  documentWindow: 'RECOVERY_DOCUMENT_WINDOW',
  emailCodeTtl: 'EMAIL_CODE_TTL',
  reviewSla: 'REVIEW_SLA',
};

/**
 * Whole cases in seconds: a cooling-off of 3 s (long enough to object through a notice's link), and windows
 * of 2 minutes, longer than any step takes under load, so that only an abandoned case expires.
 */
export const SHORT_CASE_DURATIONS: CaseDurations = {
  coolingOff: 'PT3S',
  confirmationExpiry: 'PT2M',
  emailCodeWindow: 'PT2M',
  documentWindow: 'PT2M',
  emailCodeTtl: 'PT2M',
};

export interface ProductionStackOptions {
  /** How many api processes, each on a port of its own; 1 by default. */
  apis?: number;
  /** How many worker processes; 1 by default. */
  workers?: number;
  /** The workers' entry point, from the repository's root (one that adds fault hooks, say). */
  workerEntry?: string;
  /** Variables over the stack's own: for every process, for the apis, for the workers. */
  env?: { all?: NodeJS.ProcessEnv; api?: NodeJS.ProcessEnv; worker?: NodeJS.ProcessEnv };
  /**
   * Where Temporal keeps its state: in a file in workDir (the default), so that `temporal.stop()` and
   * `start()` keep the workflows; or in memory, as the benches that measured it before had it.
   */
  temporalState?: 'file' | 'memory';
  /** Production's durations by default; SHORT_CASE_DURATIONS make whole cases take seconds. */
  durations?: CaseDurations;
  /**
   * The DATABASE_URL an api or a worker process gets, from the run's database URL: through a proxy that a
   * fault test cuts, say. The processes connect to the run's database itself by default; the stack's own
   * data source (seeding, checks) always does.
   */
  databaseUrlFor?: (databaseUrl: string, processKind: 'api' | 'worker') => string;
  /** Writes the database (a directory, staff) after the migrations, before any process starts. */
  seed?: (db: DataSource) => Promise<void>;
  /** The fresh database's name is this, `_`, and the time. */
  databasePrefix?: string;
  /** Progress lines: the Temporal CLI's download or build, and what went wrong while closing. */
  log?: (message: string) => void;
}

/** A running stack; `close()` stops every process and drops the database. */
export interface ProductionStack {
  /** The run's temporary folder: the bundle, Temporal's state file; removed by close(). */
  workDir: string;
  /** The run's own database; `dataSource` (migrated) is for seeding and checks. */
  database: { name: string; url: string; dataSource: DataSource };
  /** With its state in a file (unless temporalState is memory): stop() and start() keep the workflows. */
  temporal: TemporalDevServer;
  mail: MailCatcher;
  bundlePath: string;
  /** The api processes; an entry is replaced when that api is started again. */
  apis: ServiceProcess[];
  /** `http://127.0.0.1:<port>` of each api, by index: the same port across restarts. */
  apiUrls: string[];
  /** The worker processes; an entry is replaced when that worker is started again. */
  workers: ServiceProcess[];
  /** The variables each process got, by index (besides those of this process, which they inherit). */
  env: { api: NodeJS.ProcessEnv[]; worker: NodeJS.ProcessEnv[] };
  /** Production's secrets, generated for this run. */
  secrets: { secretKey: string; platformJwtSecret: string };
  /** Why the stack cannot serve: a process that ended without being stopped here; else undefined. */
  broken(): string | undefined;
  /** Stops worker `i` with `signal` (SIGTERM by default), then starts it again; resolves once it polls. */
  restartWorker(i: number, options?: { signal?: NodeJS.Signals }): Promise<void>;
  /** Kills worker `i` (SIGKILL), as a crash or an OOM kill would; resolves once it has ended. */
  killWorker(i: number): Promise<void>;
  /** Starts worker `i` again after it was killed or stopped, or one more worker; resolves once it polls. */
  startWorker(i?: number): Promise<ServiceProcess>;
  /** Stops api `i` with `signal` (SIGTERM by default); resolves once it has ended. */
  stopApi(i: number, options?: { signal?: NodeJS.Signals }): Promise<void>;
  /** Starts api `i` again on its port; resolves once `/health/<waitFor>` answers (ready by default). */
  startApi(i: number, options?: { waitFor?: 'ready' | 'live' }): Promise<void>;
  /** Stops every process, Temporal and the mail server, drops the database, removes workDir. */
  close(): Promise<void>;
}

/** Starts the stack; on a failure, whatever was started is stopped again before the error is thrown. */
export async function startProductionStack(options: ProductionStackOptions = {}): Promise<ProductionStack> {
  const say = options.log ?? ((): void => undefined);
  const apiCount = options.apis ?? 1;
  const workerCount = options.workers ?? 1;
  if (!Number.isInteger(apiCount) || apiCount < 1 || !Number.isInteger(workerCount) || workerCount < 1) {
    throw new Error('a production stack has at least one api and one worker');
  }
  const workDir = await mkdtemp(join(tmpdir(), 'econnect-stack-'));
  // Run last to first by close(), or at once when the start fails.
  const cleanUp: { what: string; step: () => Promise<void> }[] = [
    { what: 'the work folder', step: () => rm(workDir, { recursive: true, force: true }) },
  ];
  const undo = (what: string, step: () => Promise<void>): void => void cleanUp.unshift({ what, step });
  const close = async (): Promise<void> => {
    for (const { what, step } of cleanUp.splice(0)) {
      await step().catch((error: unknown) => {
        say(`clean-up of ${what}: ${error instanceof Error ? error.message : String(error)}`);
      });
    }
  };

  try {
    const postgres = await startPostgres({
      databaseUrl: process.env.DATABASE_URL || (await findLocalPostgres()),
      dataDir: join(workDir, 'pg'),
      persistent: false,
    });
    undo('PostgreSQL', () => postgres.stop());
    const databaseName = `${options.databasePrefix ?? 'econnect_stack'}_${Date.now().toString(36)}`;
    await createDatabase(postgres.adminUrl, databaseName);
    undo('the database', () => dropDatabase(postgres.adminUrl, databaseName));
    const databaseUrl = withDatabase(postgres.adminUrl, databaseName);

    // Both at once; settled, not raced, so that a server that came up is stopped when the bundle fails.
    const [temporalStart, bundling] = await Promise.allSettled([
      ensureTemporalCli(say).then((cliPath) =>
        startTemporalDevServer({
          cliPath,
          headless: true,
          ...(options.temporalState === 'memory' ? {} : { dbFile: join(workDir, 'temporal.db') }),
        }),
      ),
      // Production workers load a bundle built ahead of time (`npm run build`); this one lives in workDir.
      bundleWorkflowCode({ workflowsPath: join(ROOT, 'workflows', 'index.ts'), logger: quietBundler }),
    ]);
    if (temporalStart.status === 'fulfilled') undo('Temporal', () => temporalStart.value.stop());
    if (temporalStart.status === 'rejected') throw temporalStart.reason;
    if (bundling.status === 'rejected') throw bundling.reason;
    const temporal = temporalStart.value;
    const bundle = bundling.value;
    const bundlePath = join(workDir, 'workflow-bundle.js');
    await writeFile(bundlePath, bundle.code);

    // A small pool: the api and the worker are the ones measured, not this connection.
    const dataSource = await new DataSource({
      ...dataSourceOptions(databaseUrl, 'econnect-stack'),
      extra: { max: 2 },
    }).initialize();
    undo('the data source', () => dataSource.destroy());
    await dataSource.runMigrations({ transaction: 'each' });
    await options.seed?.(dataSource);

    const mail = new MailCatcher();
    await mail.start();
    undo('the mail server', () => mail.stop());

    const ports = await Promise.all(Array.from({ length: apiCount }, () => freePort()));
    // Production wants each worker's probes on a port it names.
    const probePorts = await Promise.all(Array.from({ length: workerCount }, () => freePort()));
    const apiUrls = ports.map((port) => `http://127.0.0.1:${port}`);
    const secrets = {
      // Production requires its own secrets: fresh ones for this run.
      secretKey: randomBytes(32).toString('base64url'),
      platformJwtSecret: randomBytes(32).toString('base64url'),
    };
    const common: NodeJS.ProcessEnv = {
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      TEMPORAL_ADDRESS: temporal.address,
      SMTP_URL: mail.smtpUrl,
      // As behind a load balancer: every api links to the one public address.
      PUBLIC_BASE_URL: apiUrls[0],
      SECRET_KEY: secrets.secretKey,
      PLATFORM_JWT_SECRET: secrets.platformJwtSecret,
      PLATFORM_JWT_ISSUER: 'https://login.production-stack.localhost',
      WORKFLOW_BUNDLE_PATH: bundlePath,
      LOG_LEVEL: process.env.LOG_LEVEL || 'warn',
      // Every request comes from this one address: the limit per client would stop the traffic, not time it.
      INTAKE_RATE_LIMIT: '1000000',
      ...durationVariables(options.durations ?? {}),
      ...options.env?.all,
    };
    const urlFor = (processKind: 'api' | 'worker'): NodeJS.ProcessEnv =>
      options.databaseUrlFor ? { DATABASE_URL: options.databaseUrlFor(databaseUrl, processKind) } : {};
    const env = {
      api: ports.map((port) => ({ ...common, ...urlFor('api'), PORT: String(port), ...options.env?.api })),
      worker: probePorts.map((probePort) => ({
        ...common,
        ...urlFor('worker'),
        WORKER_HEALTH_PORT: String(probePort),
        ...options.env?.worker,
      })),
    };
    const processes = new ServiceProcesses(
      env,
      apiUrls,
      options.workerEntry ?? WORKER_ENTRY,
      temporal.address,
    );
    undo('the api and worker processes', () => processes.stopAll());
    await processes.startAll();

    return {
      workDir,
      database: { name: databaseName, url: databaseUrl, dataSource },
      temporal,
      mail,
      bundlePath,
      apis: processes.apis,
      apiUrls,
      workers: processes.workers,
      env,
      secrets,
      broken: () => processes.broken(),
      restartWorker: async (i, { signal = 'SIGTERM' } = {}) => {
        await processes.stopWorker(i, signal);
        await processes.startWorker(i);
      },
      killWorker: (i) => processes.stopWorker(i, 'SIGKILL'),
      startWorker: (i) => processes.startWorker(i),
      stopApi: (i, { signal = 'SIGTERM' } = {}) => processes.stopApi(i, signal),
      startApi: (i, { waitFor = 'ready' } = {}) => processes.startApi(i, waitFor),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

function durationVariables(durations: CaseDurations): NodeJS.ProcessEnv {
  const variables: NodeJS.ProcessEnv = {};
  for (const [name, variable] of Object.entries(DURATION_VARIABLES)) {
    const value = durations[name as keyof CaseDurations];
    if (value !== undefined) variables[variable] = value;
  }
  return variables;
}

/** The api and worker processes: started, stopped on purpose, and told apart from those that died. */
class ServiceProcesses {
  readonly apis: ServiceProcess[] = [];
  readonly workers: ServiceProcess[] = [];
  // Processes stopped from here: their end does not make the stack broken.
  private readonly stoppedOnPurpose = new WeakSet<ServiceProcess>();

  constructor(
    private readonly env: { api: NodeJS.ProcessEnv[]; worker: NodeJS.ProcessEnv[] },
    private readonly apiUrls: readonly string[],
    private readonly workerEntry: string,
    private readonly temporalAddress: string,
  ) {}

  async startAll(): Promise<void> {
    // Spawned together, then awaited: each process spends its first seconds compiling TypeScript.
    const workers = this.env.worker.map((_, i) => this.spawnWorker(i));
    const apis = this.env.api.map((_, i) => this.spawnApi(i));
    await Promise.all([
      ...apis.map((i) => this.apiReady(i, 'ready')),
      ...workers.map((i) => this.workerReady(i)),
    ]);
  }

  broken(): string | undefined {
    const stopped = [...this.apis, ...this.workers].find(
      (p) => !this.stoppedOnPurpose.has(p) && (p.child.exitCode !== null || p.child.signalCode !== null),
    );
    return (
      stopped && `the ${stopped.name} process stopped (${stopped.child.signalCode ?? stopped.child.exitCode})`
    );
  }

  async startWorker(i = this.env.worker.length): Promise<ServiceProcess> {
    if (i > this.env.worker.length) throw new Error(`there is no worker ${i} to start again`);
    const running = this.workers[i];
    if (running && running.child.exitCode === null && running.child.signalCode === null) {
      throw new Error(`worker ${i} runs: stop it first`);
    }
    if (i === this.env.worker.length) {
      this.env.worker.push({ ...this.env.worker[0], WORKER_HEALTH_PORT: String(await freePort()) });
    }
    await this.workerReady(this.spawnWorker(i));
    return this.workers[i] as ServiceProcess;
  }

  stopWorker(i: number, signal: NodeJS.Signals): Promise<void> {
    return this.stop(this.workers[i], `worker ${i}`, signal);
  }

  async startApi(i: number, waitFor: 'ready' | 'live'): Promise<void> {
    const running = this.apis[i];
    if (!running) throw new Error(`there is no api ${i}`);
    if (running.child.exitCode === null && running.child.signalCode === null) {
      throw new Error(`api ${i} runs: stop it first`);
    }
    await this.apiReady(this.spawnApi(i), waitFor);
  }

  stopApi(i: number, signal: NodeJS.Signals): Promise<void> {
    return this.stop(this.apis[i], `api ${i}`, signal);
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.apis, ...this.workers].map((p) => this.stop(p, p.name, 'SIGTERM')));
  }

  private spawnWorker(i: number): number {
    const name = this.env.worker.length === 1 ? 'worker' : `worker${i + 1}`;
    this.workers[i] = startServiceProcess(name, this.workerEntry, this.env.worker[i] ?? {});
    return i;
  }

  private spawnApi(i: number): number {
    const name = this.env.api.length === 1 ? 'api' : `api${i + 1}`;
    this.apis[i] = startServiceProcess(name, API_ENTRY, this.env.api[i] ?? {});
    return i;
  }

  private async apiReady(i: number, waitFor: 'ready' | 'live'): Promise<void> {
    const api = this.apis[i];
    if (!api) throw new Error(`there is no api ${i}`);
    await waitForHealth(`${this.apiUrls[i] ?? ''}/health/${waitFor}`, () => this.endOf(api));
  }

  /** Waits until the worker polls its task queue: then what the api starts is worked on at once. */
  private async workerReady(i: number): Promise<void> {
    const worker = this.workers[i];
    const pid = worker?.child.pid;
    if (!worker || pid === undefined) throw new Error(`worker ${i} has no process`);
    await waitForWorker({
      address: this.temporalAddress,
      namespace: NAMESPACE,
      taskQueue: TASK_QUEUE,
      pid,
      gone: () => this.endOf(worker),
    });
  }

  private endOf(p: ServiceProcess): string | undefined {
    const ended = p.child.exitCode ?? p.child.signalCode;
    return ended === null ? undefined : `the ${p.name} process stopped (${ended})`;
  }

  private async stop(p: ServiceProcess | undefined, what: string, signal: NodeJS.Signals): Promise<void> {
    if (!p) throw new Error(`there is no ${what}`);
    this.stoppedOnPurpose.add(p);
    if (p.child.exitCode !== null || p.child.signalCode !== null) return;
    p.child.kill(signal);
    const timer = setTimeout(() => p.child.kill('SIGKILL'), STOP_GRACE_MS);
    await p.exited;
    clearTimeout(timer);
  }
}

const quietBundler = {
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: (message: string) => {
    console.warn(`bundler: ${message}`);
  },
  error: (message: string) => {
    console.error(`bundler: ${message}`);
  },
  log: () => undefined,
};
