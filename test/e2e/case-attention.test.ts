import {
  caseWithBrokenAppointment,
  staffCase,
  workflowStatus,
  type BrokenAppointment,
} from '../support/attention-case';
import { openScratchDatabase } from '../support/database';
import { newEnvironment, platformToken } from '../support/directory';
import { eventually } from '../support/eventually';
import { newRecoveryRequest } from '../support/factories';
import { bearer, requestJson } from '../support/http-client';
import { PageClient } from '../support/page-client';
import { caseReaches, staffPost } from '../support/recovery-flow';
import { submitAndOpenMail } from '../support/requester';
import { newStaff, signIn, type TestStaff } from '../support/staff';
import { startTestService, type TestService } from '../support/test-service';

// A few seconds of cooling-off: long enough to delete an approved organisation before the appointment.
const COOLING_OFF = 'PT3S';
// Intake, code, approval, the cooling-off and the failed appointment, then a repair.
const FLOW_TIMEOUT_MS = 90_000;

describe('a case that needs attention: support retries the step or closes the case', () => {
  // A database of its own: the managers mailed, and the dashboard's figures, are exactly this file's.
  let scratch: Awaited<ReturnType<typeof openScratchDatabase>>;
  let service: TestService;
  let agent: TestStaff;
  let agentToken: string;
  let managerToken: string;
  let managers: TestStaff[];

  beforeAll(async () => {
    scratch = await openScratchDatabase('econnect_attention');
    service = await startTestService({
      DATABASE_URL: scratch.url,
      RECOVERY_COOLING_OFF: COOLING_OFF,
      REVIEW_SLA: 'PT8H',
    });
    agent = await newStaff(scratch.db, { role: 'agent' });
    agentToken = await signIn(service.baseUrl, agent);
    managers = [
      await newStaff(scratch.db, { role: 'manager' }),
      await newStaff(scratch.db, { role: 'manager' }),
    ];
    await newStaff(scratch.db, { role: 'manager', active: false });
    managerToken = await signIn(service.baseUrl, managers[0]!);
  });

  afterAll(async () => {
    await service.close();
    await scratch.drop();
  });

  const broken = (): Promise<BrokenAppointment> => caseWithBrokenAppointment(service, scratch.db, agentToken);
  const retry = (token: string, reference: string, body: unknown = {}) =>
    staffPost(service, token, `/api/cases/${reference}/retry`, body);
  const close = (token: string, reference: string, body: unknown) =>
    staffPost(service, token, `/api/cases/${reference}/close`, body);
  const attentionMails = (reference: string) =>
    service.mail.mails.filter((m) => m.subject.startsWith(`Needs attention: case ${reference} `));
  const notesOf = async (caseId: string) =>
    (
      await scratch.db.query<{ kind: string; body: string }[]>(
        `SELECT kind, body FROM case_notes WHERE case_id = $1 ORDER BY created_at`,
        [caseId],
      )
    ).map((note) => `${note.kind}: ${note.body}`);
  const count = (events: { type: string }[], type: string) => events.filter((e) => e.type === type).length;

  it(
    'stops at a failed appointment and waits; a retry with organisations that exist appoints the requester',
    async () => {
      const { link, caseId, requesterEmail, directory } = await broken();
      const [gone, remaining] = directory.organisations;

      // The staff's view says which step failed, why and since when; the workflow waits, it did not fail.
      const waiting = await staffCase(service, agentToken, link.reference);
      expect(waiting).toMatchObject({
        status: 'needs_attention',
        approvedOrganisationIds: [gone!.id],
        attention: { step: 'appointAdministrator', reason: 'not_found', from: 'appointing' },
      });
      expect(Date.parse(waiting.attention!.since)).toBeGreaterThan(Date.now() - 60_000);
      expect(await workflowStatus(service, caseId)).toBe('RUNNING');
      // Told once: every active manager, and no one else, gets the mail once.
      const managersMailed = () =>
        attentionMails(link.reference)
          .flatMap((m) => m.to)
          .sort();
      const activeManagers = managers.map((m) => m.email.toLowerCase()).sort();
      await eventually(() => expect(managersMailed()).toEqual(activeManagers));
      expect(attentionMails(link.reference)[0]!.text).toContain('"appoint administrator"');

      // Refused without changing anything: nobody signed in, the requester's own link, ids that are none,
      // organisations of another environment.
      const path = `/api/cases/${link.reference}/retry`;
      expect((await requestJson(service.baseUrl, 'POST', path, { body: {} })).status).toBe(401);
      const byRequester = await requestJson(service.baseUrl, 'POST', path, {
        body: {},
        headers: bearer(link.token),
      });
      expect(byRequester.status).toBe(401);
      expect((await retry(agentToken, link.reference, { organisationIds: ['not-an-id'] })).status).toBe(400);
      const other = await newEnvironment(scratch.db, { organisations: 1 });
      const foreign = await retry(agentToken, link.reference, {
        organisationIds: [other.organisations[0]!.id],
      });
      expect(foreign.status).toBe(400);
      expect(foreign.body.message).toMatch(/not of the case's environment/);
      const still = await staffCase(service, agentToken, link.reference);
      expect(still.status).toBe('needs_attention');
      expect(count(still.events, 'step_retried')).toBe(0);

      // The agent chooses an organisation that exists: the appointment runs again and succeeds.
      const retried = await retry(agentToken, link.reference, { organisationIds: [remaining!.id] });
      expect(retried.status).toBe(200);
      expect(retried.body).toEqual({ reference: link.reference, status: 'appointing' });
      await caseReaches(service, link, 'completed');

      const done = await staffCase(service, agentToken, link.reference);
      expect(done.attention).toBeNull();
      expect(done.approvedOrganisationIds).toEqual([remaining!.id]);
      expect(
        ['attention_needed', 'step_retried', 'administrator_appointed'].map((type) =>
          count(done.events, type),
        ),
      ).toEqual([1, 1, 1]);
      const retriedEvent = done.events.find((e) => e.type === 'step_retried');
      expect(retriedEvent).toMatchObject({
        actorType: 'agent',
        actorId: agent.id,
        details: { to: 'appointing', organisationIds: [remaining!.id] },
      });
      const memberships = await scratch.db.query<{ organisation_id: string; role: string }[]>(
        `SELECT m.organisation_id, m.role FROM organisation_memberships m JOIN users u ON u.id = m.user_id
          WHERE u.environment_id = $1 AND lower(u.email) = lower($2)`,
        [directory.environment.id, requesterEmail],
      );
      expect(memberships).toEqual([{ organisation_id: remaining!.id, role: 'administrator' }]);
      await eventually(async () => expect(await workflowStatus(service, caseId)).toBe('COMPLETED'));
      // Still the one mail each: the repair tells the managers nothing new.
      expect(managersMailed()).toEqual(activeManagers);
    },
    FLOW_TIMEOUT_MS,
  );

  it(
    'closes a case that needs attention with a reason the requester is mailed, and ends the workflow',
    async () => {
      const { link, caseId, requesterEmail } = await broken();
      const platform = bearer(
        platformToken(
          service.config.secrets.platformJwtSecret,
          (
            await newEnvironment(scratch.db, {
              users: [{ role: 'administrator' }],
            })
          ).users[0]!.id,
        ),
      );
      const path = `/api/cases/${link.reference}/close`;
      const reason = 'The organisation you asked for no longer exists in this environment.';
      for (const headers of [{}, bearer(link.token), platform]) {
        expect((await requestJson(service.baseUrl, 'POST', path, { body: { reason }, headers })).status).toBe(
          401,
        );
      }
      // No reason, or one that is only spaces around a letter, is no reason.
      expect((await close(managerToken, link.reference, {})).status).toBe(400);
      const short = await close(managerToken, link.reference, { reason: '  a  ' });
      expect(short.status).toBe(400);
      expect(short.body.message).toMatch(/reason/);
      expect((await close(managerToken, link.reference, { reason: 'x'.repeat(2001) })).status).toBe(400);
      expect(await notesOf(caseId)).toEqual([]);
      expect((await staffCase(service, agentToken, link.reference)).status).toBe('needs_attention');

      // A manager may, as an agent may.
      const closed = await close(managerToken, link.reference, { reason: `  ${reason}  ` });
      expect(closed.status).toBe(200);
      expect(closed.body).toEqual({ reference: link.reference, status: 'closed' });
      const mail = await service.mail.waitForMail(
        (m) =>
          m.to.includes(requesterEmail.toLowerCase()) && m.subject.includes(`${link.reference} was closed`),
      );
      expect(mail.text).toContain(reason);
      await eventually(async () => expect(await workflowStatus(service, caseId)).toBe('COMPLETED'));
      const after = await staffCase(service, agentToken, link.reference);
      expect(after).toMatchObject({ status: 'closed', attention: null });
      expect(after.events.find((e) => e.type === 'case_closed')).toMatchObject({
        actorType: 'agent',
        actorId: managers[0]!.id,
      });
      // Stored trimmed, once.
      expect(await notesOf(caseId)).toEqual([`closure_reason: ${reason}`]);

      // Over: neither action is taken any more, and no second reason is kept.
      expect((await retry(agentToken, link.reference)).status).toBe(409);
      expect((await close(agentToken, link.reference, { reason: 'Closing it twice.' })).status).toBe(409);
      expect(await notesOf(caseId)).toEqual([`closure_reason: ${reason}`]);
    },
    FLOW_TIMEOUT_MS,
  );

  it('refuses both actions on a case that does not need attention, keeping no reason; 404 for no case', async () => {
    const link = await submitAndOpenMail(service, newRecoveryRequest());
    const retried = await retry(agentToken, link.reference);
    expect(retried.status).toBe(409);
    expect(retried.body.message).toMatch(/no failed step to retry/);
    const closed = await close(agentToken, link.reference, { reason: 'Nothing to close yet.' });
    expect(closed.status).toBe(409);
    expect(closed.body.message).toMatch(/cannot be closed by support now/);
    const [row] = await scratch.db.query<{ id: string }[]>(
      `SELECT id FROM recovery_cases WHERE reference = $1`,
      [link.reference],
    );
    expect(await notesOf(row!.id)).toEqual([]);
    expect((await staffCase(service, agentToken, link.reference)).attention).toBeNull();
    expect((await retry(agentToken, 'RC-0000-0000')).status).toBe(404);
    expect((await close(agentToken, 'RC-0000-0000', { reason: 'No such case.' })).status).toBe(404);
  });

  it('describes both routes in the OpenAPI document: who may call, the body, every answer', async () => {
    type Operation = { security?: unknown[]; responses: Record<string, unknown>; requestBody?: unknown };
    type Schema = { properties?: Record<string, Record<string, unknown>>; required?: string[] };
    const docs = await requestJson<{
      paths: Record<string, { post?: Operation }>;
      components: { schemas: Record<string, Schema> };
    }>(service.baseUrl, 'GET', '/api/docs/json');
    for (const action of ['retry', 'close']) {
      const operation = docs.body.paths[`/api/cases/{reference}/${action}`]?.post;
      expect(Object.keys(operation?.responses ?? {}).sort()).toEqual(['200', '400', '401', '404', '409']);
      expect(operation?.security).toEqual(
        expect.arrayContaining([{ 'staff-session': [] }, { 'staff-session-bearer': [] }]),
      );
      expect(JSON.stringify(operation?.requestBody)).toContain(
        action === 'retry' ? 'RetryStepDto' : 'CloseCaseDto',
      );
    }
    const { schemas } = docs.body.components;
    expect(schemas.CloseCaseDto?.required).toEqual(['reason']);
    expect(JSON.stringify(schemas.CaseDetailDto?.properties?.attention)).toContain('CaseAttentionDto');
    expect(Object.keys(schemas.CaseAttentionDto?.properties ?? {}).sort()).toEqual([
      'from',
      'reason',
      'since',
      'step',
    ]);
    expect(schemas.DashboardDto?.required).toContain('needsAttention');
  });

  describe('in the console', () => {
    const signedIn = (staff: TestStaff): Promise<PageClient> => PageClient.signedIn(service.baseUrl, staff);

    it(
      'shows the failed step on the case page and retries it with organisations chosen again',
      async () => {
        const { link, directory } = await broken();
        const [gone, remaining] = directory.organisations;
        const pages = await signedIn(agent);
        const casePath = `/console/cases/${link.reference}`;
        // As a person reads it: the page's line breaks are spaces.
        const page = (await (await pages.get(casePath)).text()).replace(/\s+/g, ' ');
        expect(page).toContain('Needs attention: the step “appoint administrator” failed');
        expect(page).toContain('Nothing happens to this case until someone acts.');
        expect(page).toContain('not found <span class="hint">(code not_found)</span>');
        expect(page).toContain(`action="${casePath}/retry"`);
        expect(page).toContain(`action="${casePath}/close"`);
        // The organisations of the environment as it is now, to choose again; the deleted one is named gone.
        expect(page).toContain(`value="${remaining!.id}"`);
        expect(page).not.toContain(`value="${gone!.id}"`);
        expect(page).toContain('One organisation of the approval no longer exists in the environment');
        const csrf = PageClient.hiddenField(page, '_csrf');

        // A form without its token, or a closure without a reason, changes nothing and says why.
        const expired = await pages.post(`${casePath}/retry`, { organisationsChosen: '1' });
        expect(expired.headers.get('location')).toBe(`${casePath}?outcome=attention_form_expired#main`);
        const noReason = await pages.post(`${casePath}/close`, { _csrf: csrf, reason: ' ' });
        expect(noReason.headers.get('location')).toBe(`${casePath}?outcome=closure_reason_missing#main`);
        const shown = await (await pages.get(`${casePath}?outcome=closure_reason_missing`)).text();
        expect(shown).toContain('id="field-reason-error"');
        expect((await staffCase(service, agentToken, link.reference)).status).toBe('needs_attention');

        const retried = await pages.post(`${casePath}/retry`, {
          _csrf: csrf,
          organisationsChosen: '1',
          organisationIds: [remaining!.id],
        });
        expect(retried.headers.get('location')).toBe(`${casePath}?outcome=step_retried#main`);
        await caseReaches(service, link, 'completed');
        const after = await (await pages.get(`${casePath}?outcome=step_retried`)).text();
        expect(after).toContain('The step runs again');
        expect(after).not.toContain('id="attention-title"');

        // Too late now: said plainly, with what happened instead.
        const late = await pages.post(`${casePath}/close`, { _csrf: csrf, reason: 'Closing it after all.' });
        expect(late.headers.get('location')).toBe(`${casePath}?outcome=attention_conflict#main`);
        const lateSaid = await (await pages.get(`${casePath}?outcome=attention_conflict`)).text();
        expect(lateSaid).toContain('Your action was not applied: the case no longer needs attention.');
        expect(lateSaid).toContain('It is now &quot;completed&quot;.');
      },
      FLOW_TIMEOUT_MS,
    );

    it(
      'closes a case from its page, and shows the cases that need attention in the list and on the dashboard',
      async () => {
        const { link, requesterEmail } = await broken();
        const pages = await signedIn(managers[1]!);

        // The list's filter offers the new states, and the case stands out in it.
        const list = await (await pages.get('/console/cases?status=needs_attention')).text();
        expect(list).toMatch(/<option value="needs_attention"\s+selected>needs attention<\/option>/);
        expect(list).toMatch(/<option value="closed"\s*>closed<\/option>/);
        expect(list).toContain(`href="/console/cases/${link.reference}"`);
        expect(list).toContain('<span class="badge badge--overdue">needs attention</span>');

        // The managers' dashboard counts them first, as a call to act, linking to that list.
        const [row] = await scratch.db.query<{ n: number }[]>(
          `SELECT count(*)::int AS n FROM recovery_cases WHERE status = 'needs_attention'`,
        );
        const n = row!.n;
        expect(n).toBeGreaterThan(0);
        const dashboard = await requestJson<{ needsAttention: number; openByStatus: Record<string, number> }>(
          service.baseUrl,
          'GET',
          '/api/dashboard',
          { headers: bearer(managerToken) },
        );
        expect(dashboard.body.needsAttention).toBe(n);
        expect(dashboard.body.openByStatus.needs_attention).toBe(n);
        const dashboardPage = await (await pages.get('/console/dashboard')).text();
        expect(dashboardPage).toContain(n === 1 ? '1 case needs' : `${n} cases need`);
        expect(dashboardPage).toContain('<dt>Needs attention</dt>');
        expect(dashboardPage).toContain(`<a href="/console/cases?status=needs_attention">${n}</a>`);

        const casePath = `/console/cases/${link.reference}`;
        const page = await (await pages.get(casePath)).text();
        const reason = 'We could not confirm who may act for the company; please send a new request.';
        const closed = await pages.post(`${casePath}/close`, {
          _csrf: PageClient.hiddenField(page, '_csrf'),
          reason,
        });
        expect(closed.headers.get('location')).toBe(`${casePath}?outcome=case_closed#main`);
        expect((await staffCase(service, agentToken, link.reference)).status).toBe('closed');
        const mail = await service.mail.waitForMail(
          (m) =>
            m.to.includes(requesterEmail.toLowerCase()) && m.subject.includes(`${link.reference} was closed`),
        );
        expect(mail.text).toContain(reason);
        const after = await (await pages.get(`${casePath}?outcome=case_closed`)).text();
        expect(after).toContain('The case is closed. The requester was mailed your reason.');
      },
      FLOW_TIMEOUT_MS,
    );
  });
});
