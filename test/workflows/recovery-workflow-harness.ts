import { randomUUID } from 'node:crypto';
import {
  Client,
  Connection,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  type WorkflowHandle,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { NativeConnection, Worker } from '@temporalio/worker';
import type { CaseStatus } from '@app/domain';
import {
  caseProgressQuery,
  confirmMailboxUpdate,
  emailCodeVerifiedUpdate,
  RECOVERY_WORKFLOW_TYPE,
  recoveryWorkflowId,
  UPDATE_REFUSED,
  type CaseProgress,
  type RecoveryWorkflowInput,
} from '@app/workflows/recovery.messages';
import type { recoveryWorkflow } from '@app/workflows/recovery.workflow';
import { eventually } from '../support/eventually';
import type { FakeRecoveryActivities } from '../support/fake-recovery-activities';
import { testInfrastructure } from '../support/test-infrastructure';

// The workflow alone on the real dev server, with fake activities that record what they were asked to do.
// Timers that must fire get a few hundred milliseconds (the dev server fires them after about a second: its
// timer granularity); timers that must not fire get an hour.

export const HOUR_MS = 3_600_000;
/** A timer that must fire: short, but long enough for the test to look at the state before it. */
export const SHORT_MS = 300;
export const STAFF_ID = 'staff-1';
/** How long an answer may take before the test calls it a hang: generous, it is not a measurement. */
export const HANG_MS = 10_000;

export type RecoveryHandle = WorkflowHandle<typeof recoveryWorkflow>;

export interface CaseOptions {
  durations?: Partial<RecoveryWorkflowInput['durations']>;
  limits?: Partial<RecoveryWorkflowInput['limits']>;
}

export interface RunningCase {
  caseId: string;
  handle: RecoveryHandle;
}

function caseInput(caseId: string, options: CaseOptions): RecoveryWorkflowInput {
  return {
    caseId,
    durations: {
      confirmationExpiryMs: HOUR_MS,
      emailCodeStageExpiryMs: HOUR_MS,
      documentStageExpiryMs: HOUR_MS,
      coolingOffMs: 0,
      ...options.durations,
    },
    limits: { maxUploads: 3, maxCodeResends: 3, ...options.limits },
  };
}

/** The failure an update ended with (refused by its validator, or failed while it was carried out). */
export async function failureOf(update: Promise<unknown>): Promise<ApplicationFailure> {
  try {
    await update;
  } catch (error) {
    if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
      return error.cause;
    }
    throw error;
  }
  throw new Error('The update was expected to fail, but it succeeded');
}

export async function expectRefused(update: Promise<unknown>, message: RegExp): Promise<void> {
  const failure = await failureOf(update);
  expect(failure.type).toBe(UPDATE_REFUSED);
  expect(failure.message).toMatch(message);
}

/** How an action is refused while another action, or a timer's step, is being carried out. */
export const BUSY = 'Another action on this case is being handled right now. Look at the case again.';

/**
 * The activities that record a step, in order. The mails that follow a step run after its update answered,
 * beside the next step, so their order among the steps is not fixed (nor that of the appointment time
 * set after the cooling-off's notices); tests look at them by name.
 */
export function stepsOf(fake: FakeRecoveryActivities): string[] {
  return fake.names().filter((name) => !name.startsWith('send') && name !== 'scheduleAppointment');
}

/** What a settled update answered, as data a failed expectation shows: its value, or its failure. */
export function answerOf(outcome: PromiseSettledResult<unknown>): unknown {
  if (outcome.status === 'fulfilled') return { value: outcome.value };
  const reason: unknown = outcome.reason;
  if (reason instanceof WorkflowUpdateFailedError && reason.cause instanceof ApplicationFailure) {
    return { type: reason.cause.type, message: reason.cause.message };
  }
  return { error: String(reason) };
}

export function progressOf(handle: RecoveryHandle): Promise<CaseProgress> {
  return handle.query(caseProgressQuery);
}

/** Polls the case's progress until it reaches `status` (for steps the workflow takes on its own). */
export function waitForStatus(handle: RecoveryHandle, status: CaseStatus): Promise<CaseProgress> {
  return eventually(
    async () => {
      const progress = await progressOf(handle);
      expect(progress.status).toBe(status);
      return progress;
    },
    // Only a hang detector: the step itself takes milliseconds.
    15_000,
    25,
  );
}

/** For a step that hangs when the workflow is wrong: fails with `what` instead of waiting for Jest's timeout. */
export async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  promise.catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      reject(new Error(`${what}: no answer within ${ms} ms`));
    }, ms);
  });
  try {
    return await Promise.race([promise, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** Email method: confirm, then the code is entered; the case waits for an agent. */
export async function bringToReview(handle: RecoveryHandle): Promise<void> {
  await handle.executeUpdate(confirmMailboxUpdate);
  expect(await handle.executeUpdate(emailCodeVerifiedUpdate)).toMatchObject({ status: 'awaiting_review' });
}

export const approve = { decision: 'approve', staffId: STAFF_ID, version: '0' } as const;

/**
 * Connects to the test run's Temporal server around a test file (beforeAll/afterAll), and answers
 * `withCase`: one case on its own task queue, run while a worker with the fake activities serves it.
 */
export function recoveryWorkflowHarness(): {
  withCase(
    fake: FakeRecoveryActivities,
    options: CaseOptions,
    body: (running: RunningCase) => Promise<void>,
  ): Promise<void>;
} {
  let nativeConnection: NativeConnection;
  let connection: Connection;
  let client: Client;

  beforeAll(async () => {
    const { temporalAddress } = testInfrastructure();
    nativeConnection = await NativeConnection.connect({ address: temporalAddress });
    connection = await Connection.connect({ address: temporalAddress });
    client = new Client({ connection });
  });

  afterAll(async () => {
    await connection.close();
    await nativeConnection.close();
  });

  /** Starts one case on its own task queue and runs `body` while a worker with `fake` serves it. */
  async function withCase(
    fake: FakeRecoveryActivities,
    options: CaseOptions,
    body: (running: RunningCase) => Promise<void>,
  ): Promise<void> {
    const taskQueue = `recovery-workflow-test-${randomUUID()}`;
    const worker = await Worker.create({
      connection: nativeConnection,
      taskQueue,
      workflowBundle: { codePath: testInfrastructure().workflowBundlePath },
      activities: fake.activities,
      // The workflow runs in the same sandboxed V8 context, on the main thread instead of a worker thread
      // (as replay workers do): this spares each test the ~0.4 s start of a thread that loads the bundle.
      debugMode: true,
    });
    await worker.runUntil(async () => {
      const caseId = randomUUID();
      const handle = await client.workflow.start<typeof recoveryWorkflow>(RECOVERY_WORKFLOW_TYPE, {
        workflowId: recoveryWorkflowId(caseId),
        taskQueue,
        args: [caseInput(caseId, options)],
      });
      try {
        await body({ caseId, handle });
      } catch (error) {
        // A failed test leaves no workflow (and no client polling an update) behind.
        await handle.terminate('the test failed').catch((terminateError: unknown) => {
          if (!(terminateError instanceof WorkflowNotFoundError)) throw terminateError;
        });
        throw error;
      }
    });
  }

  return { withCase };
}
