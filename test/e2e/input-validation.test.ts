import { randomBytes, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { addCaseDocument, newCase } from '../support/cases';
import { openTestDatabase } from '../support/database';
import { newEnvironment, platformToken, uniqueKvkNumber } from '../support/directory';
import { caseAwaitingDocument, extractOf, storedDocuments, type ExtractCase } from '../support/extract-case';
import { newRecoveryRequest } from '../support/factories';
import { bearer, requestJson } from '../support/http-client';
import { codeFrom, decide, requesterAction, staffPost, uploadDocument } from '../support/recovery-flow';
import { requesterStatus, submitAndOpenMail, type AccessLink } from '../support/requester';
import { newStaff, signIn } from '../support/staff';
import { startTestService, type TestService } from '../support/test-service';
import { objectionTokenIn } from '../../tools/mail-catcher/mail-contents';

type ErrorBody = Record<string, unknown> & {
  statusCode: number;
  message: string;
  fields?: Record<string, string[]>;
};

/** A well-formed email address of exactly `length` characters (labels of at most 63), unique to the call. */
function addressOfLength(length: number): string {
  const local = `long.${randomUUID()}`;
  const tld = '.example';
  const size = length - local.length - 1 - tld.length;
  let labels = '';
  for (let i = 0; i < size; i += 1) labels += i % 51 === 50 && i !== size - 1 ? '.' : 'b';
  return `${local}@${labels}${tld}`;
}

/** Text of exactly `length` characters. */
const textOfLength = (length: number): string => 'x'.repeat(length);

describe('bad input: refused with a message that says what is wrong, and nothing written', () => {
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

  const count = async (sql: string, parameters: unknown[]): Promise<number> => {
    const [row] = await db.query<[{ n: number }]>(sql, parameters);
    return row.n;
  };

  const caseRow = async (reference: string) => {
    const [row] = await db.query<
      [{ status: string; environment_id: string | null; approved_organisation_ids: string[] | null }]
    >('SELECT status, environment_id, approved_organisation_ids FROM recovery_cases WHERE reference = $1', [
      reference,
    ]);
    return row;
  };

  const notesOf = (reference: string): Promise<number> =>
    count(
      `SELECT count(*)::int AS n FROM case_notes n JOIN recovery_cases c ON c.id = n.case_id
        WHERE c.reference = $1`,
      [reference],
    );

  /** A case verified by the email method, waiting for an agent's decision. */
  async function caseInReview(): Promise<{ link: AccessLink; userEmail: string }> {
    const { environment, organisations, users } = await newEnvironment(db, {
      organisations: 1,
      users: [{ role: 'administrator', status: 'deactivated' }, { role: 'user' }],
    });
    const link = await submitAndOpenMail(
      service,
      newRecoveryRequest({ method: 'email', kvkNumber: organisations[0]!.kvkNumber }),
    );
    expect((await requesterAction(service, link, 'confirm')).status).toBe(200);
    const mail = await service.mail.waitForMail(
      (m) => m.subject.includes(link.reference) && m.to.includes(environment.contactEmail),
    );
    const verified = await requesterAction(service, link, 'email-code', { code: codeFrom(mail) });
    expect(verified.body.status).toBe('awaiting_review');
    return { link, userEmail: users[1]!.email };
  }

  describe('POST /api/recovery-requests', () => {
    const submit = (body: unknown, headers: Record<string, string> = {}) =>
      requestJson<ErrorBody>(service.baseUrl, 'POST', '/api/recovery-requests', { body, headers });

    const casesFor = (email: unknown): Promise<number> =>
      count('SELECT count(*)::int AS n FROM recovery_cases WHERE requester_email = $1', [email]);

    it.each([
      [
        'a malformed requesterPhone',
        { requesterPhone: 'call me after five' },
        'requesterPhone',
        'requesterPhone must be a phone number such as +31 20 123 4567',
      ],
      ['no companyName', { companyName: undefined }, 'companyName', 'companyName is required'],
      ['a blank companyName', { companyName: '   ' }, 'companyName', 'companyName is required'],
      ['no method', { method: undefined }, 'method', 'method must be one of: email, chamber_extract'],
      [
        'a requesterName of 201 characters',
        { requesterName: textOfLength(201) },
        'requesterName',
        'requesterName must be shorter than or equal to 200 characters',
      ],
      [
        'a requesterEmail of 255 characters',
        { requesterEmail: addressOfLength(255) },
        'requesterEmail',
        'requesterEmail must be shorter than or equal to 254 characters',
      ],
      [
        'a malformed formerAdminEmail',
        { formerAdminEmail: 'jan-at-acme' },
        'formerAdminEmail',
        'formerAdminEmail must be an email address',
      ],
      // A quoted local part that reads as another company's address in a list of recipients.
      [
        'a requesterEmail whose quoted local part names another address',
        { requesterEmail: '"ceo@acme.example"@attacker.example' },
        'requesterEmail',
        'requesterEmail must be an email address',
      ],
      [
        'a requesterEmail with a CR/LF in a quoted part',
        { requesterEmail: '"x\r\nBcc: all@acme.example"@attacker.example' },
        'requesterEmail',
        'requesterEmail must be an email address',
      ],
      [
        'a formerAdminEmail with an address literal',
        { formerAdminEmail: 'jan@[192.0.2.1]' },
        'formerAdminEmail',
        'formerAdminEmail must be an email address',
      ],
      [
        'an environmentReference of 201 characters',
        { environmentReference: textOfLength(201) },
        'environmentReference',
        'environmentReference must be shorter than or equal to 200 characters',
      ],
      ['a number for companyName', { companyName: 42 }, 'companyName', 'companyName must be a string'],
      [
        'a number for requesterName',
        { requesterName: 1234 },
        'requesterName',
        'requesterName must be a string',
      ],
    ])('refuses %s with 400 naming the field, and stores nothing', async (_label, change, field, message) => {
      const request = newRecoveryRequest(change);
      const answer = await submit(request);
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ statusCode: 400, code: 'invalid_input', error: 'Bad Request' });
      expect(answer.body.message).toContain(message);
      expect(answer.body.fields?.[field]).toContain(message);
      expect(await casesFor(request.requesterEmail)).toBe(0);
    });

    it.each([
      ['a JSON array holding a request', () => [newRecoveryRequest()]],
      ['null', () => null],
    ])('refuses %s as the body with 400, naming the fields a request needs', async (_label, body) => {
      const before = await count('SELECT count(*)::int AS n FROM recovery_cases', []);
      const answer = await submit(body());
      expect(answer.status).toBe(400);
      for (const required of ['requesterName', 'requesterEmail', 'companyName', 'method']) {
        expect(answer.body.message).toContain(required);
        expect(Object.keys(answer.body.fields ?? {})).toContain(required);
      }
      expect(await count('SELECT count(*)::int AS n FROM recovery_cases', [])).toBe(before);
    });

    it.each([
      ['7 characters', 7],
      ['201 characters', 201],
    ])(
      'refuses an Idempotency-Key of %s with 400 giving the rule, and stores nothing',
      async (_label, length) => {
        const request = newRecoveryRequest();
        const key = randomBytes(length).toString('hex').slice(0, length);
        const answer = await submit(request, { 'idempotency-key': key });
        expect(answer.status).toBe(400);
        expect(answer.body.message).toBe('Idempotency-Key must be 8 to 200 letters, digits or "_.:-"');
        expect(await casesFor(request.requesterEmail)).toBe(0);
        expect(
          await count('SELECT count(*)::int AS n FROM intake_idempotency_keys WHERE key = $1', [key]),
        ).toBe(0);
      },
    );
  });

  describe('POST /api/recovery-requests/:reference/documents', () => {
    /** A POST to the documents route with a body of our making, not a browser's form. */
    const rawUpload = async (link: AccessLink, body: FormData | string, contentType?: string) => {
      const response = await fetch(`${service.baseUrl}/api/recovery-requests/${link.reference}/documents`, {
        method: 'POST',
        headers: {
          ...bearer(link.token),
          ...(contentType ? { 'content-type': contentType } : {}),
        },
        body,
      });
      return { status: response.status, body: (await response.json()) as ErrorBody };
    };

    /** Nothing stored and no upload counted: the case waits for its first document as before. */
    async function nothingTaken(kase: ExtractCase): Promise<void> {
      expect(await storedDocuments(db, kase.link.reference)).toEqual([]);
      expect((await requesterStatus(service, kase.link)).body).toMatchObject({
        status: 'awaiting_document',
        allowances: { uploadsLeft: 3 },
        latestDocument: null,
      });
    }

    it.each([
      ['before', ['note', 'file']],
      ['after', ['file', 'note']],
    ])('answers 400 for a text field %s the file, and stores nothing', async (_label, order) => {
      const kase = await caseAwaitingDocument(service, db);
      const extract = await extractOf(kase.organisations[0]!);
      const form = new FormData();
      for (const field of order) {
        if (field === 'file') form.append('file', new Blob([extract], { type: 'application/pdf' }), 'a.pdf');
        else form.append(field, 'Here is our extract.');
      }
      const answer = await rawUpload(kase.link, form);
      expect(answer.status).toBe(400);
      expect(answer.body.message).toBe('Send one PDF, in a field named "file", and nothing else.');
      await nothingTaken(kase);
    });

    it('answers 400 for a multipart form without parts, and stores nothing', async () => {
      const kase = await caseAwaitingDocument(service, db);
      const answer = await rawUpload(kase.link, new FormData());
      expect(answer.status).toBe(400);
      expect(answer.body.message).toBe('Send the PDF in a field named "file".');
      await nothingTaken(kase);
    });

    it('answers 400 for a file of 0 bytes, says it is empty, and counts no upload', async () => {
      const kase = await caseAwaitingDocument(service, db);
      const answer = await uploadDocument(service, kase.link, Buffer.alloc(0));
      expect(answer.status).toBe(400);
      expect(answer.body.message).toMatch(/file you sent is empty.*upload the PDF/);
      await nothingTaken(kase);
    });

    /** Multipart bodies a parser cannot finish: the case's own boundary unless said otherwise. */
    const malformedBodies: [string, (kase: ExtractCase) => Promise<{ body: string; contentType: string }>][] =
      [
        [
          'cut off in the middle of the file',
          async (kase) => {
            const boundary = `cut-${randomUUID()}`;
            const pdf = await extractOf(kase.organisations[0]!);
            const head = [
              `--${boundary}`,
              'Content-Disposition: form-data; name="file"; filename="uittreksel.pdf"',
              'Content-Type: application/pdf',
              '',
              '',
            ].join('\r\n');
            return {
              body: head + pdf.subarray(0, Math.floor(pdf.length / 2)).toString('latin1'),
              contentType: `multipart/form-data; boundary=${boundary}`,
            };
          },
        ],
        [
          'cut off within the headers of its part',
          async () => {
            const boundary = `cut-${randomUUID()}`;
            return {
              body: `--${boundary}\r\nContent-Disposition: form-data; name="file"; filen`,
              contentType: `multipart/form-data; boundary=${boundary}`,
            };
          },
        ],
        [
          'sent as multipart/form-data without a boundary',
          async () => ({ body: '%PDF-1.7\n', contentType: 'multipart/form-data' }),
        ],
      ];

    it.each(malformedBodies)('stores nothing and counts no upload for a body %s', async (_label, make) => {
      const kase = await caseAwaitingDocument(service, db);
      const { body, contentType } = await make(kase);
      const answer = await rawUpload(kase.link, body, contentType);
      expect(answer.status).not.toBe(202);
      await nothingTaken(kase);
    });

    // busboy's own errors ("Unexpected end of multipart data", "Multipart: Boundary not found") are the
    // client's mistake, not ours.
    it.each(malformedBodies)(
      'answers 400, not 500, saying how to send the file, for a body %s',
      async (_label, make) => {
        const kase = await caseAwaitingDocument(service, db);
        const { body, contentType } = await make(kase);
        const answer = await rawUpload(kase.link, body, contentType);
        expect(answer.status).toBe(400);
        expect(answer.body.message).toMatch(/"file"/);
      },
    );
  });

  describe('POST /api/cases/:reference/decision', () => {
    let reference: string;

    beforeAll(async () => {
      reference = (await caseInReview()).link.reference;
    });

    it.each([
      ['a reason of 2 characters to reject', { reason: 'no' }, 'reason must say why (at least 3 characters)'],
      [
        'a reason of 2001 characters to reject',
        { reason: textOfLength(2001) },
        'reason must be shorter than or equal to 2000 characters',
      ],
    ])('refuses %s with 400, and writes no note', async (_label, change, message) => {
      const answer = await staffPost<ErrorBody>(service, agentToken, `/api/cases/${reference}/decision`, {
        decision: 'reject',
        version: '0',
        ...change,
      });
      expect(answer.status).toBe(400);
      expect(answer.body.message).toBe(message);
      expect(answer.body.fields).toEqual({ reason: [message] });
      expect(await notesOf(reference)).toBe(0);
      expect(await caseRow(reference)).toMatchObject({ status: 'awaiting_review' });
    });

    it.each([
      ['no version', {}],
      ['a version that is not one', { version: '12a' }],
      ['a number for the version', { version: 12 }],
    ])(
      'refuses a decision with %s with 400 naming the field, and approves nothing',
      async (_label, change) => {
        const message = 'version is required: the version of the case you decided on, as its page gave it';
        const answer = await staffPost<ErrorBody>(service, agentToken, `/api/cases/${reference}/decision`, {
          decision: 'approve',
          ...change,
        });
        expect(answer.status).toBe(400);
        expect(answer.body.fields).toEqual({ version: [message] });
        expect(await caseRow(reference)).toMatchObject({ status: 'awaiting_review' });
      },
    );

    it.each([
      ['organisationIds that are not an array', randomUUID(), 'organisationIds must be an array'],
      [
        '501 organisationIds',
        Array.from({ length: 501 }, () => randomUUID()),
        'organisationIds must contain no more than 500 elements',
      ],
    ])('refuses %s with 400, and approves nothing', async (_label, organisationIds, message) => {
      const answer = await staffPost<ErrorBody>(service, agentToken, `/api/cases/${reference}/decision`, {
        decision: 'approve',
        version: '0',
        organisationIds,
      });
      expect(answer.status).toBe(400);
      expect(answer.body.message).toContain(message);
      expect(answer.body.fields?.organisationIds).toContain(message);
      expect(await caseRow(reference)).toMatchObject({
        status: 'awaiting_review',
        approved_organisation_ids: null,
      });
      expect(
        await count(
          `SELECT count(*)::int AS n FROM case_events e JOIN recovery_cases c ON c.id = e.case_id
            WHERE c.reference = $1 AND e.type IN ('case_approved', 'cooling_off_started')`,
          [reference],
        ),
      ).toBe(0);
    });
  });

  describe('POST /api/cases/:reference/environment', () => {
    let reference: string;

    beforeAll(async () => {
      // A KvK number no environment has: the case matches nothing at intake.
      ({ reference } = await submitAndOpenMail(
        service,
        newRecoveryRequest({ kvkNumber: uniqueKvkNumber() }),
      ));
      expect(await caseRow(reference)).toMatchObject({ environment_id: null });
    });

    it.each([
      ['an empty body', async () => ({}), 'environmentId', 'environmentId must be an environment id'],
      [
        'an extra field',
        async () => ({ environmentId: (await newEnvironment(db)).environment.id, note: 'Found it.' }),
        'note',
        'property note should not exist',
      ],
    ])('refuses %s with 400 naming the field, and links nothing', async (_label, body, field, message) => {
      const answer = await staffPost<ErrorBody>(
        service,
        agentToken,
        `/api/cases/${reference}/environment`,
        await body(),
      );
      expect(answer.status).toBe(400);
      expect(answer.body.message).toBe(message);
      expect(answer.body.fields).toEqual({ [field]: [message] });
      expect(await caseRow(reference)).toMatchObject({ environment_id: null });
    });
  });

  describe('GET /api/cases/:reference/document', () => {
    let reference: string;

    beforeAll(async () => {
      const kase = await newCase(db);
      await addCaseDocument(db, kase.id, { sequence: 1 });
      reference = kase.reference;
    });

    it.each([
      ['0', 'sequence must be a whole number from 1'],
      ['101', 'sequence must be a whole number from 1 to 100'],
      ['1.5', 'sequence must be a whole number from 1'],
      ['abc', 'sequence must be a whole number from 1'],
    ])('refuses sequence=%s with 400 giving the rule, and sends no PDF', async (sequence, message) => {
      const answer = await requestJson<ErrorBody>(
        service.baseUrl,
        'GET',
        `/api/cases/${reference}/document?sequence=${sequence}`,
        { headers: bearer(agentToken) },
      );
      expect(answer.status).toBe(400);
      expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
      expect(answer.body.message).toContain(message);
      expect(Object.keys(answer.body.fields ?? {})).toEqual(['sequence']);
    });
  });

  describe('GET /api/cases', () => {
    const list = (query: string) =>
      requestJson<ErrorBody>(service.baseUrl, 'GET', `/api/cases?${query}`, {
        headers: bearer(agentToken),
      });

    it('takes a q of 254 characters, its limit', async () => {
      const answer = await list(`q=${textOfLength(254)}`);
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({ items: [], nextCursor: null });
    });

    it.each([
      ['a q of 255 characters', `q=${textOfLength(255)}`, 'q must be at most 254 characters'],
      [
        'a cursor of 201 characters',
        `cursor=${randomBytes(151).toString('base64url').slice(0, 201)}`,
        'cursor is not one this API gave out',
      ],
      ['a cursor of punctuation', 'cursor=!!!', 'cursor is not one this API gave out: pass the nextCursor'],
      [
        'a cursor of JSON this API never gave out',
        `cursor=${Buffer.from(JSON.stringify(['2024-01-01', 1])).toString('base64url')}`,
        'cursor is not one this API gave out: pass the nextCursor',
      ],
      ['limit=0', 'limit=0', 'limit must be a whole number from 1 to 100'],
      ['limit=101', 'limit=101', 'limit must be a whole number from 1 to 100'],
    ])('refuses %s with 400 and says why', async (_label, query, message) => {
      const answer = await list(query);
      expect(answer.status).toBe(400);
      expect(answer.body.message).toContain(message);
    });
  });

  describe('POST /api/objections/:token', () => {
    let reference: string;
    let token: string;

    beforeAll(async () => {
      const { link, userEmail } = await caseInReview();
      reference = link.reference;
      const approved = await decide(service, agentToken, reference, { decision: 'approve' });
      expect(approved.body.status).toBe('cooling_off');
      const notice = await service.mail.waitForMail(
        (m) => m.to.includes(userEmail) && m.text.includes('/objections/'),
      );
      token = objectionTokenIn(notice) ?? '';
      expect(token).toHaveLength(43);
    });

    const object = (path: string, body: unknown) =>
      requestJson<ErrorBody>(service.baseUrl, 'POST', `/api/objections/${path}`, { body });

    /** No reason kept, every link of the notice still unused, the appointment still coming. */
    async function objectionNotTaken(): Promise<void> {
      expect(await notesOf(reference)).toBe(0);
      expect(
        await count(
          `SELECT count(*)::int AS n FROM objection_tokens t JOIN recovery_cases c ON c.id = t.case_id
            WHERE c.reference = $1 AND t.used_at IS NOT NULL`,
          [reference],
        ),
      ).toBe(0);
      expect(await caseRow(reference)).toMatchObject({ status: 'cooling_off' });
    }

    it.each([
      [
        'a reason of 2 characters',
        { reason: 'no' },
        'reason',
        'reason must say why you object (at least 3 characters)',
      ],
      [
        'a reason of 2001 characters',
        { reason: textOfLength(2001) },
        'reason',
        'reason must be shorter than or equal to 2000 characters',
      ],
      [
        'an extra field',
        { reason: 'I do not know this person.', name: 'Bram' },
        'name',
        'property name should not exist',
      ],
    ])(
      'refuses %s with 400 naming the field, and keeps the link usable',
      async (_label, body, field, message) => {
        const answer = await object(token, body);
        expect(answer.status).toBe(400);
        expect(answer.body.message).toBe(message);
        expect(answer.body.fields).toEqual({ [field]: [message] });
        await objectionNotTaken();
      },
    );

    it.each(['~', '.', '=', '%2B', '%20'])(
      'answers a token with "%s" in it (outside base64url) with the same 404 as an unknown token',
      async (character) => {
        const reason = { reason: 'I do not know this person.' };
        const unknown = await object(randomBytes(32).toString('base64url'), reason);
        const answer = await object(`${token.slice(0, -1)}${character}`, reason);
        expect(unknown.status).toBe(404);
        expect(answer.status).toBe(404);
        expect(answer.body).toEqual(unknown.body);
        expect(answer.body.message).toMatch(/objection link is not valid/);
        await objectionNotTaken();
      },
    );
  });

  describe('POST /api/staff/session', () => {
    const signInWith = (body: unknown) =>
      requestJson<ErrorBody>(service.baseUrl, 'POST', '/api/staff/session', { body });

    /** The refusal came before the password was checked: no attempt counts towards the lock-out. */
    const attemptsFor = (email: string): Promise<number> =>
      count('SELECT count(*)::int AS n FROM staff_sign_in_failures WHERE email_key = lower($1)', [email]);

    it('refuses a password over 1024 characters with 400 before any hashing work', async () => {
      const staff = await newStaff(db);
      const answer = await signInWith({ email: staff.email, password: textOfLength(1025) });
      expect(answer.status).toBe(400);
      expect(answer.body.message).toBe('password must be shorter than or equal to 1024 characters');
      expect(await attemptsFor(staff.email)).toBe(0);
    });

    it('refuses an email address over 254 characters with 400 naming the field', async () => {
      const email = addressOfLength(255);
      const answer = await signInWith({ email, password: `password-${randomUUID()}` });
      expect(answer.status).toBe(400);
      expect(answer.body.message).toContain('email must be shorter than or equal to 254 characters');
      expect(Object.keys(answer.body.fields ?? {})).toEqual(['email']);
      expect(await attemptsFor(email)).toBe(0);
    });

    it('refuses a number for the password with 400 naming the field', async () => {
      const staff = await newStaff(db);
      const answer = await signInWith({ email: staff.email, password: 12_345_678_901_234 });
      expect(answer.status).toBe(400);
      expect(answer.body.message).toContain('password is required');
      expect(Object.keys(answer.body.fields ?? {})).toEqual(['password']);
      expect(await attemptsFor(staff.email)).toBe(0);
    });

    it('refuses an empty body with 400 naming both fields', async () => {
      const answer = await signInWith({});
      expect(answer.status).toBe(400);
      expect(answer.body.message).toContain('email must be an email address');
      expect(answer.body.message).toContain('password is required');
      expect(Object.keys(answer.body.fields ?? {}).sort()).toEqual(['email', 'password']);
    });
  });

  describe('directory, as an environment administrator', () => {
    const directory = async (spec: Parameters<typeof newEnvironment>[1] = {}) => {
      const created = await newEnvironment(db, {
        ...spec,
        users: [{ role: 'administrator' }, ...(spec.users ?? [])],
      });
      const token = platformToken(service.config.secrets.platformJwtSecret, created.users[0]!.id);
      const call = (method: string, path: string, body: unknown) =>
        requestJson<ErrorBody>(
          service.baseUrl,
          method,
          `/api/environments/${created.environment.id}${path}`,
          {
            body,
            headers: bearer(token),
          },
        );
      return { ...created, call };
    };

    const usersIn = (environmentId: string): Promise<number> =>
      count('SELECT count(*)::int AS n FROM users WHERE environment_id = $1', [environmentId]);

    it.each([
      ['no email', () => ({ name: 'Bram Jansen' }), 'email', 'email must be an email address'],
      [
        'a name of 201 characters',
        () => ({ email: `bram.${randomUUID()}@env.example`, name: textOfLength(201) }),
        'name',
        'name must be shorter than or equal to 200 characters',
      ],
      [
        'an email of 255 characters',
        () => ({ email: addressOfLength(255), name: 'Bram Jansen' }),
        'email',
        'email must be shorter than or equal to 254 characters',
      ],
    ])(
      'refuses an invitation with %s with 400 naming the field, and adds no user',
      async (_label, body, field, message) => {
        const { environment, call } = await directory();
        const answer = await call('POST', '/users', body());
        expect(answer.status).toBe(400);
        expect(answer.body.message).toContain(message);
        expect(Object.keys(answer.body.fields ?? {})).toEqual([field]);
        expect(await usersIn(environment.id)).toBe(1);
      },
    );

    it.each([
      ['a blank name', '   ', 'name is required'],
      ['a name of 201 characters', textOfLength(201), 'name must be shorter than or equal to 200 characters'],
    ])('refuses an organisation with %s with 400, and creates none', async (_label, name, message) => {
      const { environment, call } = await directory();
      const answer = await call('POST', '/organisations', { name, kvkNumber: uniqueKvkNumber() });
      expect(answer.status).toBe(400);
      expect(answer.body.message).toBe(message);
      expect(answer.body.fields).toEqual({ name: [message] });
      expect(
        await count('SELECT count(*)::int AS n FROM organisations WHERE environment_id = $1', [
          environment.id,
        ]),
      ).toBe(0);
    });

    it('refuses a subscription change without a plan with 400 listing the plans, and keeps the plan', async () => {
      const { environment, call } = await directory({ plan: 'basic' });
      const answer = await call('PATCH', '/subscription', {});
      expect(answer.status).toBe(400);
      expect(answer.body.message).toBe('plan must be one of: basic, professional, enterprise');
      const [row] = await db.query<[{ plan: string }]>('SELECT plan FROM environments WHERE id = $1', [
        environment.id,
      ]);
      expect(row.plan).toBe('basic');
    });

    it('refuses a member without a role with 400 listing the roles, and adds no membership', async () => {
      const { organisations, users, call } = await directory({ organisations: 1, users: [{}] });
      const answer = await call('PUT', `/organisations/${organisations[0]!.id}/members/${users[1]!.id}`, {});
      expect(answer.status).toBe(400);
      expect(answer.body.message).toBe('role must be one of: administrator, member');
      expect(
        await count('SELECT count(*)::int AS n FROM organisation_memberships WHERE organisation_id = $1', [
          organisations[0]!.id,
        ]),
      ).toBe(0);
    });
  });
});
