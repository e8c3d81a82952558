import type { DataSource } from 'typeorm';
import { recoveryWorkflowId } from '@app/workflows/recovery.messages';
import { openTestDatabase } from '../support/database';
import { eventually } from '../support/eventually';
import { newRecoveryRequest } from '../support/factories';
import { requestJson } from '../support/http-client';
import { startTestService, type TestService } from '../support/test-service';

describe('the case link while the mail server is down', () => {
  let service: TestService;
  let db: DataSource;

  beforeAll(async () => {
    [service, db] = await Promise.all([startTestService(), openTestDatabase()]);
  });

  afterAll(async () => {
    await service.close();
    await db.destroy();
  });

  it('still accepts the request, and the mail arrives once the server is back', async () => {
    await service.mail.stop();
    const request = newRecoveryRequest();
    const accepted = await requestJson<{ reference: string }>(
      service.baseUrl,
      'POST',
      '/api/recovery-requests',
      {
        body: request,
      },
    );
    expect(accepted.status).toBe(202);

    // Wait until the mail activity has failed and is being retried: the server really was down for it.
    const [kase] = await db.query<[{ id: string }]>('SELECT id FROM recovery_cases WHERE reference = $1', [
      accepted.body.reference,
    ]);
    const workflow = service.temporalClient.workflow.getHandle(recoveryWorkflowId(kase.id));
    await eventually(async () => {
      const { raw } = await workflow.describe();
      expect(raw.pendingActivities?.[0]?.attempt).toBeGreaterThanOrEqual(2);
    }, 15_000);

    await service.mail.start();
    const mail = await service.mail.waitForMail((m) => m.to.includes(String(request.requesterEmail)), 30_000);
    expect(mail.text).toContain(`/recover/${accepted.body.reference}?token=`);

    // Counted only once the mail activity has finished for good (its event written, nothing pending): a
    // second send by a retry would have arrived by then.
    await eventually(async () => {
      const sent = await db.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM case_events WHERE case_id = $1 AND type = 'case_link_sent'`,
        [kase.id],
      );
      expect(sent[0]?.n).toBe(1);
      const { raw } = await workflow.describe();
      expect(raw.pendingActivities ?? []).toEqual([]);
    }, 15_000);
    expect(service.mail.mails.filter((m) => m.to.includes(String(request.requesterEmail)))).toHaveLength(1);
  });
});
