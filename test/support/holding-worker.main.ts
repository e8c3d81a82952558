// The worker process as production runs it, except that it stops in the middle of chosen activities and
// says so, for a test to kill it there. HOLD_FILE names a JSON file of holds, read at the start of every
// activity (so a test adds holds while the worker runs): `[{ "activity": "analyseDocument", "workflowId":
// "recovery-case-…" | "*", "at": "start" | "end" }]`. `start`: the activity has done nothing yet; `end`:
// its work is done and written, its answer not yet given to Temporal. Each hold holds its first attempt
// only. On holding, the worker writes `holding <activity type> <workflow id>` to standard output and
// keeps heartbeating until it dies.
import 'reflect-metadata';
import { existsSync, readFileSync } from 'node:fs';
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
}

const holdFile = process.env.HOLD_FILE ?? '';
const heldAlready = new Set<string>();

function holdFor(activity: string, workflowId: string): ActivityHold | undefined {
  if (!holdFile || !existsSync(holdFile)) return undefined;
  const holds = JSON.parse(readFileSync(holdFile, 'utf8')) as ActivityHold[];
  const hold = holds.find(
    (candidate) =>
      candidate.activity === activity &&
      (candidate.workflowId === '*' || candidate.workflowId === workflowId),
  );
  return hold && !heldAlready.has(`${activity} ${workflowId}`) ? hold : undefined;
}

const holding: ActivityInterceptorsFactory = (context) => ({
  inbound: {
    async execute(input, next) {
      const { activityType } = context.info;
      const workflowId = context.info.workflowExecution?.workflowId ?? '';
      const hold = holdFor(activityType, workflowId);
      const stay = (): Promise<never> => {
        heldAlready.add(`${activityType} ${workflowId}`);
        process.stdout.write(`holding ${activityType} ${workflowId}\n`);
        return new Promise<never>(() => undefined);
      };
      if (hold?.at === 'start') await stay();
      const result = await next(input);
      if (hold?.at === 'end') await stay();
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
