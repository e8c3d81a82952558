import { Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';

export interface WorkerReadyOptions {
  /** Temporal's frontend, `host:port`. */
  address: string;
  namespace: string;
  taskQueue: string;
  /** The worker process: its pollers name themselves `<pid>@<host>` (the SDK's default identity). */
  pid: number;
  /** Says why waiting is pointless (the worker exited), or undefined to go on. */
  gone?: () => string | undefined;
  timeoutMs?: number;
}

/**
 * Waits until the worker process polls its task queue for workflow tasks: then what the api starts is
 * worked on at once. (The api's readiness probe says nothing about the worker, which bundles the workflows
 * first.) Pollers of an earlier worker, which Temporal remembers for a while, are told apart by their pid.
 */
export async function waitForWorker(options: WorkerReadyOptions): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 120_000;
  const deadline = Date.now() + timeoutMs;
  const connection = await Connection.connect({ address: options.address });
  try {
    for (;;) {
      const gone = options.gone?.();
      if (gone !== undefined) throw new Error(gone);
      const { pollers } = await connection.workflowService.describeTaskQueue({
        namespace: options.namespace,
        taskQueue: { name: options.taskQueue },
        taskQueueType: temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
      });
      if (pollers.some((poller) => poller.identity?.startsWith(`${options.pid}@`))) return;
      if (Date.now() >= deadline) {
        throw new Error(
          `the worker did not poll task queue ${options.taskQueue} within ${timeoutMs / 1000} s`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  } finally {
    await connection.close();
  }
}
