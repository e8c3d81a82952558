import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { grpc, temporal } from '@temporalio/proto';
import { AppConfig } from '@app/config';
import { DomainError, isDomainErrorCode, type RequesterLimits } from '@app/domain';
import {
  CASE_BUSY,
  cancelCaseUpdate,
  closeCaseUpdate,
  confirmMailboxUpdate,
  decideUpdate,
  documentUploadedUpdate,
  emailCodeVerifiedUpdate,
  linkEnvironmentUpdate,
  objectionRaisedUpdate,
  RECOVERY_WORKFLOW_TYPE,
  recoveryWorkflowId,
  resendEmailCodeUpdate,
  retryStepUpdate,
  UPDATE_REFUSED,
  type CaseProgress,
  type RecoveryWorkflowInput,
  type ReviewDecision,
  type StepRetry,
} from '@app/workflows/recovery.messages';
import type { recoveryWorkflow } from '@app/workflows/recovery.workflow';
import { startWorkflowOnce } from './start-workflow-once';

// A person waits for the answer; an update that records a step takes well under this.
const UPDATE_DEADLINE_MS = 30_000;
// How long an update the workflow answers "busy" (it is finishing a step) is asked again before a 409.
const BUSY_WAIT_MS = 10_000;
const BUSY_RETRY_FIRST_MS = 20;
const BUSY_RETRY_MAX_MS = 250;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The workflow answered busy: it is finishing a step, and will answer the same update in a moment. */
class BusyCase extends Error {}

/** An update sent to a workflow that already completed. */
function isClosedWorkflowError(error: unknown): boolean {
  return error instanceof Error && /workflow execution already completed/i.test(error.message);
}

/** The API's one small, typed gateway to the recovery workflows. */
@Injectable()
export class RecoveryWorkflowClient implements OnApplicationShutdown {
  private readonly logger = new Logger(RecoveryWorkflowClient.name);

  constructor(
    private readonly client: Client,
    private readonly connection: Connection,
    private readonly config: AppConfig,
  ) {}

  /**
   * Starts the case's workflow, or finds the one already started for it: safe to call again after a
   * failure or for a repeated request. The requester's limits are the case's own, stored at intake.
   */
  start(kase: { id: string } & RequesterLimits): Promise<void> {
    const { recovery } = this.config;
    const caseId = kase.id;
    const input: RecoveryWorkflowInput = {
      caseId,
      durations: {
        confirmationExpiryMs: recovery.confirmationExpiryMs,
        emailCodeStageExpiryMs: recovery.emailCodeStageExpiryMs,
        documentStageExpiryMs: recovery.documentStageExpiryMs,
        coolingOffMs: recovery.coolingOffMs,
      },
      limits: { maxUploads: kase.maxUploads, maxCodeResends: kase.maxCodeResends },
    };
    return startWorkflowOnce<typeof recoveryWorkflow>(this.client, RECOVERY_WORKFLOW_TYPE, {
      workflowId: recoveryWorkflowId(caseId),
      taskQueue: this.config.temporal.taskQueue,
      args: [input],
    });
  }

  /**
   * Whether the case's workflow was started (running or closed); throws when Temporal cannot say. For the
   * undo of an intake whose start timed out: the start may have gone through after all.
   */
  async wasStarted(caseId: string): Promise<boolean> {
    try {
      await this.client.withDeadline(Date.now() + UPDATE_DEADLINE_MS, () =>
        this.client.workflow.getHandle(recoveryWorkflowId(caseId)).describe(),
      );
      return true;
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return false;
      throw error;
    }
  }

  confirmMailbox(caseId: string): Promise<CaseProgress> {
    return this.update(caseId, (handle) => handle.executeUpdate(confirmMailboxUpdate));
  }

  emailCodeVerified(caseId: string): Promise<CaseProgress> {
    return this.update(caseId, (handle) => handle.executeUpdate(emailCodeVerifiedUpdate));
  }

  resendEmailCode(caseId: string): Promise<CaseProgress> {
    return this.update(caseId, (handle) => handle.executeUpdate(resendEmailCodeUpdate));
  }

  documentUploaded(caseId: string, documentId: string): Promise<CaseProgress> {
    return this.update(caseId, (handle) =>
      handle.executeUpdate(documentUploadedUpdate, { args: [{ documentId }] }),
    );
  }

  cancel(caseId: string): Promise<CaseProgress> {
    return this.update(caseId, (handle) => handle.executeUpdate(cancelCaseUpdate));
  }

  decide(caseId: string, decision: ReviewDecision): Promise<CaseProgress> {
    return this.update(caseId, (handle) => handle.executeUpdate(decideUpdate, { args: [decision] }));
  }

  linkEnvironment(caseId: string, environmentId: string, staffId: string): Promise<CaseProgress> {
    return this.update(caseId, (handle) =>
      handle.executeUpdate(linkEnvironmentUpdate, { args: [{ environmentId, staffId }] }),
    );
  }

  objectionRaised(caseId: string, noteId: string): Promise<CaseProgress> {
    return this.update(caseId, (handle) =>
      handle.executeUpdate(objectionRaisedUpdate, { args: [{ noteId }] }),
    );
  }

  /** Support retries the step a case that needs attention stopped at (refused in any other state). */
  retryStep(caseId: string, retry: StepRetry): Promise<CaseProgress> {
    return this.update(caseId, (handle) => handle.executeUpdate(retryStepUpdate, { args: [retry] }));
  }

  /** Support closes a case that needs attention; the reason is the note `noteId`, written before. */
  closeCase(caseId: string, staffId: string, noteId: string): Promise<CaseProgress> {
    return this.update(caseId, (handle) =>
      handle.executeUpdate(closeCaseUpdate, { args: [{ staffId, noteId }] }),
    );
  }

  /**
   * Runs an update and turns the workflow's answers into domain errors: a refusal (wrong state, no tries
   * left) or a closed case is a 409 with the workflow's message; Temporal away is a 503. While the workflow
   * answers busy (finishing the step that led to the state the case row already shows, or another action),
   * the update is asked again for a few seconds, so that a state the API shows is one whose actions it takes.
   */
  private async update(
    caseId: string,
    send: (handle: ReturnType<Client['workflow']['getHandle']>) => Promise<CaseProgress>,
  ): Promise<CaseProgress> {
    // One deadline for the person waiting, whatever the number of tries.
    const giveUpAt = Date.now() + UPDATE_DEADLINE_MS;
    const busyUntil = Date.now() + BUSY_WAIT_MS;
    for (let pause = BUSY_RETRY_FIRST_MS; ; pause = Math.min(pause * 2, BUSY_RETRY_MAX_MS)) {
      try {
        return await this.sendOnce(caseId, send, giveUpAt);
      } catch (error) {
        if (!(error instanceof BusyCase)) throw error;
        if (Date.now() + pause > busyUntil) throw new DomainError('invalid_state', error.message);
      }
      await sleep(pause);
    }
  }

  private async sendOnce(
    caseId: string,
    send: (handle: ReturnType<Client['workflow']['getHandle']>) => Promise<CaseProgress>,
    giveUpAt: number,
  ): Promise<CaseProgress> {
    try {
      return await this.client.withDeadline(giveUpAt, () =>
        send(this.client.workflow.getHandle(recoveryWorkflowId(caseId))),
      );
    } catch (error) {
      if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
        const type = error.cause.type ?? UPDATE_REFUSED;
        if (type === CASE_BUSY) throw new BusyCase(error.cause.message);
        throw new DomainError(isDomainErrorCode(type) ? type : 'invalid_state', error.cause.message);
      }
      if (error instanceof WorkflowNotFoundError || isClosedWorkflowError(error)) {
        throw new DomainError('invalid_state', 'This case is closed.');
      }
      this.logger.error({ err: error, caseId }, 'update of the recovery workflow failed');
      throw new DomainError(
        'unavailable',
        'The service cannot handle this at the moment. Please try again shortly.',
      );
    }
  }

  /** Answers whether Temporal's frontend is reachable (readiness probe). */
  async isHealthy(): Promise<boolean> {
    await this.connection.ensureConnected();
    const response = await this.connection.healthService.check({});
    return response.status === grpc.health.v1.HealthCheckResponse.ServingStatus.SERVING;
  }

  /**
   * When a worker last polled the recovery task queue, for workflow and for activity tasks (readiness probe);
   * undefined when none has in the last minutes. Temporal remembers a poller for minutes after it stopped,
   * so the caller decides how recent is recent enough.
   */
  async lastWorkerPolls(): Promise<{ workflow: Date | undefined; activity: Date | undefined }> {
    const { namespace, taskQueue, connectTimeoutMs } = this.config.temporal;
    const { TASK_QUEUE_TYPE_WORKFLOW, TASK_QUEUE_TYPE_ACTIVITY } = temporal.api.enums.v1.TaskQueueType;
    // Fails fast when Temporal is away (as isHealthy does), and the deadline ends the retries with the probe.
    await this.connection.ensureConnected();
    const deadline = Date.now() + connectTimeoutMs;
    const latest = async (taskQueueType: temporal.api.enums.v1.TaskQueueType): Promise<Date | undefined> => {
      const { pollers } = await this.connection.withDeadline(deadline, () =>
        this.connection.workflowService.describeTaskQueue({
          namespace,
          taskQueue: { name: taskQueue },
          taskQueueType,
        }),
      );
      const times = pollers.flatMap(({ lastAccessTime: at }) =>
        at?.seconds == null ? [] : [Number(at.seconds) * 1000 + Math.floor((at.nanos ?? 0) / 1e6)],
      );
      return times.length === 0 ? undefined : new Date(Math.max(...times));
    };
    const [workflow, activity] = await Promise.all([
      latest(TASK_QUEUE_TYPE_WORKFLOW),
      latest(TASK_QUEUE_TYPE_ACTIVITY),
    ]);
    return { workflow, activity };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.connection.close();
  }
}
