import type { DataSource } from 'typeorm';
import { openScratchDatabase, openTestDatabase } from '../support/database';
import { newEnvironment } from '../support/directory';
import { eventually } from '../support/eventually';
import { newRecoveryRequest } from '../support/factories';
import { bearer, requestJson } from '../support/http-client';
import {
  caseReaches,
  caseVersionOf,
  codeFrom,
  decide,
  requesterAction,
  staffPost,
} from '../support/recovery-flow';
import { submitAndOpenMail, type AccessLink } from '../support/requester';
import { newStaff, signIn, type TestStaff } from '../support/staff';
import { startTestService, type TestService } from '../support/test-service';
import { objectionTokenIn } from '../../tools/mail-catcher/mail-contents';

describe('review, cooling-off and objections', () => {
  let service: TestService;
  let db: DataSource;
  let agentToken: string;

  beforeAll(async () => {
    // Long windows: no timer of this service fires while a test runs, so an action never meets a workflow
    // that is busy with a timer's step by chance. The tests of the timers have services of their own below.
    service = await startTestService({ RECOVERY_COOLING_OFF: 'PT1H', REVIEW_SLA: 'PT8H' });
    db = await openTestDatabase();
    agentToken = await signIn(service.baseUrl, await newStaff(db, { role: 'agent' }));
  });

  afterAll(async () => {
    await db.destroy();
    await service.close();
  });

  const caseInReview = () => emailCaseInReview(service, db);

  it('sends the case back to review, flagged, when someone of the environment objects', async () => {
    const { link, userEmail } = await caseInReview();
    // A second agent opens the case now, and decides only after the objection (below).
    const staleVersion = await caseVersionOf(service.baseUrl, agentToken, link.reference);
    const approved = await decide(service, agentToken, link.reference, { decision: 'approve' });
    expect(approved.body.status).toBe('cooling_off');
    const notice = await service.mail.waitForMail(
      (m) => m.to.includes(userEmail) && m.text.includes('/objections/'),
    );
    const token = objectionTokenIn(notice) ?? '';

    // The link tells what it is about: what the notice said, nothing more. It works at once; the
    // appointment time follows once every notice is out.
    const about = await eventually(async () => {
      const answer = await requestJson(service.baseUrl, 'GET', `/api/objections/${token}`);
      expect(answer.status).toBe(200);
      expect(answer.body.appointAt).toEqual(expect.any(String));
      return answer;
    });
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

    // The stale decision: made on the page opened before the approval and the objection, it is refused,
    // saying what changed; the case waits in review, flagged, and nothing is approved.
    const stale = await decide(service, agentToken, link.reference, {
      decision: 'approve',
      version: staleVersion,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.message).toBe(
      'This case changed after you opened it (case approved, cooling off started, objection raised, review started). Look at it again before you decide.',
    );
    const staleReject = await decide(service, agentToken, link.reference, {
      decision: 'reject',
      reason: 'Decided on an old page.',
      version: staleVersion,
    });
    expect(staleReject.status).toBe(409);
    expect((await caseReaches(service, link, 'awaiting_review')).events.map((e) => e.type)).not.toContain(
      'case_rejected',
    );
    const [reasons] = await db.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM case_notes n JOIN recovery_cases c ON c.id = n.case_id
        WHERE c.reference = $1 AND n.kind = 'rejection_reason'`,
      [link.reference],
    );
    expect(reasons?.n).toBe(0);

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

  it('refuses decisions on a case that does not wait for one, and bad decisions', async () => {
    const { reference } = await submitAndOpenMail(service, newRecoveryRequest());
    const decideOn = (body: Record<string, unknown>) => decide(service, agentToken, reference, body);
    expect((await decideOn({ decision: 'approve' })).status).toBe(409);
    expect((await decideOn({ decision: 'reject' })).status).toBe(400);
    expect((await decideOn({ decision: 'maybe' })).status).toBe(400);
    expect((await decideOn({ decision: 'approve', extra: 1 })).status).toBe(400);
    expect(
      (await decide(service, agentToken, 'RC-0000-0000', { decision: 'approve', version: '0' })).status,
    ).toBe(404);
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

  it('lets only signed-in staff decide or link, and a refused call changes nothing', async () => {
    const { link, environmentId } = await caseInReview();
    const before = await caseSnapshot(db, link.reference);
    const attempts = [
      { path: `/api/cases/${link.reference}/decision`, body: { decision: 'approve' } },
      { path: `/api/cases/${link.reference}/decision`, body: { decision: 'reject', reason: 'No.' } },
      { path: `/api/cases/${link.reference}/environment`, body: { environmentId } },
    ];
    for (const { path, body } of attempts) {
      const anonymous = await requestJson(service.baseUrl, 'POST', path, { body });
      const requester = await requestJson(service.baseUrl, 'POST', path, {
        body,
        headers: bearer(link.token),
      });
      expect([path, anonymous.status, requester.status]).toEqual([path, 401, 401]);
    }
    expect(await caseSnapshot(db, link.reference)).toEqual(before);
  });
});

/** A case verified by the email method, waiting for review, in an environment of its own. */
async function emailCaseInReview(
  service: TestService,
  db: DataSource,
): Promise<{
  link: AccessLink;
  environmentId: string;
  organisationIds: string[];
  userEmail: string;
  contactEmail: string;
}> {
  const { environment, organisations, users } = await newEnvironment(db, {
    organisations: 2,
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
  return {
    link,
    environmentId: environment.id,
    organisationIds: organisations.map((organisation) => organisation.id),
    userEmail: users[1]?.email ?? '',
    contactEmail: environment.contactEmail,
  };
}

/** What a decision or a link could change: the case row, its trail, its notes. */
async function caseSnapshot(db: DataSource, reference: string): Promise<unknown> {
  const [kase] = await db.query<{ id: string }[]>(
    `SELECT id, status, environment_id, approved_organisation_ids, appoint_at, flagged, overdue, closed_at
       FROM recovery_cases WHERE reference = $1`,
    [reference],
  );
  if (!kase) throw new Error(`no case ${reference}`);
  const [events, notes] = await Promise.all([
    db.query<unknown[]>(
      `SELECT id, type, actor_type, actor_id FROM case_events WHERE case_id = $1 ORDER BY id`,
      [kase.id],
    ),
    db.query<unknown[]>(`SELECT id FROM case_notes WHERE case_id = $1 ORDER BY id`, [kase.id]),
  ]);
  return { kase, events, notes };
}

/** What the appointment changes: the environment's users and memberships, every column that matters. */
async function environmentSnapshot(
  db: DataSource,
  environmentId: string,
): Promise<{ users: Record<string, unknown>[]; memberships: Record<string, unknown>[] }> {
  const [users, memberships] = await Promise.all([
    db.query<Record<string, unknown>[]>(
      `SELECT id, lower(email) AS email, role, status FROM users WHERE environment_id = $1 ORDER BY id`,
      [environmentId],
    ),
    db.query<Record<string, unknown>[]>(
      `SELECT organisation_id, user_id, role FROM organisation_memberships WHERE environment_id = $1
        ORDER BY organisation_id, user_id`,
      [environmentId],
    ),
  ]);
  return { users, memberships };
}

/** The requester's address on a case, as its requester typed it (lower case, as users are compared). */
async function requesterEmailOf(db: DataSource, reference: string): Promise<string> {
  const [row] = await db.query<{ email: string }[]>(
    `SELECT lower(requester_email) AS email FROM recovery_cases WHERE reference = $1`,
    [reference],
  );
  if (!row) throw new Error(`no case ${reference}`);
  return row.email;
}

/**
 * What the environment must look like after the appointment: everything as before, plus the requester as
 * an administrator (a new, invited user) and administrator of exactly the approved organisations.
 */
function expectAppointed(
  before: Awaited<ReturnType<typeof environmentSnapshot>>,
  after: Awaited<ReturnType<typeof environmentSnapshot>>,
  requesterEmail: string,
  organisationIds: string[],
): void {
  const appointed = after.users.find((user) => user.email === requesterEmail);
  expect(appointed).toMatchObject({ role: 'administrator', status: 'invited' });
  expect(after.users.filter((user) => user !== appointed)).toEqual(before.users);
  expect(after.memberships.filter((m) => m.user_id !== appointed?.id)).toEqual(before.memberships);
  expect(
    after.memberships
      .filter((m) => m.user_id === appointed?.id)
      .map((m) => ({ organisationId: m.organisation_id, role: m.role })),
  ).toEqual([...organisationIds].sort().map((organisationId) => ({ organisationId, role: 'administrator' })));
}

describe('two agents deciding at once (no cooling-off)', () => {
  let service: TestService;
  let db: DataSource;
  let agentTokens: string[];

  beforeAll(async () => {
    service = await startTestService({ RECOVERY_COOLING_OFF: '0', REVIEW_SLA: 'PT8H' });
    db = await openTestDatabase();
    agentTokens = [
      await signIn(service.baseUrl, await newStaff(db, { role: 'agent' })),
      await signIn(service.baseUrl, await newStaff(db, { role: 'agent' })),
    ];
  });

  afterAll(async () => {
    await db.destroy();
    await service.close();
  });

  it('lets exactly one win, and appoints once, to exactly the organisations approved', async () => {
    const { link, environmentId, organisationIds } = await emailCaseInReview(service, db);
    const before = await environmentSnapshot(db, environmentId);
    const answers = await Promise.all([
      decide(service, agentTokens[0] ?? '', link.reference, { decision: 'approve' }),
      decide(service, agentTokens[1] ?? '', link.reference, {
        decision: 'reject',
        reason: 'The extract is not recent.',
      }),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    // The winner is read from the answers, not from the database: what the agents were told must be stored.
    const [approval, rejection] = answers;
    const approveWon = approval.status === 200;
    const [winner, loser] = approveWon ? [approval, rejection] : [rejection, approval];
    expect(winner.body.status).toBe(approveWon ? 'appointing' : 'rejected');
    expect(loser.body.message).toMatch(
      approveWon
        ? /^(Another action on this case is being handled right now|This case does not wait for a decision \(the case is (appointing|completed)\))\./
        : /^(Another action on this case is being handled right now|This case does not wait for a decision \(the case is rejected\))\./,
    );

    await caseReaches(service, link, approveWon ? 'completed' : 'rejected');
    const decisions = await db.query<{ type: string }[]>(
      `SELECT e.type FROM case_events e JOIN recovery_cases c ON c.id = e.case_id
        WHERE c.reference = $1 AND e.type IN ('case_approved', 'case_rejected', 'administrator_appointed')
        ORDER BY e.id`,
      [link.reference],
    );
    expect(decisions.map((d) => d.type)).toEqual(
      approveWon ? ['case_approved', 'administrator_appointed'] : ['case_rejected'],
    );
    const after = await environmentSnapshot(db, environmentId);
    if (approveWon) {
      // The email method proved the whole environment: by default every organisation is linked.
      expectAppointed(before, after, await requesterEmailOf(db, link.reference), organisationIds);
    } else {
      expect(after).toEqual(before);
    }
  });
});

describe('a second round after an objection', () => {
  // Long enough for a test to object at leisure right after the notices; the second round is waited out.
  const COOLING_OFF_MS = 6_000;
  let service: TestService;
  let db: DataSource;
  let agentToken: string;
  let secondAgentToken: string;

  beforeAll(async () => {
    service = await startTestService({
      RECOVERY_COOLING_OFF: `PT${COOLING_OFF_MS / 1000}S`,
      REVIEW_SLA: 'PT8H',
    });
    db = await openTestDatabase();
    agentToken = await signIn(service.baseUrl, await newStaff(db, { role: 'agent' }));
    secondAgentToken = await signIn(service.baseUrl, await newStaff(db, { role: 'agent' }));
  });

  afterAll(async () => {
    await db.destroy();
    await service.close();
  });

  it('re-approves, sends new notices whose links replace the first, clears the flag and appoints', async () => {
    const { link, environmentId, organisationIds, userEmail, contactEmail } = await emailCaseInReview(
      service,
      db,
    );
    const before = await environmentSnapshot(db, environmentId);
    const noticesTo = (address: string) =>
      service.mail.mails.filter((m) => m.to.includes(address) && m.text.includes('/objections/'));
    const objectionToken = (text: string) => objectionTokenIn({ text }) ?? '';

    expect((await decide(service, agentToken, link.reference, { decision: 'approve' })).status).toBe(200);
    const first = await service.mail.waitForMail(
      (m) => m.to.includes(userEmail) && m.text.includes('/objections/'),
    );
    const firstToken = objectionToken(first.text);
    const objected = await requestJson(service.baseUrl, 'POST', `/api/objections/${firstToken}`, {
      body: { reason: 'Our administrator is on holiday, not gone.' },
    });
    expect(objected.status).toBe(202);
    await caseReaches(service, link, 'awaiting_review');
    // The other addresses' links of that round end with it, unused as they are.
    const contactNotice = await service.mail.waitForMail(
      (m) => m.to.includes(contactEmail) && m.text.includes('/objections/'),
    );
    const unused = objectionToken(contactNotice.text);
    expect(unused).not.toBe('');
    expect((await requestJson(service.baseUrl, 'GET', `/api/objections/${unused}`)).status).toBe(404);

    // Round two: another agent's approval, this time of one organisation only.
    const chosen = [organisationIds[1] ?? ''];
    const sentAt = Date.now();
    const again = await decide(service, secondAgentToken, link.reference, {
      decision: 'approve',
      organisationIds: chosen,
    });
    expect(again.body.status).toBe('cooling_off');
    // The appointment is set once this round's notices are out: a whole cooling-off after them.
    const row = await eventually(async () => {
      const [found] = await db.query<{ flagged: boolean; appoint_at: Date | null }[]>(
        `SELECT flagged, appoint_at FROM recovery_cases WHERE reference = $1`,
        [link.reference],
      );
      expect(found?.appoint_at).toBeInstanceOf(Date);
      return found;
    });
    expect(row?.flagged).toBe(false);
    expect(row?.appoint_at?.getTime()).toBeGreaterThanOrEqual(sentAt + COOLING_OFF_MS);

    await eventually(() => {
      expect(noticesTo(userEmail)).toHaveLength(2);
      expect(noticesTo(contactEmail)).toHaveLength(2);
    });
    const [firstNotice, secondNotice] = noticesTo(userEmail);
    const secondToken = objectionToken(secondNotice?.text ?? '');
    expect(secondToken).not.toBe(firstToken);
    expect(secondNotice?.messageId).not.toBe(firstNotice?.messageId);
    // The first round's links are dead, for reading and for objecting; the second one works.
    for (const token of [firstToken, unused]) {
      for (const method of ['GET', 'POST']) {
        const dead = await requestJson(service.baseUrl, method, `/api/objections/${token}`, {
          body: method === 'POST' ? { reason: 'Again.' } : undefined,
        });
        expect([method, dead.status]).toEqual([method, 404]);
      }
    }
    expect((await requestJson(service.baseUrl, 'GET', `/api/objections/${secondToken}`)).status).toBe(200);

    await caseReaches(service, link, 'completed', COOLING_OFF_MS + 20_000);
    const events = await db.query<{ type: string }[]>(
      `SELECT e.type FROM case_events e JOIN recovery_cases c ON c.id = e.case_id
        WHERE c.reference = $1 AND e.type IN ('case_approved', 'objection_raised', 'review_started',
          'administrator_appointed') ORDER BY e.id`,
      [link.reference],
    );
    expect(events.map((e) => e.type)).toEqual([
      'review_started',
      'case_approved',
      'objection_raised',
      'review_started',
      'case_approved',
      'administrator_appointed',
    ]);
    // No late notice of either round came after all.
    expect([noticesTo(userEmail).length, noticesTo(contactEmail).length]).toEqual([2, 2]);
    expectAppointed(
      before,
      await environmentSnapshot(db, environmentId),
      await requesterEmailOf(db, link.reference),
      chosen,
    );
  });
});

describe('the review SLA', () => {
  // A database of its own: the managers mailed are exactly the ones of this test, whatever other files left.
  let scratch: Awaited<ReturnType<typeof openScratchDatabase>>;
  let service: TestService;
  let agentToken: string;
  let managers: TestStaff[];

  beforeAll(async () => {
    scratch = await openScratchDatabase('econnect_overdue');
    service = await startTestService({
      DATABASE_URL: scratch.url,
      RECOVERY_COOLING_OFF: 'PT1H',
      REVIEW_SLA: 'PT2S',
      // Always working time, so that the SLA runs out in seconds whatever the day.
      REVIEW_WORKING_DAYS: '1-7',
      REVIEW_WORKING_HOURS: '00:00-24:00',
    });
    agentToken = await signIn(service.baseUrl, await newStaff(scratch.db, { role: 'agent' }));
    managers = [
      await newStaff(scratch.db, { role: 'manager' }),
      await newStaff(scratch.db, { role: 'manager' }),
    ];
    await newStaff(scratch.db, { role: 'manager', active: false });
  });

  afterAll(async () => {
    await service.close();
    await scratch.drop();
  });

  it('marks a case overdue after the SLA and mails every active manager once', async () => {
    const { link } = await emailCaseInReview(service, scratch.db);
    const reminders = () =>
      service.mail.mails.filter((m) => m.subject.startsWith(`Review overdue: case ${link.reference} `));
    await eventually(() => expect(reminders()).not.toHaveLength(0), 15_000);
    await eventually(async () => {
      const [row] = await scratch.db.query<{ overdue: boolean }[]>(
        `SELECT overdue FROM recovery_cases WHERE reference = $1`,
        [link.reference],
      );
      expect(row?.overdue).toBe(true);
    });
    // An overdue case still takes a decision.
    const rejected = await decide(service, agentToken, link.reference, {
      decision: 'reject',
      reason: 'We could not verify you.',
    });
    expect(rejected.status).toBe(200);
    expect(rejected.body.status).toBe('rejected');
    // Counted once the mail the rejection sends has arrived: a late second reminder would be in by now.
    await service.mail.waitForMail((m) => m.subject.includes(`${link.reference} was not approved`));
    // One mail to each active manager and to no one else.
    expect(
      reminders()
        .flatMap((m) => m.to)
        .sort(),
    ).toEqual(managers.map((m) => m.email.toLowerCase()).sort());
    expect(new Set(reminders().map((m) => m.messageId)).size).toBe(managers.length);
    const marked = await scratch.db.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM case_events e JOIN recovery_cases c ON c.id = e.case_id
        WHERE c.reference = $1 AND e.type = 'review_overdue'`,
      [link.reference],
    );
    expect(marked[0]?.n).toBe(1);
  });
});
