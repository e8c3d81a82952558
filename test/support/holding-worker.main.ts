// The worker process as production runs it, except that it stops in the middle of chosen activities and
// says so, for a test to kill it there. HOLD_FILE names a JSON file of holds, read at the start of every
// activity (so a test adds holds while the worker runs): `[{ "activity": "analyseDocument", "workflowId":
// "recovery-case-…" | "*", "at": "start" | "end", "times"?: n }]`. `start`: the activity has done nothing
// yet; `end`: its work is done and written, its answer not yet given to Temporal. `times`: a hold for `*`
// holds the first n workflows that reach it (all by default); the first hold that matches and has not held
// its number yet is the one taken. Each (activity, workflow) is held on its first attempt only. On holding,
// the worker writes `holding <activity type> <workflow id>` to standard output and keeps heartbeating until
// it dies.
//
// HOLD_LOG (optional) names a file where each hold is appended as a JSON line `{ activity, workflowId, at,
// pid, heldAt }`, and which is read at every activity start: a worker started again after a kill holds no
// (activity, workflow) held before, and counts `times` over every worker of the run.
import 'reflect-metadata';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { Test } from '@nestjs/testing';
import type { ActivityInterceptorsFactory } from '@temporalio/worker';
import { Logger } from 'nestjs-pino';
import { loadConfig } from '@app/config';
import { ACTIVITY_INTERCEPTORS, heartbeating } from '../../apps/worker/src/activities/heartbeating';
import { installTemporalRuntime } from '../../apps/worker/src/temporal-runtime';
import { WorkerProcessModule } from '../../apps/worker/src/worker-process.module';

export interface ActivityHold {
  activity: string;
  workflowId: string;
  at: 'start' | 'end';
  /** For `*`: how many workflows this hold holds, at most (all when omitted). */
  times?: number;
}

/** One line of HOLD_LOG: an activity this worker (`pid`) holds until it dies. */
export interface HeldActivity {
  activity: string;
  workflowId: string;
  at: 'start' | 'end';
  pid: number;
  /** Milliseconds since the epoch. */
  heldAt: number;
}

const holdFile = process.env.HOLD_FILE ?? '';
const holdLog = process.env.HOLD_LOG ?? '';
// Taken by this process, by `<activity> <workflow id>`: held, or (for `end`) chosen and still working. Kept
// here as well as in the log, so that two activities starting at once do not both take a hold's last one.
const heldHere = new Map<string, 'start' | 'end'>();

const pairOf = (activity: string, workflowId: string): string => `${activity} ${workflowId}`;

/** Every (activity, workflow) held so far by this worker and, with HOLD_LOG, by those before it. */
function heldBefore(): Map<string, 'start' | 'end'> {
  const held = new Map<string, 'start' | 'end'>();
  if (holdLog && existsSync(holdLog)) {
    for (const line of readFileSync(holdLog, 'utf8').split('\n')) {
      if (line.trim() === '') continue;
      const logged = JSON.parse(line) as HeldActivity;
      held.set(pairOf(logged.activity, logged.workflowId), logged.at);
    }
  }
  for (const [pair, at] of heldHere) held.set(pair, at);
  return held;
}

function holdFor(activity: string, workflowId: string): ActivityHold | undefined {
  if (!holdFile || !existsSync(holdFile)) return undefined;
  const holds = JSON.parse(readFileSync(holdFile, 'utf8')) as ActivityHold[];
  const before = heldBefore();
  if (before.has(pairOf(activity, workflowId))) return undefined;
  const heldOf = (at: 'start' | 'end'): number =>
    [...before].filter(([pair, heldAt]) => pair.startsWith(`${activity} `) && heldAt === at).length;
  const hold = holds.find(
    (candidate) =>
      candidate.activity === activity &&
      (candidate.workflowId === '*' || candidate.workflowId === workflowId) &&
      (candidate.times === undefined || heldOf(candidate.at) < candidate.times),
  );
  if (hold) heldHere.set(pairOf(activity, workflowId), hold.at);
  return hold;
}

const holding: ActivityInterceptorsFactory = (context) => ({
  inbound: {
    async execute(input, next) {
      const { activityType } = context.info;
      const workflowId = context.info.workflowExecution?.workflowId ?? '';
      const hold = holdFor(activityType, workflowId);
      const stay = (at: 'start' | 'end'): Promise<never> => {
        if (holdLog) {
          const held: HeldActivity = {
            activity: activityType,
            workflowId,
            at,
            pid: process.pid,
            heldAt: Date.now(),
          };
          appendFileSync(holdLog, `${JSON.stringify(held)}\n`);
        }
        process.stdout.write(`holding ${activityType} ${workflowId}\n`);
        return new Promise<never>(() => undefined);
      };
      if (hold?.at === 'start') await stay('start');
      let result: unknown;
      try {
        result = await next(input);
      } catch (error) {
        // Not held: a later attempt may be.
        heldHere.delete(pairOf(activityType, workflowId));
        throw error;
      }
      if (hold?.at === 'end') await stay('end');
      return result;
    },
  },
});

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  installTemporalRuntime(config.logLevel);
  const worker = await Test.createTestingModule({ imports: [WorkerProcessModule.forRoot(config)] })
    .overrideProvider(ACTIVITY_INTERCEPTORS)
    .useValue([heartbeating, holding])
    .compile();
  worker.useLogger(worker.get(Logger));
  await worker.init();
}

bootstrap().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
