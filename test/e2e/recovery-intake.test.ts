import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { recoveryWorkflowId } from '@app/workflows/recovery.messages';
import { accessLinkFrom } from '../support/access-link';
import { caseIdOf, caseSettledAfter } from '../support/case-settled';
import { openTestDatabase } from '../support/database';
import { eventually } from '../support/eventually';
import { newRecoveryRequest } from '../support/factories';
import { bearer, requestJson } from '../support/http-client';
import { requesterAction } from '../support/recovery-flow';
import { requesterStatus, submitAndOpenMail } from '../support/requester';
import { testConfig, unreachableTemporal } from '../support/test-config';
import { startApi, startTestService, type TestService } from '../support/test-service';

const REFERENCE = /^RC-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;

describe('POST /api/recovery-requests', () => {
  let service: TestService;
  let db: DataSource;

  beforeAll(async () => {
    // Behind one proxy, so that a test can send requests from several client addresses (X-Forwarded-For).
    [service, db] = await Promise.all([startTestService({ TRUST_PROXY_HOPS: '1' }), openTestDatabase()]);
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

  it('accepts a request, mails the access link, and the link opens the case', async () => {
    const request = newRecoveryRequest();
    const accepted = await submit(request);
    expect(accepted.status).toBe(202);
    expect(accepted.body.reference).toMatch(REFERENCE);

    const mail = await service.mail.waitForMail((m) => m.to.includes(String(request.requesterEmail)));
    const link = accessLinkFrom(mail);
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
    expect(wrong.body).toMatchObject({ statusCode: 404, code: 'not_found', error: 'Not Found' });
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
    expect(answer.body).toMatchObject({ statusCode: 400, code: 'invalid_input', error: 'Bad Request' });
    expect(answer.body.message).toContain(field);
    expect(Object.keys(answer.body.fields ?? {})).toContain(field);
    expect(await casesFor(request.requesterEmail)).toBe(0);
  });

  it('refuses a body that is not JSON with 400', async () => {
    const answer = await submit('{"requesterName": ');
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ statusCode: 400, code: 'invalid_input', error: 'Bad Request' });
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
    let clients = 0;
    /** A client address of its own, as the proxy in front of the api names it. */
    const newClient = (): Record<string, string> => {
      clients += 1;
      return { 'x-forwarded-for': `203.0.113.${clients}` };
    };
    const newKey = () => `intake-${randomUUID()}`;

    /** Runs of the case's workflow that Temporal knows of, running or closed. */
    const workflowRuns = async (reference: string): Promise<number> =>
      (
        await service.temporalClient.workflow.count(
          `WorkflowId = '${recoveryWorkflowId(await caseIdOf(db, reference))}'`,
        )
      ).count;

    const intakeSettled = (reference: string) => caseSettledAfter(service, db, reference, 'case_link_sent');

    const accessLinkMailsTo = (email: unknown) =>
      service.mail.mails.filter(
        (m) => m.to.includes(String(email)) && m.messageId?.startsWith('<case-link.') === true,
      );

    const keyRow = async (key: string) =>
      db.query<{ client_address: string; case_id: string }[]>(
        'SELECT client_address, case_id FROM intake_idempotency_keys WHERE key = $1',
        [key],
      );

    /** Makes the key's use older than its lifetime, as if it had been made that long ago. */
    const ageKey = (key: string) =>
      db.query(
        `UPDATE intake_idempotency_keys SET created_at = created_at - make_interval(secs => $2) WHERE key = $1`,
        [key, service.config.recovery.intakeIdempotencyTtlMs / 1000 + 60],
      );

    it('answers a repeat with the same reference and creates one case, one workflow and one mail', async () => {
      const request = newRecoveryRequest();
      const key = newKey();
      const answers = await Promise.all([1, 2, 3].map(() => submit(request, { 'idempotency-key': key })));
      const again = await submit(request, { 'idempotency-key': key });

      expect(answers.concat(again).map((a) => a.status)).toEqual([202, 202, 202, 202]);
      const references = new Set(answers.concat(again).map((a) => a.body.reference));
      expect(references.size).toBe(1);
      const [reference] = [...references];
      expect(await casesFor(request.requesterEmail)).toBe(1);

      await intakeSettled(String(reference));
      expect(await workflowRuns(String(reference))).toBe(1);
      expect(accessLinkMailsTo(request.requesterEmail)).toHaveLength(1);
    });

    it('refuses the same key with a different body with 422', async () => {
      const key = newKey();
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

    it('gives two clients who use the same key a case each, and each its own on a repeat', async () => {
      const key = newKey();
      const [anna, bas] = [newClient(), newClient()];
      const [annasRequest, bassRequest] = [newRecoveryRequest(), newRecoveryRequest()];
      const fromAnna = await submit(annasRequest, { 'idempotency-key': key, ...anna });
      const fromBas = await submit(bassRequest, { 'idempotency-key': key, ...bas });
      expect([fromAnna.status, fromBas.status]).toEqual([202, 202]);
      expect(fromBas.body.reference).not.toBe(fromAnna.body.reference);

      const annaAgain = await submit(annasRequest, { 'idempotency-key': key, ...anna });
      const basAgain = await submit(bassRequest, { 'idempotency-key': key, ...bas });
      expect([annaAgain.body.reference, basAgain.body.reference]).toEqual([
        fromAnna.body.reference,
        fromBas.body.reference,
      ]);
      expect([
        await casesFor(annasRequest.requesterEmail),
        await casesFor(bassRequest.requesterEmail),
      ]).toEqual([1, 1]);
    });

    it('takes a key past its lifetime as a new request, which the key then answers', async () => {
      const request = newRecoveryRequest();
      const key = newKey();
      const client = newClient();
      const first = await submit(request, { 'idempotency-key': key, ...client });
      await ageKey(key);

      const later = await submit(request, { 'idempotency-key': key, ...client });
      expect(later.status).toBe(202);
      expect(later.body.reference).not.toBe(first.body.reference);
      expect(await casesFor(request.requesterEmail)).toBe(2);
      expect(await keyRow(key)).toEqual([
        { client_address: client['x-forwarded-for'], case_id: await caseIdOf(db, later.body.reference) },
      ]);
      expect((await submit(request, { 'idempotency-key': key, ...client })).body.reference).toBe(
        later.body.reference,
      );
    });

    it('clears expired keys at the first intake of a process, then not again at every intake', async () => {
      const keyOfNewRequest = async (): Promise<string> => {
        const key = newKey();
        expect((await submit(newRecoveryRequest(), { 'idempotency-key': key })).status).toBe(202);
        return key;
      };
      const [expired, live] = [await keyOfNewRequest(), await keyOfNewRequest()];
      await ageKey(expired);

      // A process of its own: its first intake is the first it clears at.
      const fresh = await startApi(testConfig());
      try {
        const intakeThere = async () =>
          expect(
            (
              await requestJson(fresh.baseUrl, 'POST', '/api/recovery-requests', {
                body: newRecoveryRequest(),
              })
            ).status,
          ).toBe(202);
        await intakeThere();
        expect([(await keyRow(expired)).length, (await keyRow(live)).length]).toEqual([0, 1]);

        const expiredSince = await keyOfNewRequest();
        await ageKey(expiredSince);
        await intakeThere();
        // Cleared at the next sweep (within the hour), not by every request: the sweep is one delete per process.
        expect(await keyRow(expiredSince)).toHaveLength(1);
      } finally {
        await fresh.api.close();
      }
    });

    it('answers a repeat after the case ended with its reference, and starts and mails nothing again', async () => {
      const request = newRecoveryRequest();
      const key = newKey();
      const first = await submit(request, { 'idempotency-key': key });
      const link = accessLinkFrom(
        await service.mail.waitForMail((m) => m.to.includes(String(request.requesterEmail))),
      );
      expect((await requesterAction(service, link, 'cancel')).status).toBe(200);
      const handle = service.temporalClient.workflow.getHandle(
        recoveryWorkflowId(await caseIdOf(db, link.reference)),
      );
      await handle.result();

      const again = await submit(request, { 'idempotency-key': key });
      expect(again).toMatchObject({ status: 202, body: { reference: first.body.reference } });
      expect(await workflowRuns(link.reference)).toBe(1);
      // Nor a second case, whose workflow and mail would go by another id.
      expect(await casesFor(request.requesterEmail)).toBe(1);
      // The latest run of that id is the closed one: nothing runs that could still mail.
      expect((await handle.describe()).status.name).toBe('COMPLETED');
      expect(accessLinkMailsTo(request.requesterEmail)).toHaveLength(1);
    });
  });
});
