import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { DataSource } from 'typeorm';
import type { CaseEntity } from '@app/persistence';
import { addCaseDocument, addCaseEvent, newCase, setCreatedAt } from '../support/cases';
import { openScratchDatabase, openTestDatabase } from '../support/database';
import { newEnvironment, platformToken } from '../support/directory';
import { bearer, requestJson } from '../support/http-client';
import { newStaff, signIn, staffCookie } from '../support/staff';
import { testConfig } from '../support/test-config';
import { startApi } from '../support/test-service';

interface CaseList {
  items: { reference: string; status: string; environment: unknown; ageMs: number; createdAt: string }[];
  nextCursor: string | null;
  message?: string;
}

describe('The staff read API for cases', () => {
  const config = testConfig();
  let api: NestFastifyApplication;
  let baseUrl: string;
  let db: DataSource;
  let agent: Record<string, string>;
  let manager: Record<string, string>;

  beforeAll(async () => {
    [{ api, baseUrl }, db] = await Promise.all([startApi(config), openTestDatabase()]);
    const [agentStaff, managerStaff] = await Promise.all([
      newStaff(db, { role: 'agent' }),
      newStaff(db, { role: 'manager' }),
    ]);
    agent = bearer(await signIn(baseUrl, agentStaff));
    manager = staffCookie(await signIn(baseUrl, managerStaff));
  });

  afterAll(async () => {
    await api.close();
    await db.destroy();
  });

  const get = <T = Record<string, unknown>>(path: string, headers: Record<string, string> = agent) =>
    requestJson<T & { message?: string }>(baseUrl, 'GET', path, { headers });

  /** A word no other test's company has: the queue is searched by it, so other data never counts. */
  const marker = () => `Marker${randomUUID().replace(/-/g, '').slice(0, 10)}`;
  const referencesOf = (list: CaseList) => list.items.map((item) => item.reference);

  describe('who may call', () => {
    let reference: string;

    beforeAll(async () => {
      const kase = await newCase(db);
      await addCaseDocument(db, kase.id, { sequence: 1 });
      reference = kase.reference;
    });

    const routes = (): { path: string; level: 'agent' | 'manager' }[] => [
      { path: '/api/cases', level: 'agent' },
      { path: `/api/cases/${reference}`, level: 'agent' },
      { path: `/api/cases/${reference}/document`, level: 'agent' },
      { path: '/api/dashboard', level: 'manager' },
      { path: '/api/environments/at-risk', level: 'manager' },
    ];

    it('refuses every staff route without a session (401)', async () => {
      for (const { path } of routes()) {
        expect({ path, status: (await get(path, {})).status }).toEqual({ path, status: 401 });
      }
    });

    it('refuses every staff route with an expired session (401)', async () => {
      const staff = await newStaff(db, { role: 'manager' });
      const token = await signIn(baseUrl, staff);
      await db.query(
        `UPDATE staff_sessions SET expires_at = now() - interval '1 second' WHERE staff_id = $1`,
        [staff.id],
      );
      for (const { path } of routes()) {
        const answer = await get(path, bearer(token));
        expect({ path, status: answer.status, message: answer.body.message }).toEqual({
          path,
          status: 401,
          message: 'Your session has expired. Sign in to the console again.',
        });
      }
    });

    // The document route answers a PDF, not JSON: only the status is read.
    const statusOf = async (path: string, headers: Record<string, string>) =>
      (await fetch(`${baseUrl}${path}`, { headers })).status;

    it('lets agents use the agent routes and refuses them the manager routes (403)', async () => {
      for (const { path, level } of routes()) {
        if (level === 'agent') {
          expect({ path, status: await statusOf(path, agent) }).toEqual({ path, status: 200 });
        } else {
          expect(await get(path, agent)).toMatchObject({
            status: 403,
            body: { message: 'Only a manager may do this.' },
          });
        }
      }
    });

    it('lets managers use every route', async () => {
      for (const { path } of routes()) {
        expect({ path, status: await statusOf(path, manager) }).toEqual({ path, status: 200 });
      }
    });
  });

  describe('GET /api/cases', () => {
    it('lists newest first, with the summary of each case', async () => {
      const word = marker();
      const { environment } = await newEnvironment(db);
      const older = await newCase(db, {
        companyName: `${word} Older B.V.`,
        createdAt: new Date(Date.now() - 3_600_000),
      });
      const newer = await newCase(db, { companyName: `${word} Newer B.V.`, environmentId: environment.id });

      const answer = await get<CaseList>(`/api/cases?q=${word}`);
      expect(answer.status).toBe(200);
      expect(referencesOf(answer.body)).toEqual([newer.reference, older.reference]);
      expect(answer.body.nextCursor).toBeNull();
      expect(answer.body.items[0]).toEqual({
        reference: newer.reference,
        status: 'awaiting_review',
        method: 'chamber_extract',
        requesterName: newer.requesterName,
        requesterEmail: newer.requesterEmail,
        companyName: newer.companyName,
        kvkNumber: newer.kvkNumber,
        environment: { id: environment.id, reference: environment.reference, name: environment.name },
        overdue: false,
        flagged: false,
        createdAt: newer.createdAt.toISOString(),
        updatedAt: newer.updatedAt.toISOString(),
        ageMs: expect.any(Number) as number,
      });
      expect(answer.body.items[1]?.environment).toBeNull();
      expect(answer.body.items[1]?.ageMs).toBeGreaterThanOrEqual(3_600_000);
      expect(answer.body.items[1]?.ageMs).toBeLessThan(3_600_000 + 60_000);
    });

    it('filters by one state or several, by overdue and by method', async () => {
      const word = marker();
      const review = await newCase(db, {
        companyName: `${word} A`,
        status: 'awaiting_review',
        overdue: true,
      });
      const cooling = await newCase(db, { companyName: `${word} B`, status: 'cooling_off', method: 'email' });
      const done = await newCase(db, { companyName: `${word} C`, status: 'completed', method: 'email' });
      const list = async (filter: string) =>
        referencesOf((await get<CaseList>(`/api/cases?q=${word}&${filter}`)).body);

      expect(await list('status=cooling_off')).toEqual([cooling.reference]);
      expect(await list('status=awaiting_review,completed')).toEqual([done.reference, review.reference]);
      expect(await list('status=awaiting_review&status=cooling_off')).toEqual([
        cooling.reference,
        review.reference,
      ]);
      expect(await list('overdue=true')).toEqual([review.reference]);
      expect(await list('overdue=false')).toEqual([done.reference, cooling.reference]);
      expect(await list('method=email')).toEqual([done.reference, cooling.reference]);
      expect(await list('method=email&status=completed')).toEqual([done.reference]);
    });

    it('finds a case by its reference, as people type it', async () => {
      const kase = await newCase(db);
      const answer = await get<CaseList>(
        `/api/cases?q=${encodeURIComponent(` ${kase.reference.toLowerCase()} `)}`,
      );
      expect(referencesOf(answer.body)).toEqual([kase.reference]);
    });

    it("finds a case by the requester's email address, whatever its case", async () => {
      const kase = await newCase(db);
      const answer = await get<CaseList>(
        `/api/cases?q=${encodeURIComponent(kase.requesterEmail.toUpperCase())}`,
      );
      expect(referencesOf(answer.body)).toEqual([kase.reference]);
    });

    it('finds a case by its exact KvK number, written with spaces too', async () => {
      const kase = await newCase(db);
      const spaced = `${kase.kvkNumber?.slice(0, 4)} ${kase.kvkNumber?.slice(4)}`;
      expect(referencesOf((await get<CaseList>(`/api/cases?q=${kase.kvkNumber}`)).body)).toEqual([
        kase.reference,
      ]);
      expect(referencesOf((await get<CaseList>(`/api/cases?q=${encodeURIComponent(spaced)}`)).body)).toEqual([
        kase.reference,
      ]);
    });

    it('finds a case by part of the company name, whatever its case, taking % and _ literally', async () => {
      const word = marker();
      const percent = await newCase(db, { companyName: `Bakkerij ${word} 100% B.V.` });
      await newCase(db, { companyName: `Bakkerij ${word} 1000 B.V.` });
      const answer = await get<CaseList>(`/api/cases?q=${encodeURIComponent(`${word.toLowerCase()} 100%`)}`);
      expect(referencesOf(answer.body)).toEqual([percent.reference]);
      expect((await get<CaseList>(`/api/cases?q=${word}_`)).body.items).toEqual([]);
    });

    it('pages by cursor across equal creation times, without duplicates or gaps', async () => {
      const word = marker();
      const cases: CaseEntity[] = [];
      for (let i = 0; i < 7; i += 1) cases.push(await newCase(db, { companyName: `${word} ${i}` }));
      // Three at the very same instant, two a microsecond apart (the same millisecond for JavaScript).
      const times = [
        '2026-01-05T10:00:00.000001Z',
        '2026-01-05T10:00:00.000001Z',
        '2026-01-05T10:00:00.000001Z',
        '2026-01-05T10:00:00.000002Z',
        '2026-01-05T10:00:00.000003Z',
        '2026-01-04T09:00:00Z',
        '2026-01-06T09:00:00Z',
      ];
      for (const [i, kase] of cases.entries()) await setCreatedAt(db, kase.id, times[i] ?? '');
      const expected = (
        await db.query<{ reference: string }[]>(
          `SELECT reference FROM recovery_cases WHERE company_name LIKE $1 ORDER BY created_at DESC, id DESC`,
          [`${word} %`],
        )
      ).map((row) => row.reference);

      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const query: string = `/api/cases?q=${word}&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
        const page = await get<CaseList>(query);
        expect(page.status).toBe(200);
        expect(page.body.items.length).toBeLessThanOrEqual(2);
        seen.push(...referencesOf(page.body));
        cursor = page.body.nextCursor;
        pages += 1;
      } while (cursor !== null && pages < 10);

      expect(seen).toEqual(expected);
      expect(seen).toHaveLength(7);
      expect(pages).toBe(4);
    });

    it('gives 25 by default and no cursor after the last page', async () => {
      const word = marker();
      for (let i = 0; i < 26; i += 1) await newCase(db, { companyName: `${word} ${i}` });
      const first = await get<CaseList>(`/api/cases?q=${word}`);
      expect(first.body.items).toHaveLength(25);
      expect(first.body.nextCursor).toEqual(expect.any(String));
      const second = await get<CaseList>(`/api/cases?q=${word}&cursor=${first.body.nextCursor ?? ''}`);
      expect(second.body.items).toHaveLength(1);
      expect(second.body.nextCursor).toBeNull();
    });

    it.each([
      ['status=lost', 'status must be one or more of'],
      ['status=awaiting_review,lost', 'status must be one or more of'],
      ['overdue=maybe', 'overdue must be true or false'],
      ['method=fax', 'method must be one of: email, chamber_extract'],
      ['limit=0', 'limit must be a whole number from 1 to 100'],
      ['limit=101', 'limit must be a whole number from 1 to 100'],
      ['limit=ten', 'limit must be a whole number from 1 to 100'],
      ['cursor=bm9uc2Vuc2U', 'cursor is not one this API gave out'],
      ['cursor=%27%20OR%201%3D1', 'cursor is not one this API gave out'],
      ['sort=created_at', 'property sort should not exist'],
    ])('refuses %s with 400 and says why', async (filter, message) => {
      const answer = await get(`/api/cases?${filter}`);
      expect(answer.status).toBe(400);
      expect(answer.body.message).toContain(message);
    });
  });

  describe('GET /api/cases/:reference', () => {
    it('shows the case, the latest findings, the documents, the trail and the environment as it is now', async () => {
      const { environment, organisations, users } = await newEnvironment(db, {
        organisations: 2,
        users: [
          { role: 'administrator', status: 'deactivated', organisations: { 0: 'administrator' } },
          { organisations: { 1: 'member' } },
        ],
      });
      const reviewDueAt = new Date(Date.now() + 3_600_000);
      const kase = await newCase(db, {
        requesterPhone: '+31 6 12345678',
        environmentReference: environment.reference,
        formerAdminEmail: users[0]!.email,
        message: 'Our administrator left.',
        environmentId: environment.id,
        matchKind: 'kvk_number',
        matchedOrganisationIds: [organisations[0]!.id],
        reviewDueAt,
        flagged: true,
      });
      await addCaseEvent(db, kase.id, { type: 'case_submitted', actorType: 'requester' });
      await addCaseEvent(db, kase.id, {
        type: 'environment_linked',
        actorType: 'agent',
        actorId: 'agent-1',
        details: { environmentId: environment.id },
      });
      await addCaseDocument(db, kase.id, {
        sequence: 1,
        status: 'refused',
        refusalMessage: 'Not an extract.',
      });
      const findings = { kvkNumber: organisations[0]!.kvkNumber, kvkNumberMatches: true, warnings: [] };
      await addCaseDocument(db, kase.id, { sequence: 2, findings, pageCount: 3 });
      await addCaseDocument(db, kase.id, { sequence: 3, status: 'received' });

      const answer = await get(`/api/cases/${kase.reference.toLowerCase()}`);
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({
        reference: kase.reference,
        status: 'awaiting_review',
        method: 'chamber_extract',
        matchKind: 'kvk_number',
        overdue: false,
        flagged: true,
        reviewDueAt: reviewDueAt.toISOString(),
        appointAt: null,
        submitted: {
          requesterName: kase.requesterName,
          requesterEmail: kase.requesterEmail,
          requesterPhone: '+31 6 12345678',
          companyName: kase.companyName,
          kvkNumber: kase.kvkNumber,
          environmentReference: environment.reference,
          formerAdminEmail: users[0]!.email,
          message: 'Our administrator left.',
        },
        findings,
        events: [
          { type: 'case_submitted', actorType: 'requester', actorId: null, details: {} },
          {
            type: 'environment_linked',
            actorType: 'agent',
            actorId: 'agent-1',
            details: { environmentId: environment.id },
          },
        ],
        environment: {
          id: environment.id,
          reference: environment.reference,
          name: environment.name,
          contactEmail: environment.contactEmail,
          plan: 'basic',
          activeAdministrators: 0,
          administratorAdvice: expect.stringContaining('no active administrator') as string,
          administrators: [{ id: users[0]!.id, role: 'administrator', status: 'deactivated' }],
          organisations: expect.arrayContaining([
            expect.objectContaining({ id: organisations[0]!.id, matched: true }),
            expect.objectContaining({ id: organisations[1]!.id, matched: false }),
          ]) as unknown,
        },
      });
      const documents = answer.body.documents as Record<string, unknown>[];
      expect(documents.map((d) => [d.sequence, d.status, d.refusalMessage])).toEqual([
        [1, 'refused', 'Not an extract.'],
        [2, 'analysed', null],
        [3, 'received', null],
      ]);
      expect(documents[1]).toEqual({
        id: expect.any(String) as string,
        sequence: 2,
        status: 'analysed',
        byteSize: expect.any(Number) as number,
        pageCount: 3,
        refusalMessage: null,
        uploadedAt: expect.any(String) as string,
        analysedAt: expect.any(String) as string,
      });
      const environmentNow = answer.body.environment as { users: { id: string; organisations: unknown[] }[] };
      expect(environmentNow.users.map((user) => user.id).sort()).toEqual(users.map((user) => user.id).sort());

      // The environment as it is now: a change in the directory shows at once.
      await db.query(`UPDATE users SET role = 'administrator' WHERE id = $1`, [users[1]!.id]);
      const again = await get<{ environment: { activeAdministrators: number; administrators: unknown[] } }>(
        `/api/cases/${kase.reference}`,
      );
      expect(again.body.environment.activeAdministrators).toBe(1);
      expect(again.body.environment.administrators).toHaveLength(2);
    });

    it('reads findings stored before a field existed with the values that claim least, and judges them', async () => {
      const kase = await newCase(db);
      // A row written by an older version (or by hand): no company name, date, officers or authority, and
      // a warning of a code the API does not describe.
      await addCaseDocument(db, kase.id, {
        sequence: 1,
        findings: {
          kvkNumber: kase.kvkNumber,
          kvkNumberMatches: false,
          requesterIsOfficer: true,
          warnings: [
            { code: 'kvk_number_not_in_environment', message: 'Not of this environment.' },
            { code: 'not_sealed', message: 'No seal.' },
            { code: 'retired_code', message: 'Not one the API describes.' },
          ],
        },
      });

      const answer = await get(`/api/cases/${kase.reference}`);
      expect(answer.status).toBe(200);
      expect(answer.body.findings).toEqual({
        kvkNumber: kase.kvkNumber,
        kvkNumberMatches: false,
        matchedOrganisationIds: [],
        companyName: null,
        companyNameMatches: 'unknown',
        companyNameSimilarity: null,
        extractDate: null,
        extractRecent: null,
        officers: [],
        requesterIsOfficer: true,
        requesterOfficerAuthority: 'not_determined',
        warnings: [
          { code: 'kvk_number_not_in_environment', message: 'Not of this environment.' },
          { code: 'not_sealed', message: 'No seal.' },
        ],
      });
      expect(answer.body.findingChecks).toEqual([
        { check: 'kvk_number', title: 'KvK number', colour: 'red', reason: 'Not of this environment.' },
        {
          check: 'company_name',
          title: 'Company name',
          colour: 'amber',
          reason: 'No company name was found on the extract.',
        },
        {
          check: 'extract_date',
          title: 'Date of the extract',
          colour: 'amber',
          reason: 'The date of the extract could not be read.',
        },
        {
          check: 'requester_officer',
          title: 'Requester on the extract',
          colour: 'amber',
          reason: 'The requester is among the officers, but not known to represent the company alone.',
        },
        { check: 'document', title: 'The PDF itself', colour: 'amber', reason: 'No seal.' },
      ]);
    });

    it.each([
      ['an array', '["kvk_number_missing"]'],
      ['a string', '"findings"'],
      ['JSON null', 'null'],
    ])('cannot store findings that are %s', async (_label, json) => {
      const kase = await newCase(db);
      const { id } = await addCaseDocument(db, kase.id, { sequence: 1, findings: { warnings: [] } });
      await expect(
        db.query(`UPDATE case_documents SET findings = $2::jsonb WHERE id = $1`, [id, json]),
      ).rejects.toThrow(/ck_case_documents_findings_object/);
    });

    it('shows no environment and no findings for an unmatched case without an analysed extract', async () => {
      const kase = await newCase(db, { method: 'email', status: 'awaiting_confirmation' });
      const answer = await get(`/api/cases/${kase.reference}`);
      expect(answer).toMatchObject({
        status: 200,
        body: {
          environment: null,
          findings: null,
          findingChecks: [],
          documents: [],
          events: [],
          matchKind: null,
        },
      });
    });

    it.each([
      ['an unknown reference', 'RC-ZZZZ-ZZZZ'],
      ['something that is no reference', 'not-a-reference'],
    ])('answers 404 for %s', async (_label, reference) => {
      expect(await get(`/api/cases/${reference}`)).toMatchObject({
        status: 404,
        body: { message: 'There is no case with this reference.' },
      });
    });
  });

  describe('GET /api/cases/:reference/document', () => {
    it('sends the most recent PDF inline, under a name of its own, never sniffed or cached', async () => {
      const kase = await newCase(db);
      await addCaseDocument(db, kase.id, { sequence: 1 });
      const latest = await addCaseDocument(db, kase.id, { sequence: 2 });

      const response = await fetch(`${baseUrl}/api/cases/${kase.reference}/document`, { headers: agent });
      expect(response.status).toBe(200);
      expect(Buffer.from(await response.arrayBuffer()).equals(latest.content)).toBe(true);
      expect(response.headers.get('content-type')).toBe('application/pdf');
      expect(response.headers.get('content-disposition')).toBe(`inline; filename="${kase.reference}-2.pdf"`);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('cache-control')).toBe('no-store');
    });

    it('sends an earlier upload when asked by its number', async () => {
      const kase = await newCase(db);
      const first = await addCaseDocument(db, kase.id, { sequence: 1, status: 'refused' });
      await addCaseDocument(db, kase.id, { sequence: 2 });
      const response = await fetch(`${baseUrl}/api/cases/${kase.reference}/document?sequence=1`, {
        headers: agent,
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-disposition')).toBe(`inline; filename="${kase.reference}-1.pdf"`);
      expect(Buffer.from(await response.arrayBuffer()).equals(first.content)).toBe(true);
    });

    it('answers 404 when there is no document, or not that one, and 400 for a number that is none', async () => {
      const kase = await newCase(db);
      expect(await get(`/api/cases/${kase.reference}/document`)).toMatchObject({
        status: 404,
        body: { message: 'This case has no uploaded document.' },
      });
      await addCaseDocument(db, kase.id, { sequence: 1 });
      expect(await get(`/api/cases/${kase.reference}/document?sequence=2`)).toMatchObject({
        status: 404,
        body: { message: 'This case has no document number 2.' },
      });
      expect((await get(`/api/cases/${kase.reference}/document?sequence=first`)).status).toBe(400);
      expect((await get('/api/cases/RC-ZZZZ-ZZZZ/document')).status).toBe(404);
    });
  });

  describe('GET /api/dashboard', () => {
    interface Dashboard {
      openByStatus: Record<string, number>;
      needsAttention: number;
      overdue: number;
      oldestOpen: { reference: string; createdAt: string; ageMs: number } | null;
      medianCompletionMs: number | null;
      perWeek: { weekStart: string; opened: number; completed: number }[];
    }

    // A database and an api of their own: the figures count every case, so they are exact only where no
    // other test (or a workflow left running by one) writes cases.
    let scratch: Awaited<ReturnType<typeof openScratchDatabase>>;
    let dashboardApi: NestFastifyApplication;
    let dashboard: () => Promise<Dashboard>;

    beforeAll(async () => {
      scratch = await openScratchDatabase('econnect_dashboard');
      const started = await startApi(testConfig({ DATABASE_URL: scratch.url }));
      dashboardApi = started.api;
      const headers = staffCookie(
        await signIn(started.baseUrl, await newStaff(scratch.db, { role: 'manager' })),
      );
      dashboard = async () => {
        const answer = await requestJson<Dashboard>(started.baseUrl, 'GET', '/api/dashboard', { headers });
        expect(answer.status).toBe(200);
        return answer.body;
      };
    });

    afterAll(async () => {
      await dashboardApi.close();
      await scratch.drop();
    });

    it('counts open cases by state, overdue ones, and the opened and completed cases per week', async () => {
      const empty = await dashboard();
      expect(empty).toMatchObject({
        needsAttention: 0,
        overdue: 0,
        oldestOpen: null,
        medianCompletionMs: null,
      });
      expect(Object.values(empty.openByStatus).every((n) => n === 0)).toBe(true);

      const oldest = await newCase(scratch.db, { status: 'awaiting_review', overdue: true });
      await setCreatedAt(scratch.db, oldest.id, new Date(Date.now() - 3_600_000).toISOString());
      await newCase(scratch.db, { status: 'awaiting_review' });
      await newCase(scratch.db, { status: 'cooling_off' });
      const completed = await newCase(scratch.db, { status: 'completed', closedAt: new Date() });
      await setCreatedAt(scratch.db, completed.id, new Date(Date.now() - 7_200_000).toISOString());
      await newCase(scratch.db, { status: 'rejected', closedAt: new Date(), overdue: true });
      const figures = await dashboard();

      expect(figures.openByStatus).toEqual({
        analysing_document: 0,
        appointing: 0,
        awaiting_confirmation: 0,
        awaiting_document: 0,
        awaiting_email_code: 0,
        awaiting_review: 2,
        cooling_off: 1,
        needs_attention: 0,
      });
      // Overdue counts open cases only: the rejected one was overdue when it closed.
      expect(figures.overdue).toBe(1);
      expect(figures.perWeek).toHaveLength(12);
      // Summed over the weeks: a case made two hours ago may stand in last week on a Monday morning.
      const total = (key: 'opened' | 'completed') =>
        figures.perWeek.reduce((sum, week) => sum + week[key], 0);
      expect([total('opened'), total('completed')]).toEqual([5, 1]);
      // The one completed case took from its creation two hours ago until now.
      expect(figures.medianCompletionMs).toBeGreaterThanOrEqual(7_200_000 - 60_000);
      expect(figures.medianCompletionMs).toBeLessThanOrEqual(7_200_000 + 60_000);
      expect(figures.oldestOpen).toEqual({
        reference: oldest.reference,
        createdAt: expect.any(String) as string,
        ageMs: expect.any(Number) as number,
      });
      expect(figures.oldestOpen?.ageMs).toBeGreaterThanOrEqual(3_600_000);
    });

    it('gives twelve weeks, each starting on a Monday, a week apart, the current one last', async () => {
      const { perWeek } = await dashboard();
      const starts = perWeek.map((week) => new Date(`${week.weekStart}T00:00:00Z`));
      expect(starts.every((start) => start.getUTCDay() === 1)).toBe(true);
      for (let i = 1; i < starts.length; i += 1) {
        expect(starts[i]!.getTime() - starts[i - 1]!.getTime()).toBe(7 * 86_400_000);
      }
      expect(Date.now() - starts.at(-1)!.getTime()).toBeLessThan(8 * 86_400_000);
    });
  });

  describe('GET /api/environments/at-risk', () => {
    it('lists environments with fewer than two active administrators, with the advice', async () => {
      const orphaned = await newEnvironment(db, {
        users: [{ role: 'administrator', status: 'deactivated' }],
      });
      const safe = await newEnvironment(db, {
        users: [{ role: 'administrator' }, { role: 'administrator' }],
      });
      const answer = await get<{ environments: { id: string; activeAdministrators: number }[] }>(
        '/api/environments/at-risk',
        manager,
      );
      expect(answer.status).toBe(200);
      expect(answer.body.environments).toContainEqual({
        id: orphaned.environment.id,
        reference: orphaned.environment.reference,
        name: orphaned.environment.name,
        contactEmail: orphaned.environment.contactEmail,
        plan: 'basic',
        activeAdministrators: 0,
        administratorAdvice: expect.stringContaining('no active administrator') as string,
      });
      expect(answer.body.environments.map((environment) => environment.id)).not.toContain(
        safe.environment.id,
      );
    });

    it('is not taken for the platform route /api/environments/:id, which still works beside it', async () => {
      const { environment, users } = await newEnvironment(db, { users: [{ role: 'administrator' }] });
      const platform = bearer(platformToken(config.secrets.platformJwtSecret, users[0]!.id));
      // A platform token is no staff session: the staff guard answers, not the platform's 404.
      expect(await get('/api/environments/at-risk', platform)).toMatchObject({
        status: 401,
        body: { message: 'Your session is not valid. Sign in to the console again.' },
      });
      expect((await get(`/api/environments/${environment.id}`, platform)).status).toBe(200);
    });
  });
});
