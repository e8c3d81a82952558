import { randomUUID } from 'node:crypto';
import { freePort } from '../../tools/support/free-port';
import { spawnApi, type ApiProcess } from '../support/api-process';
import { caseLinkFrom } from '../support/case-link';
import { eventually } from '../support/eventually';
import { newRecoveryRequest } from '../support/factories';
import { bearer, requestJson } from '../support/http-client';
import { testInfrastructure } from '../support/test-infrastructure';
import { startTestService, type TestService } from '../support/test-service';

describe('the api log', () => {
  let service: TestService;
  let api: ApiProcess;

  beforeAll(async () => {
    // The api in a process of its own (to read its standard output), sharing the worker's queue and key.
    const shared = {
      SECRET_KEY: `log-test-secret-${randomUUID()}`,
      TEMPORAL_TASK_QUEUE: `log-test-${randomUUID()}`,
    };
    service = await startTestService(shared);
    const infrastructure = testInfrastructure();
    api = await spawnApi(
      {
        ...shared,
        DATABASE_URL: infrastructure.databaseUrl,
        TEMPORAL_ADDRESS: infrastructure.temporalAddress,
        PUBLIC_BASE_URL: 'http://recovery.test',
        LOG_LEVEL: 'info',
      },
      await freePort(),
    );
  });

  afterAll(async () => {
    await api.stop();
    await service.close();
  });

  it('writes JSON lines with the request id and case reference, and never the case token', async () => {
    const request = newRecoveryRequest();
    const accepted = await requestJson<{ reference: string }>(api.baseUrl, 'POST', '/api/recovery-requests', {
      body: request,
      headers: { 'x-request-id': 'intake-log-test' },
    });
    const link = caseLinkFrom(
      await service.mail.waitForMail((m) => m.to.includes(String(request.requesterEmail))),
    );
    await requestJson(api.baseUrl, 'GET', `/api/recovery-requests/${link.reference}?token=${link.token}`, {
      headers: { ...bearer(link.token), 'x-request-id': 'status-log-test' },
    });

    const entries = await eventually(() => {
      const parsed = api.lines().map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(parsed.filter((e) => e.msg === 'request completed')).toHaveLength(2);
      return parsed;
    });
    const ofRequest = (id: string) =>
      entries.filter((e) => (e.req as { id?: string } | undefined)?.id === id || e.requestId === id);
    expect(ofRequest('intake-log-test').map((e) => e.msg)).toEqual([
      'recovery request accepted',
      'request completed',
    ]);
    for (const entry of [...ofRequest('intake-log-test'), ...ofRequest('status-log-test')]) {
      expect(entry.caseReference).toBe(accepted.body.reference);
    }
    const everything = api.lines().join('\n');
    expect(everything).not.toContain(link.token);
    expect(everything).not.toContain(String(request.requesterEmail));
  });
});
