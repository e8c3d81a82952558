import {
  WorkflowExecutionAlreadyStartedError,
  type Client,
  type WorkflowStartOptions,
} from '@temporalio/client';
import type { Workflow } from '@temporalio/common';

// A person is waiting for the answer: give up after a few seconds rather than retry for long.
const START_DEADLINE_MS = 5000;

/**
 * Starts the workflow with this id, or finds the one already running (`USE_EXISTING`); one that ran and
 * closed is not started again. Safe to call again after a failure or for a repeated request.
 */
export async function startWorkflowOnce<W extends Workflow>(
  client: Client,
  workflowType: string,
  options: WorkflowStartOptions<W>,
): Promise<void> {
  try {
    await client.withDeadline(Date.now() + START_DEADLINE_MS, () =>
      client.workflow.start<W>(workflowType, {
        ...options,
        workflowIdConflictPolicy: 'USE_EXISTING',
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
      }),
    );
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
  }
}
