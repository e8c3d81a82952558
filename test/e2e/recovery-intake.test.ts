import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { caseLinkFrom } from '../support/case-link';
import { openTestDatabase } from '../support/database';
import { eventually } from '../support/eventually';
import { newRecoveryRequest } from '../support/factories';
import { bearer, requestJson } from '../support/http-client';
import { requesterStatus, submitAndOpenMail } from '../support/requester';
import { testConfig, unreachableTemporal } from '../support/test-config';
import { startApi, startTestService, type TestService } from '../support/test-service';

const REFERENCE = /^RC-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;

describe('POST /api/recovery-requests', () => {
  let service: TestService;
  let db: DataSource;

  beforeAll(async () => {
    [service, db] = await Promise.all([startTestService(), openTestDatabase()]);
  });

  afterAll(async () => {
    await service.close();
    await db.destroy();
  });

  const submit = (body: unknown, headers: Record<string, string> = {}) =>
    requestJson<{ reference: string; message: string; fields?: Record<string, string[]> }>(
      service.baseUrl,
      'POST',
      '/api/recovery-requests',
      { body, headers },
    );

  const casesFor = async (email: unknown): Promise<number> => {
    const [row] = await db.query<[{ n: number }]>(
      'SELECT count(*)::int AS n FROM recovery_cases WHERE requester_email = $1',
      [email],
    );
    return row.n;
  };

  it('accepts a request, mails the case link, and the link opens the case', async () => {
    const request = newRecoveryRequest();
    const accepted = await submit(request);
    expect(accepted.status).toBe(202);
    expect(accepted.body.reference).toMatch(REFERENCE);

    const mail = await service.mail.waitForMail((m) => m.to.includes(String(request.requesterEmail)));
    const link = caseLinkFrom(mail);
    expect(link.url).toBe(`http://recovery.test/recover/${accepted.body.reference}?token=${link.token}`);
    expect(mail.messageId).toMatch(/^<case-link\.[0-9a-f-]{36}@/);

    const status = await eventually(async () => {
      const answer = await requesterStatus(service, link);
      expect(answer.body.events.map((e) => e.type)).toEqual(['case_submitted', 'case_link_sent']);
      return answer;
    });
    expect(status.status).toBe(200);
    expect(status.body).toMatchObject({
      reference: accepted.body.reference,
      status: 'awaiting_confirmation',
      nextStep: 'confirm_mailbox',
      submitted: { requesterEmail: request.requesterEmail, kvkNumber: '12345678' },
    });
  });

  it('stores only a hash of the case token', async () => {
    const link = await submitAndOpenMail(service, newRecoveryRequest());
    const [row] = await eventually(async () => {
      const rows = await db.query<{ token_hash: Buffer; pending: number }[]>(
        `SELECT c.token_hash, (SELECT count(*)::int FROM pending_secrets p WHERE p.case_id = c.id) AS pending
           FROM recovery_cases c WHERE c.reference = $1`,
        [link.reference],
      );
      // Once mailed, the sealed copy of the token is gone; only the keyed hash remains.
      expect(rows).toMatchObject([{ pending: 0 }]);
      return rows;
    });
    expect(row?.token_hash).toHaveLength(32);
    expect(row?.token_hash.toString('base64url')).not.toBe(link.token);
  });

  it.each([
    ['a wrong token', (token: string) => bearer(`${token.slice(0, -2)}xx`)],
    ['no token', (): Record<string, string> => ({})],
    ['a token in another scheme', (token: string) => ({ authorization: `Basic ${token}` })],
  ])('answers 404 to %s, the same as an unknown reference', async (_label, headersFor) => {
    const link = await submitAndOpenMail(service, newRecoveryRequest());

    const wrong = await requestJson(service.baseUrl, 'GET', `/api/recovery-requests/${link.reference}`, {
      headers: headersFor(link.token),
    });
    const unknown = await requestJson(service.baseUrl, 'GET', '/api/recovery-requests/RC-0000-0000', {
      headers: bearer(link.token),
    });
    expect(wrong.status).toBe(404);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
  });

  it("never opens one requester's case with another's token", async () => {
    const [firstLink, secondLink] = await Promise.all([
      submitAndOpenMail(service, newRecoveryRequest()),
      submitAndOpenMail(service, newRecoveryRequest()),
    ]);
    const crossed = await requestJson(
      service.baseUrl,
      'GET',
      `/api/recovery-requests/${firstLink.reference}`,
      { headers: bearer(secondLink.token) },
    );
    expect(crossed.status).toBe(404);
  });

  it.each([
    ['a malformed email', { requesterEmail: 'anna-at-acme' }, 'requesterEmail'],
    ['a KvK number of seven digits', { kvkNumber: '1234567' }, 'kvkNumber'],
    ['an unknown method', { method: 'fax' }, 'method'],
    ['an unknown field', { isAdmin: true }, 'isAdmin'],
    ['an empty name', { requesterName: '   ' }, 'requesterName'],
    ['a message over 2000 characters', { message: 'x'.repeat(2001) }, 'message'],
  ])('refuses %s with 400 naming the field, and stores nothing', async (_label, change, field) => {
    const request = newRecoveryRequest(change);
    const answer = await submit(request);
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect(answer.body.message).toContain(field);
    expect(Object.keys(answer.body.fields ?? {})).toContain(field);
    expect(await casesFor(request.requesterEmail)).toBe(0);
  });

  it('refuses a body that is not JSON with 400', async () => {
    const answer = await submit('{"requesterName": ');
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
  });

  it('accepts KvK numbers typed with spaces or dots, and empty optional fields', async () => {
    const request = newRecoveryRequest({ kvkNumber: '1234 5678', requesterPhone: '', formerAdminEmail: '' });
    expect((await submit(request)).status).toBe(202);
    const [row] = await db.query<[{ kvk_number: string; requester_phone: string | null }]>(
      'SELECT kvk_number, requester_phone FROM recovery_cases WHERE requester_email = $1',
      [request.requesterEmail],
    );
    expect(row).toEqual({ kvk_number: '12345678', requester_phone: null });
  });

  it('answers 503 and keeps nothing when Temporal cannot take the workflow', async () => {
    const { api, baseUrl } = await startApi(testConfig(await unreachableTemporal()));
    try {
      const request = newRecoveryRequest();
      const answer = await requestJson(baseUrl, 'POST', '/api/recovery-requests', { body: request });
      expect(answer).toMatchObject({ status: 503, body: { statusCode: 503, error: 'Service Unavailable' } });
      expect(await casesFor(request.requesterEmail)).toBe(0);
    } finally {
      await api.close();
    }
  });

  describe('with an Idempotency-Key', () => {
    it('answers a repeat with the same reference and creates one case, one workflow and one mail', async () => {
      const request = newRecoveryRequest();
      const key = `intake-${randomUUID()}`;
      const answers = await Promise.all([1, 2, 3].map(() => submit(request, { 'idempotency-key': key })));
      const again = await submit(request, { 'idempotency-key': key });

      expect(answers.concat(again).map((a) => a.status)).toEqual([202, 202, 202, 202]);
      const references = new Set(answers.concat(again).map((a) => a.body.reference));
      expect(references.size).toBe(1);
      expect(await casesFor(request.requesterEmail)).toBe(1);

      await service.mail.waitForMail((m) => m.to.includes(String(request.requesterEmail)));
      const workflows = await countWorkflowsFor(service, db, [...references][0] ?? '');
      expect(workflows).toBe(1);
      expect(service.mail.mails.filter((m) => m.to.includes(String(request.requesterEmail)))).toHaveLength(1);
    });

    it('refuses the same key with a different body with 422', async () => {
      const key = `intake-${randomUUID()}`;
      const first = newRecoveryRequest();
      expect((await submit(first, { 'idempotency-key': key })).status).toBe(202);
      const other = await submit({ ...first, companyName: 'Other B.V.' }, { 'idempotency-key': key });
      expect(other.status).toBe(422);
      expect(other.body.message).toContain('Idempotency-Key');
    });

    it('refuses a malformed key with 400', async () => {
      const answer = await submit(newRecoveryRequest(), { 'idempotency-key': 'bad key!' });
      expect(answer.status).toBe(400);
      expect(answer.body.message).toContain('Idempotency-Key');
    });
  });
});

async function countWorkflowsFor(service: TestService, db: DataSource, reference: string): Promise<number> {
  const [row] = await db.query<[{ id: string }]>('SELECT id FROM recovery_cases WHERE reference = $1', [
    reference,
  ]);
  const connection = await Connection.connect({ address: service.config.temporal.address });
  try {
    const client = new Client({ connection, namespace: service.config.temporal.namespace });
    const { count } = await client.workflow.count(`WorkflowId = 'recovery-case-${row.id}'`);
    return count;
  } finally {
    await connection.close();
  }
}
