import type { DataSource } from 'typeorm';
import { openTestDatabase } from '../support/database';
import { newEnvironment } from '../support/directory';
import { eventually } from '../support/eventually';
import { newRecoveryRequest } from '../support/factories';
import { bearer, requestJson } from '../support/http-client';
import { caseReaches, codeFrom, decide, requesterAction, staffPost } from '../support/recovery-flow';
import { submitAndOpenMail, type CaseLink } from '../support/requester';
import { newStaff, signIn } from '../support/staff';
import { startTestService, type TestService } from '../support/test-service';

describe('review, cooling-off and objections', () => {
  let service: TestService;
  let db: DataSource;
  let agentToken: string;
  let secondAgentToken: string;
  let manager: { email: string };

  beforeAll(async () => {
    service = await startTestService({
      RECOVERY_COOLING_OFF: 'PT3S',
      REVIEW_SLA: 'PT2S',
      // Always working time, so that the SLA runs out in seconds whatever the day.
      REVIEW_WORKING_DAYS: '1-7',
      REVIEW_WORKING_HOURS: '00:00-24:00',
    });
    db = await openTestDatabase();
    agentToken = await signIn(service.baseUrl, await newStaff(db, { role: 'agent' }));
    secondAgentToken = await signIn(service.baseUrl, await newStaff(db, { role: 'agent' }));
    manager = await newStaff(db, { role: 'manager' });
  });

  afterAll(async () => {
    await db.destroy();
    await service.close();
  });

  /** A case verified by the email method, waiting for review. */
  async function caseInReview(): Promise<{ link: CaseLink; environmentId: string; userEmail: string }> {
    const { environment, organisations, users } = await newEnvironment(db, {
      organisations: 1,
      users: [{ role: 'administrator', status: 'deactivated' }, { role: 'user' }],
    });
    const link = await submitAndOpenMail(
      service,
      newRecoveryRequest({ method: 'email', kvkNumber: organisations[0]?.kvkNumber }),
    );
    expect((await requesterAction(service, link, 'confirm')).status).toBe(200);
    const mail = await service.mail.waitForMail(
      (m) => m.subject.includes(link.reference) && m.to.includes(environment.contactEmail),
    );
    expect((await requesterAction(service, link, 'email-code', { code: codeFrom(mail) })).status).toBe(200);
    return { link, environmentId: environment.id, userEmail: users[1]?.email ?? '' };
  }

  it('lets exactly one of two agents deciding at once win, and appoints once', async () => {
    const { link, environmentId } = await caseInReview();
    const answers = await Promise.all([
      decide(service, agentToken, link.reference, { decision: 'approve' }),
      decide(service, secondAgentToken, link.reference, {
        decision: 'reject',
        reason: 'The extract is not recent.',
      }),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    // The winner is read from the answers, not from the database: what the agents were told must be stored.
    const [approval, rejection] = answers;
    const approveWon = approval.status === 200;
    const [winner, loser] = approveWon ? [approval, rejection] : [rejection, approval];
    expect(winner.body.status).toBe(approveWon ? 'cooling_off' : 'rejected');
    expect(loser.body.message).toMatch(
      approveWon
        ? /^(Another action on this case is being handled right now|This case does not wait for a decision \(the case is cooling off\))\./
        : /^(Another action on this case is being handled right now|This case does not wait for a decision \(the case is rejected\))\./,
    );

    if (approveWon) await caseReaches(service, link, 'completed');
    const decisions = await db.query<{ type: string }[]>(
      `SELECT e.type FROM case_events e JOIN recovery_cases c ON c.id = e.case_id
        WHERE c.reference = $1 AND e.type IN ('case_approved', 'case_rejected', 'administrator_appointed')
        ORDER BY e.id`,
      [link.reference],
    );
    expect(decisions.map((d) => d.type)).toEqual(
      approveWon ? ['case_approved', 'administrator_appointed'] : ['case_rejected'],
    );
    const administrators = await db.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM users WHERE environment_id = $1 AND role = 'administrator' AND status <> 'deactivated'`,
      [environmentId],
    );
    expect(administrators[0]?.n).toBe(approveWon ? 1 : 0);
  });

  it('sends the case back to review, flagged, when someone of the environment objects', async () => {
    const { link, userEmail } = await caseInReview();
    const approved = await decide(service, agentToken, link.reference, { decision: 'approve' });
    expect(approved.body.status).toBe('cooling_off');
    const notice = await service.mail.waitForMail(
      (m) => m.to.includes(userEmail) && m.text.includes('/objections/'),
    );
    const token = /\/objections\/([A-Za-z0-9_-]+)/.exec(notice.text)?.[1] ?? '';

    // The link tells what it is about: what the notice said, nothing more.
    const about = await requestJson(service.baseUrl, 'GET', `/api/objections/${token}`);
    expect(about.status).toBe(200);
    expect(Object.keys(about.body).sort()).toEqual([
      'appointAt',
      'environmentName',
      'language',
      'requesterEmail',
      'requesterName',
    ]);
    expect(about.body.language).toBe('en');
    expect(Date.parse(String(about.body.appointAt))).toBeGreaterThan(Date.now());

    const noReason = await requestJson(service.baseUrl, 'POST', `/api/objections/${token}`, { body: {} });
    expect(noReason.status).toBe(400);
    const objected = await requestJson(service.baseUrl, 'POST', `/api/objections/${token}`, {
      body: { reason: 'Our administrator is on holiday, not gone.' },
    });
    expect(objected.status).toBe(202);
    const status = await caseReaches(service, link, 'awaiting_review');
    expect(status.events.map((e) => e.type)).toContain('objection_raised');
    const [row] = await db.query<{ flagged: boolean }[]>(
      `SELECT flagged FROM recovery_cases WHERE reference = $1`,
      [link.reference],
    );
    expect(row?.flagged).toBe(true);
    await service.mail.waitForMail(
      (m) => m.subject.includes(link.reference) && /back with a support agent/i.test(m.subject),
    );

    // The link works once, and the cooling-off it was about is over.
    const again = await requestJson(service.baseUrl, 'POST', `/api/objections/${token}`, {
      body: { reason: 'Twice.' },
    });
    expect(again.status).toBe(404);
    const forged = await requestJson(service.baseUrl, 'POST', `/api/objections/${'x'.repeat(43)}`, {
      body: { reason: 'Who knows.' },
    });
    expect(forged.status).toBe(404);
    for (const link of [token, 'x'.repeat(43), 'short']) {
      const used = await requestJson(service.baseUrl, 'GET', `/api/objections/${link}`);
      expect([link, used.status, used.body.message]).toEqual([link, 404, again.body.message]);
    }
  });

  it('marks a case overdue after the review SLA and mails the managers once', async () => {
    const { link } = await caseInReview();
    const reminder = await service.mail.waitForMail(
      (m) => m.to.includes(manager.email) && m.text.includes(link.reference),
      15_000,
    );
    expect(reminder.subject).toMatch(/overdue|waiting|review/i);
    await eventually(async () => {
      const [row] = await db.query<{ overdue: boolean }[]>(
        `SELECT overdue FROM recovery_cases WHERE reference = $1`,
        [link.reference],
      );
      expect(row?.overdue).toBe(true);
    });
    const managerMails = () =>
      service.mail.mails.filter((m) => m.to.includes(manager.email) && m.text.includes(link.reference));
    expect(managerMails()).toHaveLength(1);
    // An overdue case still takes a decision.
    const rejected = await decide(service, agentToken, link.reference, {
      decision: 'reject',
      reason: 'We could not verify you.',
    });
    expect(rejected.status).toBe(200);
    expect(rejected.body.status).toBe('rejected');
    // Counted again once the mail the rejection sends has arrived: a late second reminder would be in by now.
    await service.mail.waitForMail((m) => m.subject.includes(`${link.reference} was not approved`));
    expect(managerMails()).toHaveLength(1);
  });

  it('refuses decisions on a case that does not wait for one, and bad decisions', async () => {
    const { reference } = await submitAndOpenMail(service, newRecoveryRequest());
    const decideOn = (body: Record<string, unknown>) => decide(service, agentToken, reference, body);
    expect((await decideOn({ decision: 'approve' })).status).toBe(409);
    expect((await decideOn({ decision: 'reject' })).status).toBe(400);
    expect((await decideOn({ decision: 'maybe' })).status).toBe(400);
    expect((await decideOn({ decision: 'approve', extra: 1 })).status).toBe(400);
    expect((await decide(service, agentToken, 'RC-0000-0000', { decision: 'approve' })).status).toBe(404);
  });

  it('refuses to approve with organisations of another environment, and keeps the case in review', async () => {
    const { link } = await caseInReview();
    const other = await newEnvironment(db, { organisations: 1 });
    const decideOn = (body: Record<string, unknown>) => decide(service, agentToken, link.reference, body);
    const foreign = await decideOn({ decision: 'approve', organisationIds: [other.organisations[0]?.id] });
    expect(foreign.status).toBe(400);
    expect(foreign.body.message).toMatch(/not of the case's environment/);
    expect((await decideOn({ decision: 'approve', organisationIds: ['x'] })).status).toBe(400);
    expect((await caseReaches(service, link, 'awaiting_review')).status).toBe('awaiting_review');
    expect((await decideOn({ decision: 'approve', organisationIds: [] })).status).toBe(200);
  });

  it('refuses a rejection of a case that does not wait for one, and keeps no reason of it', async () => {
    const link = await submitAndOpenMail(service, newRecoveryRequest());
    const refused = await decide(service, agentToken, link.reference, {
      decision: 'reject',
      reason: 'Too early to say.',
    });
    expect(refused.status).toBe(409);
    expect(refused.body.message).toMatch(/does not wait for a decision/);
    const notes = await db.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM case_notes n JOIN recovery_cases c ON c.id = n.case_id WHERE c.reference = $1`,
      [link.reference],
    );
    expect(notes[0]?.n).toBe(0);
  });

  it('refuses a link to an environment that does not exist, and a second link', async () => {
    const link = await submitAndOpenMail(service, newRecoveryRequest({ kvkNumber: undefined }));
    const path = `/api/cases/${link.reference}/environment`;
    expect((await staffPost(service, agentToken, path, { environmentId: 'not-an-id' })).status).toBe(400);
    const unknown = await staffPost(service, agentToken, path, {
      environmentId: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toMatch(/No environment has this id/);
    const { environment } = await newEnvironment(db);
    expect((await staffPost(service, agentToken, path, { environmentId: environment.id })).status).toBe(200);
    expect((await staffPost(service, agentToken, path, { environmentId: environment.id })).status).toBe(409);
  });

  it('lets only signed-in staff decide or link', async () => {
    const link = await submitAndOpenMail(service, newRecoveryRequest());
    for (const path of [
      `/api/cases/${link.reference}/decision`,
      `/api/cases/${link.reference}/environment`,
    ]) {
      const anonymous = await requestJson(service.baseUrl, 'POST', path, { body: { decision: 'approve' } });
      expect(anonymous.status).toBe(401);
      const requester = await requestJson(service.baseUrl, 'POST', path, {
        body: { decision: 'approve' },
        headers: bearer(link.token),
      });
      expect(requester.status).toBe(401);
    }
  });
});
