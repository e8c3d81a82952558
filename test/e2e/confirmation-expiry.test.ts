import { caseLinkFrom } from '../support/case-link';
import { eventually } from '../support/eventually';
import { newRecoveryRequest } from '../support/factories';
import { requestJson } from '../support/http-client';
import { startTestService, type TestService } from '../support/test-service';

describe('a case nobody confirms', () => {
  let service: TestService;

  beforeAll(async () => {
    service = await startTestService({ RECOVERY_CONFIRMATION_EXPIRY: 'PT2S' });
  });

  afterAll(async () => {
    await service.close();
  });

  it('expires when the confirmation window closes, and says there is no next step', async () => {
    const request = newRecoveryRequest();
    await requestJson(service.baseUrl, 'POST', '/api/recovery-requests', { body: request });
    const link = caseLinkFrom(
      await service.mail.waitForMail((m) => m.to.includes(String(request.requesterEmail))),
    );

    const status = await eventually(async () => {
      const answer = await requestJson<{ status: string; nextStep: string; events: { type: string }[] }>(
        service.baseUrl,
        'GET',
        `/api/recovery-requests/${link.reference}`,
        { headers: { authorization: `Bearer ${link.token}` } },
      );
      expect(answer.body.status).toBe('expired');
      return answer.body;
    }, 15_000);
    expect(status.nextStep).toBe('none');
    expect(status.events.map((e) => e.type)).toEqual(['case_submitted', 'case_link_sent', 'case_expired']);
  });
});
