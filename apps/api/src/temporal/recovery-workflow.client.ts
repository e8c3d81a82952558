import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { grpc } from '@temporalio/proto';
import { AppConfig } from '@app/config';
import {
  RECOVERY_WORKFLOW_TYPE,
  recoveryWorkflowId,
  type RecoveryWorkflowInput,
} from '@app/workflows/recovery.messages';
import type { recoveryWorkflow } from '@app/workflows/recovery.workflow';
import { startWorkflowOnce } from './start-workflow-once';

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
  start(caseId: string): Promise<void> {
    const input: RecoveryWorkflowInput = {
      caseId,
      durations: { confirmationExpiryMs: this.config.recovery.confirmationExpiryMs },
    };
    return startWorkflowOnce<typeof recoveryWorkflow>(this.client, RECOVERY_WORKFLOW_TYPE, {
      workflowId: recoveryWorkflowId(caseId),
      taskQueue: this.config.temporal.taskQueue,
      args: [input],
    });
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
