// How long do a requester's and an agent's actions take under a steady load, and how often is one refused?
// Starts the whole service as production runs it on one machine: PostgreSQL, a Temporal dev server, the api
// and the worker as processes of their own (NODE_ENV=production, the workflows bundled ahead of time) and a
// real SMTP server. Then keeps N cases in flight, each: intake, confirm on the mailed link, the mailed code,
// and an agent's decision (approve and reject in turn) sent the moment the agent's view of the case shows
// `awaiting_review`. Prints the latency of every action and every answer that was not 2xx; writes both as JSON.
//   npm run bench:actions [-- <minutes, default 15> <cases at a time, default 6>]
//   BENCH_RESULTS=<file>   where the JSON goes (default bench-results/action-latency-<time>.json)
//   DATABASE_URL           the PostgreSQL server to use (default the machine's at 127.0.0.1:5432, else embedded)
//   LOG_LEVEL              of the api and the worker (default warn, so their output does not drown the table)
import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { DataSource } from 'typeorm';
import {
  dataSourceOptions,
  EnvironmentEntity,
  OrganisationRepository,
  StaffAccountRepository,
  UserRepository,
} from '@app/persistence';
import { PasswordHasher } from '@app/secrets';
import { startServiceProcess, waitForHealth, type ServiceProcess } from '../tools/dev/service-process';
import { waitForWorker } from '../tools/dev/worker-ready';
import type { CapturedMail } from '../tools/mail-catcher/captured-mail';
import { MailCatcher } from '../tools/mail-catcher/mail-catcher';
import { accessLinkIn, codeIn } from '../tools/mail-catcher/mail-contents';
import {
  createDatabase,
  dropDatabase,
  findLocalPostgres,
  startPostgres,
  withDatabase,
} from '../tools/postgres/postgres-server';
import { freePort } from '../tools/support/free-port';
import { ensureTemporalCli } from '../tools/temporal/temporal-cli';
import { startTemporalDevServer } from '../tools/temporal/temporal-dev-server';
import { percentile } from './latency';

const ROOT = resolve(__dirname, '..');
const minutes = Number(process.argv[2] ?? 15);
const concurrency = Number(process.argv[3] ?? 6);

// How often the agent looks at a case while its code is being entered: a person with the case page open
// acts within a fraction of a second, which is what makes the row and the workflow disagree.
const AGENT_POLL_MS = 50;
// After a 409 the agent looks again and tries once more, as the console's refusal tells them to.
const DECISION_RETRY_MS = 100;
const DECISION_ATTEMPTS = 50;
// A mail or the review that does not come in this time fails the case (the bench goes on with the next).
const STEP_TIMEOUT_MS = 60_000;
// Environments per case slot: no two cases in flight share an environment, and each gets a few cases.
const ENVIRONMENTS_PER_SLOT = 40;
const REFERENCE = /\bRC-[0-9A-Z]{4}-[0-9A-Z]{4}\b/;

/** What is timed: the answer of each request, and the agent's wait from the first decision to an accepted one. */
const ACTIONS = [
  'intake',
  'confirm',
  'email code',
  'decision',
  'decision: approve',
  'decision: reject',
  'decision, retries included',
  'case view (agent)',
] as const;
type Action = (typeof ACTIONS)[number];

interface Answer {
  status: number;
  body: Record<string, unknown>;
  ms: number;
}

const isSuccess = (answer: Answer): boolean => answer.status >= 200 && answer.status < 300;
const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));
const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

interface Refusal {
  action: Action;
  status: number;
  code: string;
  count: number;
  /** The API's message of the first one: fixed texts, no personal data. */
  message: string;
}

interface LatencySummary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

function summarise(samples: readonly number[]): LatencySummary {
  const sorted = [...samples].sort((a, b) => a - b);
  const round = (ms: number): number => Math.round(ms * 10) / 10;
  return {
    count: sorted.length,
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted.at(-1) ?? Number.NaN),
    mean: round(sorted.reduce((sum, ms) => sum + ms, 0) / sorted.length),
  };
}

/** Latencies of 2xx answers and every other answer by action, status and code; nothing while warming up. */
class Measurements {
  recording = false;
  casesDone = 0;
  decisionsRetried = 0;
  private readonly samples = new Map<Action, number[]>(ACTIONS.map((action) => [action, []]));
  private readonly requests = new Map<Action, number>();
  private readonly refusals = new Map<string, Refusal>();
  private readonly failures = new Map<string, number>();

  answer(action: Action, answer: Answer): void {
    if (!this.recording) return;
    this.requests.set(action, (this.requests.get(action) ?? 0) + 1);
    if (isSuccess(answer)) {
      this.duration(action, answer.ms);
      return;
    }
    const code = typeof answer.body.code === 'string' ? answer.body.code : '-';
    const key = `${action}|${answer.status}|${code}`;
    const known = this.refusals.get(key);
    if (known) known.count += 1;
    else {
      const message = typeof answer.body.message === 'string' ? answer.body.message : '';
      this.refusals.set(key, { action, status: answer.status, code, count: 1, message });
    }
  }

  duration(action: Action, ms: number): void {
    if (this.recording) this.samples.get(action)?.push(ms);
  }

  caseDone(): void {
    if (this.recording) this.casesDone += 1;
  }

  caseFailed(reason: string): void {
    if (this.recording) this.failures.set(reason, (this.failures.get(reason) ?? 0) + 1);
  }

  get casesFailed(): number {
    return [...this.failures.values()].reduce((sum, n) => sum + n, 0);
  }

  refusalsOf(action: Action, status: number): number {
    return [...this.refusals.values()]
      .filter((refusal) => refusal.action === action && refusal.status === status)
      .reduce((sum, refusal) => sum + refusal.count, 0);
  }

  requestsOf(action: Action): number {
    return this.requests.get(action) ?? 0;
  }

  report(): {
    actions: Record<Action, LatencySummary>;
    requests: Partial<Record<Action, number>>;
    refusals: Refusal[];
    failures: { reason: string; count: number }[];
  } {
    return {
      actions: Object.fromEntries(
        ACTIONS.map((action) => [action, summarise(this.samples.get(action) ?? [])]),
      ) as Record<Action, LatencySummary>,
      requests: Object.fromEntries(this.requests),
      refusals: [...this.refusals.values()].sort((a, b) => b.count - a.count),
      failures: [...this.failures].map(([reason, count]) => ({ reason, count })),
    };
  }
}

/** The links and codes the service mailed, by case reference, read off the SMTP server as they arrive. */
class CaseMailbox {
  private readonly byReference = new Map<string, { link?: string; code?: string }>();
  private readonly finished = new Set<string>();
  private readonly waiters = new Set<() => void>();

  constructor(catcher: MailCatcher) {
    catcher.onMail((mail) => {
      this.file(mail);
      // Everything needed is filed here: the catcher need not keep thousands of mails.
      catcher.clear();
    });
  }

  /** The access link's token, once the mail with it has come. */
  token(reference: string): Promise<string> {
    return this.wait(reference, (mail) => mail.link, 'mail with the access link');
  }

  /** The email code, once the first mail with it has come to one of the environment's addresses. */
  code(reference: string): Promise<string> {
    return this.wait(reference, (mail) => mail.code, 'mail with the code');
  }

  /** The case is done: its entry goes, and later mails about it (notices, rejections) are not kept. */
  forget(reference: string): void {
    this.byReference.delete(reference);
    this.finished.add(reference);
  }

  private file(mail: CapturedMail): void {
    const link = accessLinkIn(mail);
    // A code mail has no access link; only then is an 8-digit line its code.
    const code = link ? undefined : codeIn(mail);
    const reference = link?.reference ?? REFERENCE.exec(mail.subject)?.[0];
    if (reference === undefined || this.finished.has(reference) || (!link && !code)) return;
    const entry = this.byReference.get(reference) ?? {};
    entry.link ??= link?.token;
    entry.code ??= code;
    this.byReference.set(reference, entry);
    for (const wake of [...this.waiters]) wake();
  }

  private wait(
    reference: string,
    pick: (mail: { link?: string; code?: string }) => string | undefined,
    what: string,
  ): Promise<string> {
    return new Promise((resolveWait, rejectWait) => {
      const stop = (): void => {
        clearTimeout(timer);
        this.waiters.delete(look);
      };
      const look = (): void => {
        const found = pick(this.byReference.get(reference) ?? {});
        if (found === undefined) return;
        stop();
        resolveWait(found);
      };
      const timer = setTimeout(() => {
        stop();
        rejectWait(new Error(`no ${what} within ${STEP_TIMEOUT_MS / 1000} s`));
      }, STEP_TIMEOUT_MS);
      this.waiters.add(look);
      look();
    });
  }
}

interface BenchEnvironment {
  kvkNumber: string;
  companyName: string;
}

/**
 * Environments shaped like the demo's orphaned ENV-1002: a contact address, one organisation with its own
 * contact address, a deactivated sole administrator and two active users. A code goes to three known
 * addresses, cooling-off notices to five, a rejection to the requester.
 */
async function seedDirectory(db: DataSource, count: number): Promise<BenchEnvironment[]> {
  const environments: BenchEnvironment[] = [];
  for (let i = 0; i < count; i += 1) {
    const { id: environmentId } = await db.getRepository(EnvironmentEntity).save({
      reference: `ENV-B${i}`,
      name: `Bench ${i}`,
      contactEmail: `info${i}@bench.example`,
      plan: 'basic',
    });
    const kvkNumber = String(30_000_000 + i);
    const companyName = `Bench ${i} B.V.`;
    await new OrganisationRepository(db).insert({
      environmentId,
      name: companyName,
      kvkNumber,
      contactEmail: `office${i}@bench.example`,
    });
    const users = new UserRepository(db);
    await users.insert({
      environmentId,
      email: `admin${i}@bench.example`,
      name: `Admin ${i}`,
      role: 'administrator',
      status: 'deactivated',
    });
    for (const n of [1, 2]) {
      await users.insert({
        environmentId,
        email: `user${n}.${i}@bench.example`,
        name: `User ${n} ${i}`,
        role: 'user',
        status: 'active',
      });
    }
    environments.push({ kvkNumber, companyName });
  }
  return environments;
}

/** One request to the api, timed from sending to the last byte of the answer. */
async function call(
  baseUrl: string,
  method: 'GET' | 'POST',
  path: string,
  options: { token?: string; body?: unknown } = {},
): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const started = performance.now();
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  const ms = performance.now() - started;
  let body: Record<string, unknown> = {};
  try {
    body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    // Not JSON (a proxy's page, say): the status alone is counted.
  }
  return { status: response.status, body, ms };
}

interface Bench {
  baseUrl: string;
  agentToken: string;
  mailbox: CaseMailbox;
  measurements: Measurements;
  /** Says why the bench cannot go on (a service process stopped), or undefined. */
  broken: () => string | undefined;
}

/** An action whose answer is timed and counted. */
async function act(
  bench: Bench,
  action: Action,
  method: 'GET' | 'POST',
  path: string,
  options: { token?: string; body?: unknown } = {},
): Promise<Answer> {
  const answer = await call(bench.baseUrl, method, path, options);
  bench.measurements.answer(action, answer);
  return answer;
}

const refusedBy = (what: string, answer: Answer): Error =>
  new Error(
    `${what} answered ${answer.status} ${typeof answer.body.code === 'string' ? answer.body.code : ''}`.trim(),
  );

/** One case from the request form to the agent's decision, as its requester and an agent go through it. */
async function runCase(
  bench: Bench,
  environment: BenchEnvironment,
  decision: 'approve' | 'reject',
): Promise<void> {
  const intake = await act(bench, 'intake', 'POST', '/api/recovery-requests', {
    body: {
      requesterName: 'Anna de Vries',
      requesterEmail: `requester.${randomUUID()}@requester.example`,
      companyName: environment.companyName,
      kvkNumber: environment.kvkNumber,
      method: 'email',
      language: 'en',
    },
  });
  const reference = intake.body.reference;
  if (!isSuccess(intake) || typeof reference !== 'string') throw refusedBy('the intake', intake);
  try {
    const token = await bench.mailbox.token(reference);
    const confirmed = await act(bench, 'confirm', 'POST', `/api/recovery-requests/${reference}/confirm`, {
      token,
    });
    if (!isSuccess(confirmed)) throw refusedBy('confirm', confirmed);
    const code = await bench.mailbox.code(reference);
    // The agent watches the case while the requester types the code: both at once, as it happens.
    let codeRefused = false;
    const entering = act(bench, 'email code', 'POST', `/api/recovery-requests/${reference}/email-code`, {
      token,
      body: { code },
    }).then((answer) => {
      if (!isSuccess(answer)) codeRefused = true;
      return answer;
    });
    const deciding = decideOnceInReview(bench, reference, decision, () => codeRefused);
    const [entered, decided] = await Promise.allSettled([entering, deciding]);
    if (entered.status === 'rejected') throw entered.reason;
    if (!isSuccess(entered.value)) throw refusedBy('the email code', entered.value);
    if (decided.status === 'rejected') throw decided.reason;
  } finally {
    bench.mailbox.forget(reference);
  }
}

/** The agent's part: looks at the case until it shows `awaiting_review`, then decides at once. */
async function decideOnceInReview(
  bench: Bench,
  reference: string,
  decision: 'approve' | 'reject',
  codeRefused: () => boolean,
): Promise<void> {
  const token = bench.agentToken;
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  for (;;) {
    if (codeRefused()) return;
    const view = await act(bench, 'case view (agent)', 'GET', `/api/cases/${reference}`, { token });
    if (isSuccess(view) && view.body.status === 'awaiting_review') break;
    if (Date.now() >= deadline) {
      throw new Error(`the case did not show awaiting_review within ${STEP_TIMEOUT_MS / 1000} s`);
    }
    await sleep(AGENT_POLL_MS);
  }
  const body =
    decision === 'approve'
      ? { decision }
      : { decision, reason: 'The bench rejects every second case; nothing is wrong with it.' };
  const firstTry = performance.now();
  for (let attempt = 1; ; attempt += 1) {
    const answer = await act(bench, 'decision', 'POST', `/api/cases/${reference}/decision`, { token, body });
    if (isSuccess(answer)) {
      bench.measurements.duration(`decision: ${decision}`, answer.ms);
      bench.measurements.duration('decision, retries included', performance.now() - firstTry);
      if (attempt > 1 && bench.measurements.recording) bench.measurements.decisionsRetried += 1;
      return;
    }
    if (answer.status !== 409 || attempt >= DECISION_ATTEMPTS) throw refusedBy('the decision', answer);
    await sleep(DECISION_RETRY_MS);
  }
}

/**
 * One of the N case slots: a case after a case, each for the next of the slot's own environments, until
 * `done()`. A failed case is counted and the slot goes on; a stopped service ends it.
 */
async function runSlot(
  bench: Bench,
  slot: number,
  environments: readonly BenchEnvironment[],
  done: () => boolean,
): Promise<void> {
  for (let round = 0; !done(); round += 1) {
    const broken = bench.broken();
    if (broken !== undefined) throw new Error(broken);
    const environment = environments[(slot + round * concurrency) % environments.length];
    if (!environment) throw new Error('no environment for the case');
    const decision = (slot + round) % 2 === 0 ? 'approve' : 'reject';
    try {
      await runCase(bench, environment, decision);
      bench.measurements.caseDone();
    } catch (error) {
      bench.measurements.caseFailed(messageOf(error));
    }
  }
}

/** The commit measured and the tracked files changed on top of it (so a before and an after run can be told apart). */
function gitState(): { commit: string; changedFiles: string[] } | undefined {
  try {
    const git = (...args: string[]): string =>
      execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return {
      commit: git('rev-parse', '--short', 'HEAD'),
      changedFiles: git('diff', '--name-only', 'HEAD').split('\n').filter(Boolean),
    };
  } catch {
    return undefined;
  }
}

function printReport(
  report: ReturnType<Measurements['report']>,
  heading: string,
  measurements: Measurements,
): void {
  const ms = (value: number): string => (Number.isNaN(value) ? '-' : value.toFixed(0)).padStart(7);
  console.log('');
  console.log(heading);
  console.log(
    `${'action (2xx answers, ms)'.padEnd(28)}${'count'.padStart(7)}${'p50'.padStart(7)}${'p95'.padStart(7)}${'p99'.padStart(7)}${'max'.padStart(7)}`,
  );
  for (const action of ACTIONS) {
    const s = report.actions[action];
    console.log(
      `${action.padEnd(28)}${String(s.count).padStart(7)}${ms(s.p50)}${ms(s.p95)}${ms(s.p99)}${ms(s.max)}`,
    );
  }
  console.log('');
  if (report.refusals.length === 0) console.log('every answer was 2xx');
  else console.log('answers that were not 2xx:');
  for (const refusal of report.refusals) {
    console.log(
      `  ${refusal.action.padEnd(20)} ${refusal.status} ${refusal.code.padEnd(14)} ${String(refusal.count).padStart(5)}  ${refusal.message}`,
    );
  }
  const decisions = measurements.requestsOf('decision');
  console.log(
    `decisions answered 409: ${measurements.refusalsOf('decision', 409)} of ${decisions} decision requests; ${measurements.decisionsRetried} cases needed more than one try`,
  );
  for (const failure of report.failures) console.log(`failed cases: ${failure.count} × ${failure.reason}`);
}

async function main(): Promise<void> {
  if (!(minutes > 0) || !Number.isInteger(concurrency) || concurrency < 1) {
    throw new Error('usage: npm run bench:actions -- <minutes> <cases at a time>');
  }
  const say = (message: string): void => {
    process.stdout.write(`bench  | ${message}\n`);
  };
  const workDir = await mkdtemp(join(tmpdir(), 'econnect-bench-'));
  const processes: ServiceProcess[] = [];
  const mail = new MailCatcher();
  const cleanUp: (() => Promise<void>)[] = [() => rm(workDir, { recursive: true, force: true })];
  try {
    const postgres = await startPostgres({
      databaseUrl: process.env.DATABASE_URL || (await findLocalPostgres()),
      dataDir: join(workDir, 'pg'),
      persistent: false,
    });
    cleanUp.unshift(() => postgres.stop());
    const databaseName = `econnect_bench_${Date.now().toString(36)}`;
    await createDatabase(postgres.adminUrl, databaseName);
    cleanUp.unshift(() => dropDatabase(postgres.adminUrl, databaseName));
    const databaseUrl = withDatabase(postgres.adminUrl, databaseName);

    const [temporal, bundle] = await Promise.all([
      ensureTemporalCli(say).then((cliPath) => startTemporalDevServer({ cliPath, headless: true })),
      // Production workers load a bundle built ahead of time (`npm run build`); this one lives in workDir.
      bundleWorkflowCode({ workflowsPath: join(ROOT, 'workflows', 'index.ts'), logger: quietBundler }),
    ]);
    cleanUp.unshift(() => temporal.stop());
    const bundlePath = join(workDir, 'workflow-bundle.js');
    await writeFile(bundlePath, bundle.code);

    const agent = { email: 'agent@bench.example', password: randomUUID() };
    const db = await new DataSource(dataSourceOptions(databaseUrl, 'econnect-bench')).initialize();
    let environments: BenchEnvironment[];
    try {
      await db.runMigrations({ transaction: 'each' });
      environments = await seedDirectory(db, concurrency * ENVIRONMENTS_PER_SLOT);
      // An agent as the tests make one: written straight into the database, with a real argon2id hash.
      await new StaffAccountRepository(db).insert({
        email: agent.email,
        name: 'Bench Agent',
        role: 'agent',
        passwordHash: await new PasswordHasher().hash(agent.password),
        active: true,
      });
    } finally {
      await db.destroy();
    }
    say(`PostgreSQL database ${databaseName}: ${environments.length} environments, one agent`);

    await mail.start();
    cleanUp.unshift(() => mail.stop());
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const env: NodeJS.ProcessEnv = {
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      TEMPORAL_ADDRESS: temporal.address,
      SMTP_URL: mail.smtpUrl,
      PORT: String(port),
      PUBLIC_BASE_URL: baseUrl,
      // Production requires its own secrets: fresh ones for this run.
      SECRET_KEY: randomBytes(32).toString('base64url'),
      PLATFORM_JWT_SECRET: randomBytes(32).toString('base64url'),
      WORKFLOW_BUNDLE_PATH: bundlePath,
      LOG_LEVEL: process.env.LOG_LEVEL || 'warn',
      // Every request comes from this one address: the limit per client would stop the bench, not time it.
      INTAKE_RATE_LIMIT: '1000000',
    };
    const worker = startServiceProcess('worker', 'apps/worker/src/main.ts', env);
    processes.push(worker, startServiceProcess('api', 'apps/api/src/main.ts', env));
    cleanUp.unshift(async () => {
      await Promise.all(processes.map((p) => p.stop()));
    });
    const broken = (): string | undefined => {
      const stopped = processes.find((p) => p.child.exitCode !== null || p.child.signalCode !== null);
      return (
        stopped &&
        `the ${stopped.name} process stopped (${stopped.child.signalCode ?? stopped.child.exitCode})`
      );
    };
    await waitForHealth(`${baseUrl}/health/ready`, broken);
    const workerPid = worker.child.pid;
    if (workerPid === undefined) throw new Error('the worker process has no pid');
    await waitForWorker({
      address: temporal.address,
      namespace: 'default',
      taskQueue: 'recovery',
      pid: workerPid,
      gone: broken,
    });
    const signedIn = await call(baseUrl, 'POST', '/api/staff/session', { body: agent });
    const agentToken = signedIn.body.token;
    if (typeof agentToken !== 'string') throw refusedBy('the sign-in', signedIn);

    const measurements = new Measurements();
    const bench: Bench = {
      baseUrl,
      agentToken,
      mailbox: new CaseMailbox(mail),
      measurements,
      broken,
    };
    const slots = Array.from({ length: concurrency }, (_, slot) => slot);
    // One case per slot first, not counted: connections, caches and the JIT warm up.
    say(`warming up with ${concurrency} cases`);
    await Promise.all(
      slots.map(async (slot) => {
        const environment = environments[slot];
        if (!environment) return;
        await runCase(bench, environment, 'approve').catch((error: unknown) => {
          say(`a warm-up case failed: ${messageOf(error)}`);
        });
      }),
    );

    say(`${minutes} minute(s) of ${concurrency} cases at a time`);
    measurements.recording = true;
    const startedAt = new Date();
    const loadAtStart = loadavg();
    const deadline = startedAt.getTime() + minutes * 60_000;
    const progress = setInterval(() => {
      const elapsed = ((Date.now() - startedAt.getTime()) / 60_000).toFixed(1);
      say(
        `${elapsed} min: ${measurements.casesDone} cases done, ${measurements.casesFailed} failed, ${measurements.refusalsOf('decision', 409)} decisions answered 409`,
      );
    }, 60_000);
    try {
      await Promise.all(
        slots.map((slot) => runSlot(bench, slot, environments, () => Date.now() >= deadline)),
      );
    } finally {
      clearInterval(progress);
    }
    measurements.recording = false;
    const finishedAt = new Date();

    const report = measurements.report();
    const measuredMinutes = (finishedAt.getTime() - startedAt.getTime()) / 60_000;
    const git = gitState();
    const results = {
      bench: 'action-latency',
      git,
      // Others' work on the machine shows in the load: numbers are comparable only at a like load.
      machine: {
        cpus: cpus().length,
        node: process.version,
        loadAverage: { atStart: loadAtStart, atEnd: loadavg() },
      },
      minutes,
      concurrency,
      startedAt: startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      cases: {
        done: measurements.casesDone,
        failed: measurements.casesFailed,
        perMinute: Math.round((measurements.casesDone / measuredMinutes) * 10) / 10,
      },
      decisions: {
        requests: measurements.requestsOf('decision'),
        answered409: measurements.refusalsOf('decision', 409),
        casesRetried: measurements.decisionsRetried,
      },
      ...report,
    };
    const file =
      process.env.BENCH_RESULTS ||
      join(ROOT, 'bench-results', `action-latency-${startedAt.toISOString().replace(/[:.]/g, '-')}.json`);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, `${JSON.stringify(results, null, 2)}\n`);

    const changed = git?.changedFiles.length ?? 0;
    const commit = git ? ` at ${git.commit}${changed > 0 ? ` with ${changed} changed file(s)` : ''}` : '';
    printReport(
      report,
      `action latency${commit}: ${measuredMinutes.toFixed(1)} min, ${concurrency} cases at a time, ${measurements.casesDone} cases done (${results.cases.perMinute} a minute), ${measurements.casesFailed} failed`,
      measurements,
    );
    const load = (averages: number[]): string => averages.map((n) => n.toFixed(1)).join(' ');
    console.log(
      `load average (1, 5, 15 min): ${load(loadAtStart)} at the start, ${load(loadavg())} at the end`,
    );
    console.log(`results written to ${file}`);
  } finally {
    for (const step of cleanUp) {
      await step().catch((error: unknown) => {
        say(`clean-up: ${messageOf(error)}`);
      });
    }
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

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
