import { eventually } from '../support/eventually';
import { newRecoveryRequest } from '../support/factories';
import { requesterStatus, submitAndOpenMail } from '../support/requester';
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
    const link = await submitAndOpenMail(service, newRecoveryRequest());

    const status = await eventually(async () => {
      const answer = await requesterStatus(service, link);
      expect(answer.body.status).toBe('expired');
      return answer.body;
    }, 15_000);
    expect(status.nextStep).toBe('none');
    expect(status.events.map((e) => e.type)).toEqual(['case_submitted', 'case_link_sent', 'case_expired']);
  });
});
