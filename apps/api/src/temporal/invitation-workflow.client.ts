import { Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { AppConfig } from '@app/config';
import {
  INVITATION_WORKFLOW_TYPE,
  invitationWorkflowId,
  type InvitationWorkflowInput,
} from '@app/workflows/invitation.messages';
import type { invitationWorkflow } from '@app/workflows/invitation.workflow';
import { startWorkflowOnce } from './start-workflow-once';

/** Hands an invitation mail to the worker: the request that invited the user never waits on SMTP. */
@Injectable()
export class InvitationWorkflowClient {
  constructor(
    private readonly client: Client,
    private readonly config: AppConfig,
  ) {}

  start(input: InvitationWorkflowInput): Promise<void> {
    return startWorkflowOnce<typeof invitationWorkflow>(this.client, INVITATION_WORKFLOW_TYPE, {
      workflowId: invitationWorkflowId(input.userId),
      taskQueue: this.config.temporal.taskQueue,
      args: [input],
    });
  }
}
