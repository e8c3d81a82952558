// Does the service hold up for a while under mixed traffic: do cases keep ending where they should, do the
// answers stay quick, does memory stay flat? Starts the whole service as production runs it on one machine
// (tools/production-stack) with short cooling-off and expiry windows, starts mixed cases (approved by email
// and by extract, rejected, cancelled, objected to, a new document asked for) at a steady rate for N
// minutes, then waits for those in flight. Prints and writes as JSON: cases started and ended per minute,
// end states against the expected ones, p50/p95/p99 per endpoint, non-2xx answers by endpoint and status,
// and the resident memory of the api and the worker after the warm-up and at the end.
//   npm run soak -- --minutes N [--rate <cases a minute, default 40>] [--apis 1] [--workers 1]
//   BENCH_RESULTS=<file>   where the JSON goes (default bench-results/soak-<time>.json)
//   DATABASE_URL           the PostgreSQL server to use (default the machine's at 127.0.0.1:5432, else embedded)
//   LOG_LEVEL              of the api and the worker (default warn)
import 'reflect-metadata';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CASE_KINDS } from '../tools/production-stack/case-kinds';
import { CaseTraffic, type CaseOutcome } from '../tools/production-stack/case-traffic';
import type { EndpointRecord } from '../tools/production-stack/endpoint-measurements';
import { measuredCommit } from '../tools/production-stack/measured-commit';
import { cpuSecondsOf, SampledCpu } from '../tools/production-stack/process-cpu';
import { processMemory, type ProcessMemory } from '../tools/production-stack/process-memory';
import {
  SHORT_CASE_DURATIONS,
  startProductionStack,
  type ProductionStack,
} from '../tools/production-stack/production-stack';
import { seedAgent, type AgentCredentials } from '../tools/production-stack/seeded-agent';
import { seedDirectory, type SeededEnvironment } from '../tools/production-stack/seeded-directory';
import { latencySummary, type LatencySummary } from './latency';

const ROOT = resolve(__dirname, '..');
// Measured on this project's 2-core machine (1.5 minutes each, others' work beside it): at 40 cases a minute
// the api, the worker, Temporal, PostgreSQL and the traffic use about 0.75 of a core and the answers stay
// quick (confirm p95 0.23 s); at 60, 1.15 cores, and the answers queue (confirm p95 2.8 s).
const DEFAULT_RATE = 40;
// After the N minutes, how long the cases still in flight may take to end (a case takes seconds).
const SETTLE_TIMEOUT_MS = 3 * 60_000;
// One environment per case, so that no environment gathers administrators (and notices) over the run; a
// longer run shares them.
const MAX_ENVIRONMENTS = 2_000;
const PROGRESS_MS = 60_000;
// How often the run looks whether a process of the service stopped.
const WATCH_MS = 5_000;

interface SoakOptions {
  minutes: number;
  rate: number;
  apis: number;
  workers: number;
}

function readOptions(): SoakOptions {
  const { values } = parseArgs({
    options: {
      minutes: { type: 'string' },
      rate: { type: 'string', default: String(DEFAULT_RATE) },
      apis: { type: 'string', default: '1' },
      workers: { type: 'string', default: '1' },
    },
  });
  const options = {
    minutes: Number(values.minutes),
    rate: Number(values.rate),
    apis: Number(values.apis),
    workers: Number(values.workers),
  };
  const whole = (n: number): boolean => Number.isInteger(n) && n >= 1;
  if (!(options.minutes > 0) || !(options.rate > 0) || !whole(options.apis) || !whole(options.workers)) {
    throw new Error('usage: npm run soak -- --minutes N [--rate cases-per-minute] [--apis 1] [--workers 1]');
  }
  return options;
}

/** The resident memory of every api and worker process, as they are now. */
async function serviceMemory(
  stack: ProductionStack,
): Promise<{ process: string; memory: ProcessMemory | undefined }[]> {
  return Promise.all(
    [...stack.apis, ...stack.workers].map(async (p) => ({
      process: p.name,
      memory: p.child.pid === undefined ? undefined : await processMemory(p.child.pid),
    })),
  );
}

/** CPU seconds used so far by each api and worker process and by the Temporal server. */
async function serviceCpu(stack: ProductionStack): Promise<Record<string, number | undefined>> {
  const processes = [
    ...[...stack.apis, ...stack.workers].map((p) => ({ name: p.name, pid: p.child.pid })),
    { name: 'temporal', pid: stack.temporal.pid },
  ];
  const seconds = await Promise.all(
    processes.map(async ({ pid }) => (pid === undefined ? undefined : cpuSecondsOf(pid))),
  );
  return Object.fromEntries(processes.map(({ name }, i) => [name, seconds[i]]));
}

const megabytes = (bytes: number | undefined): string =>
  bytes === undefined ? '-' : `${(bytes / 1024 / 1024).toFixed(0)} MB`;

/** Started and ended cases by minute of the run (the minute a case started, and the one it ended in). */
function casesPerMinute(
  outcomes: readonly CaseOutcome[],
  startedAt: number,
  minutes: number,
): { minute: number; started: number; ended: number }[] {
  const count = Math.ceil(minutes + SETTLE_TIMEOUT_MS / 60_000);
  const rows = Array.from({ length: count }, (_, minute) => ({ minute: minute + 1, started: 0, ended: 0 }));
  const rowOf = (at: number) => rows[Math.min(count - 1, Math.floor((at - startedAt) / 60_000))];
  for (const outcome of outcomes) {
    const started = rowOf(outcome.startedAt);
    const ended = rowOf(outcome.endedAt);
    if (started) started.started += 1;
    if (ended) ended.ended += 1;
  }
  // Minutes after the last end are left out.
  while (rows.length > 0 && rows.at(-1)?.started === 0 && rows.at(-1)?.ended === 0) rows.pop();
  return rows;
}

function endpointReport(records: readonly EndpointRecord[]): {
  latencies: (LatencySummary & { endpoint: string; requests: number; retries: number })[];
  errors: { endpoint: string; status: number; count: number }[];
} {
  return {
    latencies: records.map((record) => ({
      endpoint: record.endpoint,
      requests: Object.values(record.statuses).reduce((sum, n) => sum + n, 0),
      retries: record.retries,
      ...latencySummary(record.latenciesMs),
    })),
    errors: records.flatMap((record) =>
      Object.entries(record.statuses)
        .map(([status, count]) => ({ endpoint: record.endpoint, status: Number(status), count }))
        .filter(({ status }) => status < 200 || status >= 300),
    ),
  };
}

async function main(): Promise<void> {
  const options = readOptions();
  const say = (message: string): void => {
    process.stdout.write(`soak   | ${message}\n`);
  };
  const warmUpCases = CASE_KINDS.length;
  const plannedCases = Math.ceil(options.rate * options.minutes);
  let environments: SeededEnvironment[] = [];
  let agent: AgentCredentials | undefined;
  const stack = await startProductionStack({
    apis: options.apis,
    workers: options.workers,
    durations: SHORT_CASE_DURATIONS,
    databasePrefix: 'econnect_soak',
    seed: async (db) => {
      environments = await seedDirectory(db, Math.min(MAX_ENVIRONMENTS, warmUpCases + plannedCases + 10));
      agent = await seedAgent(db, 'agent@soak.example');
    },
    log: say,
  });
  let traffic: CaseTraffic | undefined;
  try {
    say(
      `database ${stack.database.name}: ${environments.length} environments; ${options.apis} api(s), ${options.workers} worker(s); cooling-off ${SHORT_CASE_DURATIONS.coolingOff ?? ''}`,
    );
    if (!agent) throw new Error('no agent was seeded');
    traffic = await CaseTraffic.start({ apiUrls: stack.apiUrls, mail: stack.mail, agent, environments });
    const results = await soak(stack, traffic, options, say);
    const file =
      process.env.BENCH_RESULTS ||
      join(ROOT, 'bench-results', `soak-${results.startedAt.replace(/[:.]/g, '-')}.json`);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, `${JSON.stringify(results, null, 2)}\n`);
    printReport(results, file);
    // A case that ended otherwise, one left unfinished, or a stop on a broken process fails the run.
    const { cases } = results;
    if (cases.asExpected < cases.ended || cases.unfinished > 0 || results.stoppedEarly !== null) {
      process.exitCode = 1;
    }
  } finally {
    traffic?.close();
    await stack.close();
  }
}

/** The warm-up, the N minutes of traffic and the wait for the cases in flight: what was measured. */
async function soak(
  stack: ProductionStack,
  traffic: CaseTraffic,
  options: SoakOptions,
  say: (message: string) => void,
) {
  // One case of each kind first, not counted: connections, caches and the JIT warm up.
  const warmUpCases = CASE_KINDS.length;
  say(`warming up with ${warmUpCases} cases, one of each kind`);
  const warmUp = await Promise.all(Array.from({ length: warmUpCases }, (_, i) => traffic.runCase(i)));
  for (const outcome of warmUp) {
    if (outcome.error !== undefined || outcome.actualEnd !== outcome.expectedEnd) {
      say(`a warm-up case (${outcome.kind}) ended ${outcome.actualEnd}: ${outcome.error ?? ''}`);
    }
  }
  traffic.outcomes.splice(0);
  traffic.measurements.reset();

  // PostgreSQL's share: the connections to this run's database (the server may serve others too).
  const postgresCpu = new SampledCpu();
  const samplePostgres = async (): Promise<void> => {
    const rows: { pid: number }[] = await stack.database.dataSource.query(
      'SELECT pid FROM pg_stat_activity WHERE datname = current_database()',
    );
    await postgresCpu.sample(rows.map((row) => row.pid));
  };
  await samplePostgres();
  const memoryAtStart = await serviceMemory(stack);
  const cpuAtStart = await serviceCpu(stack);
  const trafficCpuAtStart = process.cpuUsage();
  const loadAtStart = loadavg();
  const startedAt = Date.now();
  say(`${options.minutes} minute(s) of ${options.rate} cases a minute`);
  const steady = traffic.startAtRate(options.rate, warmUpCases);
  const memorySamples: { minute: number; processes: Awaited<ReturnType<typeof serviceMemory>> }[] = [];
  let broken: string | undefined;
  await new Promise<void>((resolveRun) => {
    const end = startedAt + options.minutes * 60_000;
    let nextProgress = startedAt + PROGRESS_MS;
    const watch = setInterval(
      () => {
        broken = stack.broken();
        const now = Date.now();
        if (broken !== undefined || now >= end) {
          clearInterval(watch);
          resolveRun();
          return;
        }
        void samplePostgres().catch(() => undefined);
        if (now < nextProgress) return;
        nextProgress += PROGRESS_MS;
        void serviceMemory(stack).then((processes) => {
          const minute = Math.round((now - startedAt) / 60_000);
          memorySamples.push({ minute, processes });
          const matching = traffic.outcomes.filter((o) => o.actualEnd === o.expectedEnd).length;
          const rss = processes.map((p) => `${p.process} ${megabytes(p.memory?.rssBytes)}`).join(', ');
          say(
            `${minute} min: ${steady.started} started, ${traffic.outcomes.length} ended (${matching} as expected), ${traffic.inFlight} in flight; ${rss}`,
          );
        });
      },
      Math.min(WATCH_MS, options.minutes * 60_000),
    );
  });
  steady.stop();
  const stoppedStartingAt = Date.now();
  if (broken !== undefined) say(`stopped early: ${broken}`);
  say(`waiting for the ${traffic.inFlight} case(s) in flight`);
  const unfinished = await steady.settle(broken === undefined ? SETTLE_TIMEOUT_MS : 0);
  const finishedAt = Date.now();
  await samplePostgres();
  const memoryAtEnd = await serviceMemory(stack);
  const cpuAtEnd = await serviceCpu(stack);
  const loadAtEnd = loadavg();

  const outcomes = [...traffic.outcomes];
  const mismatches = outcomes.filter((o) => o.actualEnd !== o.expectedEnd);
  const endpoints = endpointReport(traffic.measurements.snapshot());
  const measuredSeconds = (finishedAt - startedAt) / 1000;
  const percentOfCore = (seconds: number): number => Math.round((seconds / measuredSeconds) * 1000) / 10;
  const cpuPercent: Record<string, number | null> = Object.fromEntries(
    Object.entries(cpuAtEnd).map(([name, seconds]) => {
      const before = cpuAtStart[name];
      return [name, seconds === undefined || before === undefined ? null : percentOfCore(seconds - before)];
    }),
  );
  cpuPercent.postgres = percentOfCore(postgresCpu.seconds);
  // The requesters and the agent: this process (the extracts it makes, the mail it reads).
  const trafficCpu = process.cpuUsage(trafficCpuAtStart);
  cpuPercent.traffic = percentOfCore((trafficCpu.user + trafficCpu.system) / 1e6);
  return {
    bench: 'soak',
    git: measuredCommit(ROOT),
    // Others' work on the machine shows in the load: numbers are comparable only at a like load.
    machine: {
      cpus: cpus().length,
      node: process.version,
      loadAverage: { atStart: loadAtStart, atEnd: loadAtEnd },
    },
    options: { ...options, durations: SHORT_CASE_DURATIONS },
    startedAt: new Date(startedAt).toISOString(),
    stoppedStartingAt: new Date(stoppedStartingAt).toISOString(),
    finishedAt: new Date(finishedAt).toISOString(),
    measuredMinutes: Math.round(measuredSeconds / 6) / 10,
    stoppedEarly: broken ?? null,
    cases: {
      started: steady.started,
      ended: outcomes.length,
      unfinished,
      asExpected: outcomes.length - mismatches.length,
      perMinute: casesPerMinute(outcomes, startedAt, options.minutes),
      byKind: CASE_KINDS.map((kind) => {
        const ofKind = outcomes.filter((o) => o.kind === kind);
        const seconds = ofKind.reduce((sum, o) => sum + (o.endedAt - o.startedAt), 0) / 1000;
        return {
          kind,
          ended: ofKind.length,
          asExpected: ofKind.filter((o) => o.actualEnd === o.expectedEnd).length,
          retries: ofKind.reduce((sum, o) => sum + o.retries, 0),
          meanSeconds: ofKind.length === 0 ? null : Math.round((seconds / ofKind.length) * 10) / 10,
        };
      }),
      mismatches: mismatches.map(({ reference, kind, expectedEnd, actualEnd, error }) => ({
        reference,
        kind,
        expectedEnd,
        actualEnd,
        error,
      })),
    },
    endpoints: endpoints.latencies,
    errors: endpoints.errors,
    // The node process of each (rssBytes), and it with its children (treeRssBytes: the worker's PDF parsers).
    memory: { atStart: memoryAtStart, atEnd: memoryAtEnd, samples: memorySamples },
    // Percent of one core over the run; postgres: the connections to this run's database; traffic: this process.
    cpuPercent,
  };
}

type SoakResults = Awaited<ReturnType<typeof soak>>;

function printReport(results: SoakResults, file: string): void {
  const { cases } = results;
  const changed = results.git?.changedFiles.length ?? 0;
  const commit = results.git
    ? ` at ${results.git.commit}${changed > 0 ? ` with ${changed} changed file(s)` : ''}`
    : '';
  const ms = (value: number): string => (Number.isNaN(value) ? '-' : value.toFixed(0)).padStart(7);
  console.log('');
  console.log(
    `soak${commit}: ${results.measuredMinutes.toFixed(1)} min, ${results.options.rate} cases a minute, ${cases.started} started, ${cases.ended} ended, ${cases.unfinished} unfinished; ${cases.asExpected} of ${cases.ended} ended as expected`,
  );
  console.log(
    `cases per minute (started/ended): ${cases.perMinute.map((m) => `${m.started}/${m.ended}`).join(' ')}`,
  );
  console.log(
    `${'kind'.padEnd(20)}${'ended'.padStart(7)}${'as expected'.padStart(13)}${'retries'.padStart(9)}${'mean s'.padStart(8)}`,
  );
  for (const kind of cases.byKind) {
    console.log(
      `${kind.kind.padEnd(20)}${String(kind.ended).padStart(7)}${String(kind.asExpected).padStart(13)}${String(kind.retries).padStart(9)}${(kind.meanSeconds === null ? '-' : kind.meanSeconds.toFixed(1)).padStart(8)}`,
    );
  }
  for (const mismatch of cases.mismatches) {
    console.log(
      `  not as expected: ${mismatch.reference ?? '(no case)'} ${mismatch.kind}: expected ${mismatch.expectedEnd}, ended ${mismatch.actualEnd}${mismatch.error ? ` (${mismatch.error})` : ''}`,
    );
  }
  console.log('');
  console.log(
    `${'endpoint (2xx answers, ms)'.padEnd(48)}${'count'.padStart(7)}${'p50'.padStart(7)}${'p95'.padStart(7)}${'p99'.padStart(7)}${'max'.padStart(7)}${'retries'.padStart(9)}`,
  );
  for (const e of results.endpoints) {
    console.log(
      `${e.endpoint.padEnd(48)}${String(e.count).padStart(7)}${ms(e.p50)}${ms(e.p95)}${ms(e.p99)}${ms(e.max)}${String(e.retries).padStart(9)}`,
    );
  }
  if (results.errors.length === 0) console.log('every answer was 2xx');
  else console.log('answers that were not 2xx (status 0: no answer):');
  for (const error of results.errors) {
    console.log(
      `  ${error.endpoint.padEnd(46)} ${String(error.status).padStart(3)} ${String(error.count).padStart(6)}`,
    );
  }
  console.log('');
  for (const [i, start] of results.memory.atStart.entries()) {
    const end = results.memory.atEnd[i];
    console.log(
      `${start.process.padEnd(8)} RSS ${megabytes(start.memory?.rssBytes)} after the warm-up, ${megabytes(end?.memory?.rssBytes)} at the end (with children ${megabytes(start.memory?.treeRssBytes)} → ${megabytes(end?.memory?.treeRssBytes)})`,
    );
  }
  const cpu = Object.entries(results.cpuPercent)
    .map(([name, percent]) => `${name} ${percent === null ? '-' : `${percent}%`}`)
    .join(', ');
  console.log(`CPU over the run, percent of one core: ${cpu}`);
  const load = (averages: number[]): string => averages.map((n) => n.toFixed(1)).join(' ');
  console.log(
    `load average (1, 5, 15 min): ${load(results.machine.loadAverage.atStart)} at the start, ${load(results.machine.loadAverage.atEnd)} at the end`,
  );
  console.log(`results written to ${file}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
