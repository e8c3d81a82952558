// The fault suite (`npm run test:faults`, issue 13): whatever happens while cases are in flight — a crash,
// a deploy, Temporal, PostgreSQL or the mail server away — every case ends in the state it would have
// reached without the fault, no side effect happens twice, nothing is lost, and no workflow fails.
//
// The whole service runs as production runs it (tools/production-stack: a fresh database, a Temporal dev
// server whose state is in a file, a real SMTP server, the api and the worker as processes with
// NODE_ENV=production, a 3 s cooling-off). Each fault runs many cases of the six kinds at once over HTTP,
// as people would (tools/production-stack/case-traffic.ts), makes its fault while they are in flight, waits
// for every workflow to close, and checks PostgreSQL, Temporal and the SMTP server (support/fault-checks.ts):
// each case's end and trail as in a fault-free run, one appointment per approved case, one Message-ID per
// recipient and purpose, every mail there, no delivery pending, every workflow completed. A process that
// dies by itself is started again, as production's supervisor would, and fails the fault.
//
// The worker kills run on a stack of their own (the holding worker); the other faults one after the other on
// one stack of two apis and two workers, whose PostgreSQL is reached through a TCP proxy. The run ends with
// a table, also written as JSON to bench-results/faults-<time>.json (or FAULT_RESULTS):
// fault | cases | end states matching | duplicate side effects | lost mails | failed workflows | notes.
//
// FAULT_PROFILE (support/fault-profile.ts):
//   ci    (the default; .ci/run) 12 cases per fault (2 of each kind), kills hitting 2 held activities of
//         each type (a kill waits up to 3 s for mails being sent by activities not held), 3 Temporal
//         restarts, PostgreSQL refusing 10 s, the mail server away 20 s: about six minutes in all.
//   full  (on demand) the issue's numbers: 60 cases per fault (10 of each kind), kills hitting 10 held
//         activities of each type (at once, whatever is being sent), 5 Temporal restarts, PostgreSQL
//         refusing 30 s, the mail server away 2 minutes: about half an hour.
// One fault alone: `npm run test:faults -- -t 'mail server away'`.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client as PostgresClient } from 'pg';
import type { CaseOutcome } from '../../tools/production-stack/case-traffic';
import { checkRun, type FaultResult } from './support/fault-checks';
import { faultProfile } from './support/fault-profile';
import { casesOfEachKind, FaultStack, sleep } from './support/fault-stack';
import { faultTable, historiesDir, writeFaultResults } from './support/fault-table';
import { TcpProxy } from '../support/tcp-proxy';
import {
  HOLDING_WORKER_ENTRY,
  holdingWorkerFiles,
  killWhileHolding,
  TRAFFIC_ACTIVITIES,
} from './support/worker-kills';

const profile = faultProfile();
// A fault takes up to the profile's limit (the worker kills the longest); its closing checks come on top.
jest.setTimeout(profile.faultTimeoutMs);

const results: FaultResult[] = [];
const suiteStartedAt = new Date();
// After the last case ended, how long its workflow may take to close (its last mails).
const SETTLE_MS = 3 * 60_000;
// The service's own connections to PostgreSQL (libs/persistence), as pg_stat_activity names them.
const SERVICE_APPLICATION_NAME = 'econnect-recovery';

const say = (message: string): void => void process.stdout.write(`faults | ${message}\n`);
const between = (lowMs: number, highMs: number): number => lowMs + Math.random() * (highMs - lowMs);
const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/** The case numbers of the n-th fault on a stack: a block of its own, so each case has its environment. */
const casesOfFault = (n: number): number[] =>
  casesOfEachKind(profile.casesPerKind, n * 10 * profile.casesPerKind);
const environmentsFor = (faults: number): number => Math.max(...casesOfFault(faults - 1)) + 1;

/**
 * Runs the cases on `on` while `makeFault` does its work (told when the cases have ended), waits for the
 * workflows to close, checks, and records the row; answers it.
 */
async function underFault(
  fault: string,
  on: FaultStack,
  cases: readonly number[],
  makeFault: (ended: () => boolean) => Promise<string[]>,
  refused?: (address: string) => boolean,
): Promise<FaultResult> {
  const startedAt = Date.now();
  on.traffic.measurements.reset();
  say(`${fault}: ${cases.length} cases`);
  let ended = false;
  const running = on.runCases(cases).finally(() => {
    ended = true;
    say(`${fault}: the cases ended ${seconds(Date.now() - startedAt)} into the run`);
  });
  // The fault's own failure must not leave the cases running: both are awaited.
  const [faultNotes, outcomes] = await Promise.allSettled([makeFault(() => ended), running]);
  if (outcomes.status === 'rejected') throw outcomes.reason;
  if (faultNotes.status === 'rejected') throw faultNotes.reason;
  // A case the traffic could not take to its end waits (for an expiry, a decision) as it would for a person
  // who gave up: its workflow is reported as it is, not waited for.
  const taken = outcomes.value.flatMap((o) => (o.error === undefined && o.reference ? [o.reference] : []));
  const stillRunning = await on.settle(SETTLE_MS, taken);
  for (const { workflowId, pending } of stillRunning) {
    say(`${fault}: ${workflowId} still runs, waiting for ${pending.join(', ') || 'no activity'}`);
  }
  const result = await checkRun(on, { fault, outcomes: outcomes.value, refused, startedAt });
  result.notes.unshift(...faultNotes.value, ...trafficNotes(on, outcomes.value));
  result.histories = await on.keepHistories(
    [...new Set(result.troubled)],
    historiesDir(suiteStartedAt, fault),
  );
  results.push(result);
  say(`${fault}: done in ${result.seconds} s`);
  return result;
}

/** What the people did again (requests retried after a busy answer, a 503 or none), and the 5xx answers. */
function trafficNotes(on: FaultStack, outcomes: readonly CaseOutcome[]): string[] {
  const retries = outcomes.reduce((sum, o) => sum + o.retries, 0);
  const failed = on.traffic.measurements.snapshot().flatMap((record) =>
    Object.entries(record.statuses)
      .filter(([status]) => Number(status) >= 500 || status === '0')
      .map(([status, count]) => `${count}×${status === '0' ? 'no answer' : status} ${record.endpoint}`),
  );
  const slowest = Math.max(...outcomes.map((o) => o.endedAt - o.startedAt));
  return [
    `slowest case ${seconds(slowest)}; ${retries} requests sent again${failed.length > 0 ? ` (${failed.join(', ')})` : ''}`,
  ];
}

/** Every count of a problem is zero, and every case ended as a fault-free one does. */
function expectClean(result: FaultResult): void {
  expect({
    matching: `${result.matching}/${result.cases}`,
    mismatches: result.mismatches,
    duplicates: result.duplicates,
    lost: result.lost,
    failedWorkflows: result.failedWorkflows,
    died: result.notes.filter((note) => note.startsWith('process died')),
  }).toEqual({
    matching: `${result.cases}/${result.cases}`,
    mismatches: [],
    duplicates: [],
    lost: [],
    failedWorkflows: [],
    died: [],
  });
}

/** Waits `ms`, or less once the cases have ended; answers whether they had. */
async function waitWhileRunning(ms: number, ended: () => boolean): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until && !ended()) await sleep(Math.min(250, until - Date.now()));
  return ended();
}

describe(`faults (${profile.name} profile)`, () => {
  afterAll(async () => {
    if (results.length === 0) return;
    const file = await writeFaultResults(profile, results, suiteStartedAt);
    process.stdout.write(
      `\nFaults (${profile.name} profile):\n${faultTable(results)}\nwritten to ${file}\n\n`,
    );
  });

  it('a worker killed (SIGKILL) while it holds each type of activity', async () => {
    const workDir = await mkdtemp(join(tmpdir(), 'faults-holds-'));
    let on: FaultStack | undefined;
    try {
      const { env, holdLog } = await holdingWorkerFiles(workDir, profile.killsPerActivityType);
      const cases = casesOfFault(0);
      on = await FaultStack.start({
        workerEntry: HOLDING_WORKER_ENTRY,
        env: { worker: env },
        environments: environmentsFor(1),
        stepTimeoutMs: profile.stepTimeoutMs,
        caseWindow: profile.caseWindow,
      });
      const stack = on;
      const result = await underFault(
        'worker SIGKILL during each activity type',
        stack,
        cases,
        async (ended) => {
          const kills = await killWhileHolding(stack, holdLog, {
            done: ended,
            deadline: Date.now() + profile.faultTimeoutMs - SETTLE_MS - 60_000,
            settleMs: SETTLE_MS,
            spareSendsMs: profile.spareSendsMs,
          });
          const takeOver = [...kills.takeOverMs].sort((a, b) => a - b);
          const median = takeOver[Math.floor(takeOver.length / 2)] ?? 0;
          const perType = TRAFFIC_ACTIVITIES.map((type) => `${type} ${kills.hitsByType[type] ?? 0}`);
          say(`held activities killed, by type: ${perType.join(', ')}`);
          const tooFew = TRAFFIC_ACTIVITIES.filter(
            (type) => (kills.hitsByType[type] ?? 0) < profile.killsPerActivityType,
          );
          const { start, end } = kills.hitsByPoint;
          return [
            `${kills.kills} kills hit ${start + end} held activities (${start} before their work, ${end} after it) of ${Object.keys(kills.hitsByType).length} types: ${perType.join(', ')}`,
            `from a kill to the activities it hit completed: median ${seconds(median)}, max ${seconds(takeOver.at(-1) ?? 0)}`,
            `${kills.killsWhileSending} kill(s) while an activity not held was sending a mail`,
            ...(tooFew.length > 0
              ? [`fewer than ${profile.killsPerActivityType} kills: ${tooFew.join(', ')}`]
              : []),
          ];
        },
      );
      expectClean(result);
      expect(result.notes.filter((note) => note.startsWith('fewer than'))).toEqual([]);
    } finally {
      await on?.close();
      await rm(workDir, { recursive: true, force: true });
    }
  });

  describe('on two apis and two workers, PostgreSQL through a proxy', () => {
    // Its target is the run's PostgreSQL, wherever the stack finds it.
    const proxy = new TcpProxy();
    let on: FaultStack;
    // For afterAll: undefined when the stack did not start.
    let started: FaultStack | undefined;
    // The faults below, in order: each has its own block of case numbers (and so of environments).
    const FAULTS_HERE = 6;
    let next = 1;
    const cases = (): number[] => {
      if (next > FAULTS_HERE) throw new Error(`more faults than FAULTS_HERE (${FAULTS_HERE}): raise it`);
      return casesOfFault(next++);
    };

    beforeAll(async () => {
      const startingAt = Date.now();
      await proxy.accept();
      on = await FaultStack.start({
        apis: 2,
        workers: 2,
        environments: environmentsFor(1 + FAULTS_HERE),
        stepTimeoutMs: profile.stepTimeoutMs,
        caseWindow: profile.caseWindow,
        databaseUrlFor: (url) => {
          const direct = new URL(url);
          proxy.target = { host: direct.hostname || '127.0.0.1', port: Number(direct.port || 5432) };
          return proxy.urlThrough(url);
        },
      });
      started = on;
      say(`a stack of 2 apis and 2 workers started in ${seconds(Date.now() - startingAt)}`);
    });

    afterAll(async () => {
      try {
        await started?.close();
      } finally {
        await proxy.close();
      }
    });

    it('the Temporal dev server stopped and started again on its database file', async () => {
      const result = await underFault('Temporal restarted on its file', on, cases(), async (ended) => {
        const downtimes: number[] = [];
        for (let i = 0; i < profile.temporalRestarts; i += 1) {
          if (await waitWhileRunning(between(1_000, 5_000), ended)) break;
          const stoppedAt = Date.now();
          await on.stack.temporal.stop();
          try {
            await sleep(between(1_000, 5_000));
          } finally {
            await on.stack.temporal.start();
          }
          downtimes.push(Date.now() - stoppedAt);
        }
        return [`${downtimes.length} restarts, away ${downtimes.map(seconds).join(', ')}`];
      });
      expectClean(result);
      expect(result.notes[0]).not.toMatch(/^0 restarts/);
    });

    it('the service’s PostgreSQL connections cut again and again', async () => {
      const result = await underFault('PostgreSQL connections cut', on, cases(), async (ended) => {
        // Straight to PostgreSQL, not through the proxy.
        const admin = new PostgresClient({ connectionString: on.stack.database.url });
        admin.on('error', () => undefined);
        await admin.connect();
        let rounds = 0;
        let cut = 0;
        try {
          while (!(await waitWhileRunning(between(500, 2_000), ended))) {
            const { rowCount } = await admin.query(
              `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                WHERE datname = $1 AND pid <> pg_backend_pid() AND application_name = $2`,
              [on.stack.database.name, SERVICE_APPLICATION_NAME],
            );
            rounds += 1;
            cut += rowCount ?? 0;
          }
        } finally {
          await admin.end();
        }
        return [`${rounds} rounds of pg_terminate_backend cut ${cut} connections of the apis and workers`];
      });
      expectClean(result);
      expect(result.notes[0]).not.toMatch(/cut 0 connections/);
    });

    it('PostgreSQL refusing connections for a while', async () => {
      const away = profile.postgresAwayMs;
      const result = await underFault(`PostgreSQL refusing ${seconds(away)}`, on, cases(), async (ended) => {
        await waitWhileRunning(3_000, ended);
        const cutBefore = proxy.counts.cut;
        await proxy.refuse();
        const cut = proxy.counts.cut - cutBefore;
        try {
          await sleep(away);
        } finally {
          await proxy.accept();
        }
        return [`away ${seconds(away)}: ${cut} open connections cut, new ones refused`];
      });
      expectClean(result);
    });

    it('the mail server away for a while', async () => {
      const away = profile.mailAwayMs;
      const result = await underFault(`mail server away ${seconds(away)}`, on, cases(), async (ended) => {
        await waitWhileRunning(2_000, ended);
        await on.stack.mail.stop();
        try {
          await sleep(away);
        } finally {
          await on.stack.mail.start();
        }
        return [`away ${seconds(away)}`];
      });
      expectClean(result);
    });

    it('the mail server refusing some addresses for good', async () => {
      // Of every other case's environment an active user's address (the notices), of every third its
      // organisation's contact address (the email code too).
      const refused = (address: string): boolean => {
        const [, who, n] = /^(user1\.|office)(\d+)@bench\.example$/.exec(address.toLowerCase()) ?? [];
        return n !== undefined && Number(n) % (who === 'office' ? 3 : 2) === 0;
      };
      on.stack.mail.refuseRecipients(refused);
      try {
        const result = await underFault(
          'mail server refusing some addresses (550)',
          on,
          cases(),
          () => Promise.resolve([]),
          refused,
        );
        expectClean(result);
      } finally {
        on.stack.mail.refuseRecipients(null);
      }
    });

    it('one of the two workers restarted in the middle, the traffic over both apis', async () => {
      const result = await underFault('2 apis, 2 workers, one restarted', on, cases(), async (ended) => {
        await waitWhileRunning(between(3_000, 6_000), ended);
        const restartedAt = Date.now();
        await on.changeProcesses(() => on.stack.restartWorker(1));
        return [`worker 2 restarted (SIGTERM) in ${seconds(Date.now() - restartedAt)}`];
      });
      expectClean(result);
    });
  });
});
