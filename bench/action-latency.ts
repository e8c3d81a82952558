// How long do a requester's and an agent's actions take under a steady load, and how often is one refused?
// Starts the whole service as production runs it on one machine (tools/production-stack): PostgreSQL, a
// Temporal dev server, the api and the worker as processes of their own (NODE_ENV=production, the workflows
// bundled ahead of time) and a real SMTP server. Then keeps N cases in flight, each: intake, confirm on the
// mailed link, the mailed code, and an agent's decision (approve and reject in turn) sent the moment the
// agent's view of the case shows `awaiting_review`. Prints the latency of every action and every answer that
// was not 2xx; writes both as JSON.
//   npm run bench:actions [-- <minutes, default 15> <cases at a time, default 6>]
//   BENCH_RESULTS=<file>   where the JSON goes (default bench-results/action-latency-<time>.json)
//   DATABASE_URL           the PostgreSQL server to use (default the machine's at 127.0.0.1:5432, else embedded)
//   LOG_LEVEL              of the api and the worker (default warn, so their output does not drown the table)
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { CaseMailbox } from '../tools/production-stack/case-mailbox';
import { measuredCommit } from '../tools/production-stack/measured-commit';
import { startProductionStack } from '../tools/production-stack/production-stack';
import { seedAgent, type AgentCredentials } from '../tools/production-stack/seeded-agent';
import { seedDirectory, type SeededEnvironment } from '../tools/production-stack/seeded-directory';
import { isSuccess, timedRequest, type TimedAnswer as Answer } from '../tools/production-stack/timed-request';
import { latencySummary, type LatencySummary } from './latency';

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
        ACTIONS.map((action) => [action, latencySummary(this.samples.get(action) ?? [])]),
      ) as Record<Action, LatencySummary>,
      requests: Object.fromEntries(this.requests),
      refusals: [...this.refusals.values()].sort((a, b) => b.count - a.count),
      failures: [...this.failures].map(([reason, count]) => ({ reason, count })),
    };
  }
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
  const answer = await timedRequest(bench.baseUrl, method, path, options);
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
  environment: SeededEnvironment,
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
  let version = '';
  for (;;) {
    if (codeRefused()) return;
    const view = await act(bench, 'case view (agent)', 'GET', `/api/cases/${reference}`, { token });
    if (isSuccess(view) && view.body.status === 'awaiting_review') {
      version = String(view.body.version);
      break;
    }
    if (Date.now() >= deadline) {
      throw new Error(`the case did not show awaiting_review within ${STEP_TIMEOUT_MS / 1000} s`);
    }
    await sleep(AGENT_POLL_MS);
  }
  // The version the agent's view showed, as the console sends it.
  const body =
    decision === 'approve'
      ? { decision, version }
      : { decision, version, reason: 'The bench rejects every second case; nothing is wrong with it.' };
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
  environments: readonly SeededEnvironment[],
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
  let environments: SeededEnvironment[] = [];
  let agent: AgentCredentials | undefined;
  const stack = await startProductionStack({
    databasePrefix: 'econnect_bench',
    // As measured before the stack was shared: numbers stay comparable with earlier runs.
    temporalState: 'memory',
    seed: async (db) => {
      environments = await seedDirectory(db, concurrency * ENVIRONMENTS_PER_SLOT);
      agent = await seedAgent(db, 'agent@bench.example');
    },
    log: say,
  });
  try {
    say(`PostgreSQL database ${stack.database.name}: ${environments.length} environments, one agent`);
    const baseUrl = stack.apiUrls[0] ?? '';
    if (!agent) throw new Error('no agent was seeded');
    const signedIn = await timedRequest(baseUrl, 'POST', '/api/staff/session', { body: agent });
    const agentToken = signedIn.body.token;
    if (typeof agentToken !== 'string') throw refusedBy('the sign-in', signedIn);

    const measurements = new Measurements();
    const bench: Bench = {
      baseUrl,
      agentToken,
      mailbox: new CaseMailbox(stack.mail, STEP_TIMEOUT_MS),
      measurements,
      broken: () => stack.broken(),
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
    const git = measuredCommit(ROOT);
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
    await stack.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
