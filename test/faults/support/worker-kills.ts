// The worker killed (SIGKILL) while it holds activities: the cases run through the holding worker
// (test/support/holding-worker.main.ts) with holds on every recovery activity type, and the worker is killed
// each time it holds some, then started again (holding, but never the same activity of a workflow twice).
import { existsSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import type { RecoveryActivityName } from '@app/workflows/activities.contract';
import type { ActivityHold, HeldActivity } from '../../support/holding-worker.main';
import { runningWorkflows, sleep, type FaultStack } from './fault-stack';

/** The holding worker, started by path. */
export const HOLDING_WORKER_ENTRY = 'test/support/holding-worker.main.ts';

/** Every recovery activity: true for those the traffic's six kinds of case go through. */
const ON_THE_TRAFFIC_PATH: Record<RecoveryActivityName, boolean> = {
  matchEnvironment: true,
  sendAccessLink: true,
  closeUnreachable: false,
  verificationFacts: true,
  confirmMailbox: true,
  issueEmailCode: true,
  sendEmailCode: true,
  sendExtractRequest: true,
  startAnalysis: true,
  analyseDocument: true,
  startReview: true,
  markReviewOverdue: false,
  linkEnvironment: false,
  approveCase: true,
  rejectCase: true,
  sendRejection: true,
  requestDocument: true,
  sendDocumentRequest: true,
  sendCoolingOffNotices: true,
  scheduleAppointment: true,
  recordObjection: true,
  sendObjectionReceived: true,
  startAppointment: true,
  appointAdministrator: true,
  sendAppointmentMails: true,
  cancelCase: true,
  sendCancellation: true,
  expireCase: false,
  sendExpiry: false,
  reportFailedStep: false,
  sendAttentionNotice: false,
  resumeStep: false,
  closeCase: false,
  sendClosure: false,
};

export const TRAFFIC_ACTIVITIES = Object.entries(ON_THE_TRAFFIC_PATH).flatMap(([name, on]) =>
  on ? [name] : [],
);

// After the first hold, the kill waits until no new one came for this long (cases reach their next
// activity within moments of each other), and no longer than the most.
const QUIET_MS = 1_500;
const MOST_MS = 6_000;
// A held activity is taken over once its heartbeat runs out (10 s) and its retry ran: well within this.
const TAKE_OVER_LIMIT_MS = 90_000;

export interface KillReport {
  kills: number;
  /**
   * Kills that came while an activity not held was sending a mail: its delivery's lease (2 minutes) holds
   * the retry back until it runs out, lest two attempts send it at once.
   */
  killsWhileSending: number;
  /** Held activities the kills hit, by type. */
  hitsByType: Record<string, number>;
  /** By hold point: the activity had done nothing yet, or its work was done and not yet reported. */
  hitsByPoint: { start: number; end: number };
  /** From each kill to the last activity it hit completing, in milliseconds. */
  takeOverMs: number[];
}

/**
 * Holds of every recovery activity type for any workflow, `perType` of each (the first half of the
 * workflows that reach it held at its start, the next half at its end), and the files the worker reads.
 */
export async function holdingWorkerFiles(
  workDir: string,
  perType: number,
): Promise<{ env: NodeJS.ProcessEnv; holdLog: string }> {
  const holdFile = join(workDir, 'holds.json');
  const holdLog = join(workDir, 'held.jsonl');
  const atStart = Math.ceil(perType / 2);
  const holds: ActivityHold[] = Object.keys(ON_THE_TRAFFIC_PATH).flatMap((activity) => [
    { activity, workflowId: '*', at: 'start' as const, times: atStart },
    { activity, workflowId: '*', at: 'end' as const, times: perType - atStart },
  ]);
  await writeFile(holdFile, JSON.stringify(holds));
  return { env: { HOLD_FILE: holdFile, HOLD_LOG: holdLog }, holdLog };
}

function heldSoFar(holdLog: string): HeldActivity[] {
  if (!existsSync(holdLog)) return [];
  return readFileSync(holdLog, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as HeldActivity);
}

/**
 * Kills worker 0 each time it holds activities and starts it again, until `done` and nothing is held or
 * running (or `settleMs` after `done`); measures, for each kill, how long until every activity it hit had completed.
 */
export async function killWhileHolding(
  run: FaultStack,
  holdLog: string,
  options: {
    /** The cases have ended (their workflows may still send their last mails). */
    done: () => boolean;
    /** When to give up (milliseconds since the epoch). */
    deadline: number;
    /** After `done`, how long the workflows may take to close. */
    settleMs: number;
    /** How long a kill waits for mails being sent by activities not held to go out first (0: no wait). */
    spareSendsMs: number;
  },
): Promise<KillReport> {
  const { done, deadline, settleMs, spareSendsMs } = options;
  const report: KillReport = {
    kills: 0,
    killsWhileSending: 0,
    hitsByType: {},
    hitsByPoint: { start: 0, end: 0 },
    takeOverMs: [],
  };
  let endedAt: number | undefined;
  let lastReportedAt = Date.now();
  const { client, close } = await run.temporalClient();
  try {
    for (;;) {
      if (Date.now() > deadline) throw new Error('the worker kills did not end in time');
      const pid = run.stack.workers[0]?.child.pid;
      const heldNow = (): HeldActivity[] => heldSoFar(holdLog).filter((held) => held.pid === pid);
      if (heldNow().length === 0) {
        if (done()) {
          // The cases' last steps (their mails) may still run, and be held: until no workflow runs, or the
          // while the run gives them (the checks then report the workflows still running).
          endedAt ??= Date.now();
          const running = await runningWorkflows(client);
          if (running.length === 0 || Date.now() - endedAt > settleMs) return report;
          if (Date.now() - lastReportedAt > 15_000) {
            lastReportedAt = Date.now();
            const waits = running.map((w) => `${w.workflowId} [${w.pending.join(', ')}]`);
            process.stdout.write(`faults | still running, nothing held: ${waits.join('; ')}\n`);
          }
        }
        await sleep(250);
        continue;
      }
      // More cases reach their next activity within moments: one kill hits them together.
      const firstSeen = Date.now();
      let count = heldNow().length;
      let changedAt = firstSeen;
      while (Date.now() - changedAt < QUIET_MS && Date.now() - firstSeen < MOST_MS) {
        await sleep(250);
        const now = heldNow().length;
        if (now !== count) [count, changedAt] = [now, Date.now()];
      }
      const spareUntil = Date.now() + spareSendsMs;
      while ((await sendsInFlight(run)) > 0 && Date.now() < spareUntil) await sleep(50);
      const [killedAt, sending] = await run.changeProcesses(async () => {
        const inFlight = await sendsInFlight(run);
        await run.stack.killWorker(0);
        return [Date.now(), inFlight] as const;
      });
      if (sending > 0) report.killsWhileSending += 1;
      const hit = heldNow();
      report.kills += 1;
      for (const held of hit) {
        report.hitsByType[held.activity] = (report.hitsByType[held.activity] ?? 0) + 1;
        report.hitsByPoint[held.at] += 1;
      }
      process.stdout.write(
        `faults | kill ${report.kills} at ${((killedAt - run.startedAt) / 1000).toFixed(1)} s: ${hit.map((h) => `${h.activity}@${h.at}`).join(', ')}\n`,
      );
      const [, takenOver] = await Promise.all([
        run.changeProcesses(async () => {
          await run.stack.startWorker(0);
          run.listen();
        }),
        takenOverAfter(client, hit, killedAt),
      ]);
      report.takeOverMs.push(takenOver);
    }
  } finally {
    await close();
  }
}

/** Deliveries an attempt is sending now: pending, under a lease (an activity held at its end sent its own). */
async function sendsInFlight(run: FaultStack): Promise<number> {
  const [row] = await run.stack.database.dataSource.query<{ n: number }[]>(
    `SELECT count(*)::int AS n FROM mail_deliveries WHERE state = 'pending' AND claimed_until > now()`,
  );
  return row?.n ?? 0;
}

/** Milliseconds from the kill until none of `hit` is pending at Temporal any more. */
async function takenOverAfter(
  client: Client,
  hit: readonly HeldActivity[],
  killedAt: number,
): Promise<number> {
  const left = new Set(hit.map((held) => `${held.workflowId} ${held.activity}`));
  while (left.size > 0) {
    if (Date.now() - killedAt > TAKE_OVER_LIMIT_MS) {
      throw new Error(`not taken over within ${TAKE_OVER_LIMIT_MS / 1000} s: ${[...left].join(', ')}`);
    }
    for (const pair of [...left]) {
      const [workflowId = '', activity] = pair.split(' ');
      const { raw } = await client.workflow.getHandle(workflowId).describe();
      const pending = (raw.pendingActivities ?? []).some((p) => p.activityType?.name === activity);
      if (!pending) left.delete(pair);
    }
    if (left.size > 0) await sleep(200);
  }
  return Date.now() - killedAt;
}
