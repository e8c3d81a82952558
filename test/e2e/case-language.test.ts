import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import type { DataSource } from 'typeorm';
import type { CapturedMail } from '../../tools/mail-catcher/captured-mail';
import { accessLinkFrom } from '../support/access-link';
import { openTestDatabase } from '../support/database';
import { newEnvironment } from '../support/directory';
import { newRecoveryRequest } from '../support/factories';
import { bearer, requestJson } from '../support/http-client';
import { codeFrom, requesterAction } from '../support/recovery-flow';
import { requesterStatus, submitAndOpenMail, type AccessLink } from '../support/requester';
import { newStaff, signIn } from '../support/staff';
import { startTestService, type TestService } from '../support/test-service';

const DUTCH_BROWSER = 'nl-NL,nl;q=0.9,en;q=0.8';

describe('the language of a case', () => {
  let service: TestService;
  let db: DataSource;
  let agentToken: string;

  beforeAll(async () => {
    [service, db] = await Promise.all([startTestService(), openTestDatabase()]);
    agentToken = await signIn(service.baseUrl, await newStaff(db, { role: 'agent' }));
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

  /**
   * Posts an intake without any Accept-Language header: fetch would add `accept-language: *` by itself, so
   * this goes through node:http.
   */
  function submitWithoutAcceptLanguage(body: Record<string, unknown>): Promise<number> {
    const url = new URL('/api/recovery-requests', service.baseUrl);
    const payload = JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const outgoing = httpRequest(
        url,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
        },
        (response) => {
          response.resume();
          response.on('end', () => resolve(response.statusCode ?? 0));
        },
      );
      outgoing.on('error', reject);
      outgoing.end(payload);
    });
  }

  const mailTo = (email: unknown): Promise<CapturedMail> =>
    service.mail.waitForMail((m) => m.to.includes(String(email)));

  const storedLanguage = async (reference: string): Promise<string | undefined> => {
    const rows = await db.query<{ language: string }[]>(
      'SELECT language FROM recovery_cases WHERE reference = $1',
      [reference],
    );
    return rows[0]?.language;
  };

  function expectDutchAccessLink(mail: CapturedMail, link: AccessLink): void {
    expect(mail.subject).toBe(`Uw eConnect-aanvraag ${link.reference}`);
    expect(mail.text).toContain('Beste Anna de Vries,');
    expect(mail.text).toContain('klik op "Bevestigen"');
    expect(mail.text.split('\n')).toContain(link.url);
    expect(mail.html).toContain('klik op &quot;Bevestigen&quot;');
    expect(mail.text.trimEnd().endsWith('eConnect Support')).toBe(true);
  }

  it('writes the access link and the code in Dutch when the request asks for nl', async () => {
    const { environment, organisations } = await newEnvironment(db, {
      organisations: 1,
      users: [{ role: 'administrator', status: 'deactivated' }],
    });
    const request = newRecoveryRequest({
      method: 'email',
      language: 'nl',
      kvkNumber: organisations[0]?.kvkNumber,
    });
    const link = await submitAndOpenMail(service, request);
    expectDutchAccessLink(await mailTo(request.requesterEmail), link);

    const status = await requesterStatus(service, link);
    expect(status.status).toBe(200);
    expect(status.body).toMatchObject({ reference: link.reference, language: 'nl' });

    const confirmed = await requesterAction(service, link, 'confirm');
    expect(confirmed.body.status).toBe('awaiting_email_code');
    const codeMail = await service.mail.waitForMail(
      (m) => m.subject.includes(link.reference) && m.to.includes(environment.contactEmail),
    );
    expect(codeMail.subject).toBe(
      `Verificatiecode voor een nieuwe beheerder van ${environment.name} (kenmerk ${link.reference})`,
    );
    expect(codeMail.text).toContain('Geachte heer/mevrouw,');
    expect(codeMail.text).toContain(
      `heeft gevraagd beheerder te worden van de eConnect-omgeving "${environment.name}"`,
    );
    expect(codeMail.text).toMatch(/De code is geldig tot [a-z]+dag \d{1,2} [a-z]+ \d{4} om \d{2}:\d{2}\./);
    expect(codeFrom(codeMail)).toMatch(/^\d{8}$/);

    const verified = await requesterAction(service, link, 'email-code', { code: codeFrom(codeMail) });
    expect(verified.body.status).toBe('awaiting_review');
  });

  it('takes Dutch from the Accept-Language header when the body has no language', async () => {
    const request = newRecoveryRequest();
    const accepted = await submit(request, { 'accept-language': DUTCH_BROWSER });
    expect(accepted.status).toBe(202);

    const mail = await mailTo(request.requesterEmail);
    const link = accessLinkFrom(mail);
    expect(link.reference).toBe(accepted.body.reference);
    expectDutchAccessLink(mail, link);
    expect((await requesterStatus(service, link)).body).toMatchObject({ language: 'nl' });
    expect(await storedLanguage(link.reference)).toBe('nl');
  });

  it('lets a language in the body win over the Accept-Language header', async () => {
    const request = newRecoveryRequest({ language: 'en' });
    const accepted = await submit(request, { 'accept-language': DUTCH_BROWSER });
    expect(accepted.status).toBe(202);
    const mail = await mailTo(request.requesterEmail);
    expect(mail.subject).toBe(`Your eConnect recovery request ${accepted.body.reference}`);
    expect(await storedLanguage(accepted.body.reference)).toBe('en');
  });

  it('writes in English when there is no Accept-Language header', async () => {
    const request = newRecoveryRequest();
    expect(await submitWithoutAcceptLanguage(request)).toBe(202);

    const mail = await mailTo(request.requesterEmail);
    const link = accessLinkFrom(mail);
    expect(mail.subject).toBe(`Your eConnect recovery request ${link.reference}`);
    expect(mail.text).toContain('Dear Anna de Vries,');
    expect(mail.text).toContain('press "Confirm"');
    expect((await requesterStatus(service, link)).body).toMatchObject({ language: 'en' });
  });

  it.each([
    ['a wildcard', '*'],
    ['only other languages', 'de-DE,de;q=0.9,fr;q=0.8'],
    ['English above Dutch', 'en-GB,en;q=0.9,nl;q=0.8'],
  ])('writes in English for an Accept-Language of %s', async (_label, header) => {
    const request = newRecoveryRequest();
    const accepted = await submit(request, { 'accept-language': header });
    expect(accepted.status).toBe(202);
    const mail = await mailTo(request.requesterEmail);
    expect(mail.subject).toBe(`Your eConnect recovery request ${accepted.body.reference}`);
    expect(await storedLanguage(accepted.body.reference)).toBe('en');
  });

  it.each([['de'], ['NL'], ['dutch'], [''], [42]])(
    'refuses the language %p with 400 naming the field, and stores nothing',
    async (language) => {
      const request = newRecoveryRequest({ language });
      const answer = await submit(request, { 'accept-language': DUTCH_BROWSER });
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ statusCode: 400, code: 'invalid_input', error: 'Bad Request' });
      expect(answer.body.message).toBe('language must be one of: en, nl');
      expect(answer.body.fields?.language).toEqual(['language must be one of: en, nl']);
      const [stored] = await db.query<[{ n: number }]>(
        'SELECT count(*)::int AS n FROM recovery_cases WHERE requester_email = $1',
        [request.requesterEmail],
      );
      // No case, so no workflow and no mail can follow.
      expect(stored.n).toBe(0);
    },
  );

  it('keeps the first language when a request is repeated with its Idempotency-Key and another header', async () => {
    const request = newRecoveryRequest();
    const key = `case-language-${randomUUID()}`;
    const first = await submit(request, { 'idempotency-key': key, 'accept-language': DUTCH_BROWSER });
    expect(first.status).toBe(202);
    const again = await submit(request, { 'idempotency-key': key, 'accept-language': 'en' });
    expect(again.status).toBe(202);
    expect(again.body.reference).toBe(first.body.reference);
    expect(await storedLanguage(first.body.reference)).toBe('nl');
    const [stored] = await db.query<[{ n: number }]>(
      'SELECT count(*)::int AS n FROM recovery_cases WHERE requester_email = $1',
      [request.requesterEmail],
    );
    expect(stored.n).toBe(1);
  });

  it('shows the language to staff on the case page', async () => {
    const request = newRecoveryRequest({ language: 'nl' });
    const accepted = await submit(request);
    expect(accepted.status).toBe(202);
    const detail = await requestJson<{ reference: string; language: string }>(
      service.baseUrl,
      'GET',
      `/api/cases/${accepted.body.reference}`,
      { headers: bearer(agentToken) },
    );
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({ reference: accepted.body.reference, language: 'nl' });
  });
});
