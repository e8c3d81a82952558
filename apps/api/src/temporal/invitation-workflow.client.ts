import { Injectable } from '@nestjs/common';
import { Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { AppConfig } from '@app/config';
import {
  INVITATION_WORKFLOW_TYPE,
  invitationWorkflowId,
  type InvitationWorkflowInput,
} from '@app/workflows/invitation.messages';
import type { invitationWorkflow } from '@app/workflows/invitation.workflow';

const START_DEADLINE_MS = 5000;

/** Hands an invitation mail to the worker: the request that invited the user never waits on SMTP. */
@Injectable()
export class InvitationWorkflowClient {
  constructor(
    private readonly client: Client,
    private readonly config: AppConfig,
  ) {}

  async start(input: InvitationWorkflowInput): Promise<void> {
    try {
      await this.client.withDeadline(Date.now() + START_DEADLINE_MS, () =>
        this.client.workflow.start<typeof invitationWorkflow>(INVITATION_WORKFLOW_TYPE, {
          workflowId: invitationWorkflowId(input.userId),
          taskQueue: this.config.temporal.taskQueue,
          args: [input],
          workflowIdConflictPolicy: 'USE_EXISTING',
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
        }),
      );
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    }
  }
}
