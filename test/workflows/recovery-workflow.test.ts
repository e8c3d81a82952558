import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import type { RecoveryActivities } from '@app/workflows/activities.contract';
import { RECOVERY_WORKFLOW_TYPE, recoveryWorkflowId } from '@app/workflows/recovery.messages';
import type { recoveryWorkflow } from '@app/workflows/recovery.workflow';
import { testInfrastructure } from '../support/test-infrastructure';

// The workflow alone on the real dev server, with activities that record what they were asked to do.
describe('recoveryWorkflow', () => {
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

  async function run(activities: RecoveryActivities, confirmationExpiryMs: number): Promise<void> {
    const taskQueue = `workflow-test-${randomUUID()}`;
    const worker = await Worker.create({
      connection: nativeConnection,
      taskQueue,
      workflowBundle: { codePath: testInfrastructure().workflowBundlePath },
      activities,
    });
    const caseId = randomUUID();
    await worker.runUntil(
      client.workflow.execute<typeof recoveryWorkflow>(RECOVERY_WORKFLOW_TYPE, {
        workflowId: recoveryWorkflowId(caseId),
        taskQueue,
        args: [{ caseId, durations: { confirmationExpiryMs } }],
      }),
    );
  }

  it('mails the case link first, then expires the unconfirmed case when the window closes', async () => {
    const calls: string[] = [];
    const started = Date.now();
    await run(
      {
        sendCaseLink: async () => {
          calls.push('sendCaseLink');
        },
        expireCase: async ({ awaitingStatus }) => {
          calls.push(
            `expireCase:${awaitingStatus}:${Date.now() - started >= 1000 ? 'after' : 'before'}-window`,
          );
        },
      },
      1000,
    );
    expect(calls).toEqual(['sendCaseLink', 'expireCase:awaiting_confirmation:after-window']);
  });

  it('retries a failing mail until it goes out', async () => {
    let attempts = 0;
    await run(
      {
        sendCaseLink: async () => {
          attempts += 1;
          if (attempts < 3) throw new Error('SMTP server down');
        },
        expireCase: async () => undefined,
      },
      0,
    );
    expect(attempts).toBe(3);
  });
});
