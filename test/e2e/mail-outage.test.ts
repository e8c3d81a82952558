import type { DataSource } from 'typeorm';
import { recoveryWorkflowId } from '@app/workflows/recovery.messages';
import { caseIdOf, caseSettledAfter } from '../support/case-settled';
import { openTestDatabase } from '../support/database';
import { eventually } from '../support/eventually';
import { newRecoveryRequest } from '../support/factories';
import { requestJson } from '../support/http-client';
import { startTestService, type TestService } from '../support/test-service';

describe('the access link while the mail server is down', () => {
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
    const caseId = await caseIdOf(db, accepted.body.reference);
    const workflow = service.temporalClient.workflow.getHandle(recoveryWorkflowId(caseId));
    await eventually(async () => {
      const { raw } = await workflow.describe();
      expect(raw.pendingActivities?.[0]?.attempt).toBeGreaterThanOrEqual(2);
    }, 15_000);

    await service.mail.start();
    const mail = await service.mail.waitForMail((m) => m.to.includes(String(request.requesterEmail)), 30_000);
    expect(mail.text).toContain(`/recover/${accepted.body.reference}?token=`);

    // Counted only once the mail activity has finished for good: a second send would have arrived by then.
    await caseSettledAfter(service, db, accepted.body.reference, 'case_link_sent');
    expect(service.mail.mails.filter((m) => m.to.includes(String(request.requesterEmail)))).toHaveLength(1);
  });
});
