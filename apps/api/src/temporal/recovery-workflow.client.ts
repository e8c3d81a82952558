import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { grpc } from '@temporalio/proto';
import { AppConfig } from '@app/config';
import {
  RECOVERY_WORKFLOW_TYPE,
  recoveryWorkflowId,
  type RecoveryWorkflowInput,
} from '@app/workflows/recovery.messages';
import type { recoveryWorkflow } from '@app/workflows/recovery.workflow';

const START_DEADLINE_MS = 5000;

/** The API's one small, typed gateway to the recovery workflows. */
@Injectable()
export class RecoveryWorkflowClient implements OnApplicationShutdown {
  constructor(
    private readonly client: Client,
    private readonly connection: Connection,
    private readonly config: AppConfig,
  ) {}

  /**
   * Starts the case's workflow, or finds the one already started for it: safe to call again after a
   * failure or for a repeated request.
   */
  async start(caseId: string): Promise<void> {
    const input: RecoveryWorkflowInput = {
      caseId,
      durations: { confirmationExpiryMs: this.config.recovery.confirmationExpiryMs },
    };
    try {
      // A person is waiting for the answer: give up after a few seconds rather than retry for long.
      await this.client.withDeadline(Date.now() + START_DEADLINE_MS, () =>
        this.client.workflow.start<typeof recoveryWorkflow>(RECOVERY_WORKFLOW_TYPE, {
          workflowId: recoveryWorkflowId(caseId),
          taskQueue: this.config.temporal.taskQueue,
          args: [input],
          workflowIdConflictPolicy: 'USE_EXISTING',
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
        }),
      );
    } catch (error) {
      // The case's workflow ran before and has closed: nothing to start again.
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    }
  }

  /** Answers whether Temporal's frontend is reachable (readiness probe). */
  async isHealthy(): Promise<boolean> {
    await this.connection.ensureConnected();
    const response = await this.connection.healthService.check({});
    return response.status === grpc.health.v1.HealthCheckResponse.ServingStatus.SERVING;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.connection.close();
  }
}
