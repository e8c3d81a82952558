import {
  ApplicationFailure,
  DefaultFailureConverter,
  defaultPayloadConverter,
  ensureApplicationFailure,
} from '@temporalio/common';
import type { DataSource } from 'typeorm';
import { Mailer } from '@app/mail';
import type { WorkerActivities } from '@app/workflows/activities.contract';
import { caseWithSealedLink, newCase } from '../support/cases';
import { openTestDatabase } from '../support/database';
import { newEnvironment, type TestEnvironment } from '../support/directory';
import { newStaff } from '../support/staff';
import {
  lastMailId,
  mailsAfter,
  startWorkerActivities,
  type WorkerActivitiesContext,
} from '../support/worker-activities';

// The worker's mail activities against a mail server that refuses an address for good (550), loses a message
// on the way or is away: a refusal is recorded and passed over (only the requester's access link ends the
// case), a passing failure is retried without the address or the server's reply reaching Temporal.

interface DeliveryRow {
  purpose: string;
  recipient: string;
  state: string;
  attempts: number;
  sent_at: Date | null;
  smtp_status: number | null;
}

const HOUR_MS = 3_600_000;

let context: WorkerActivitiesContext;
let activities: WorkerActivities;
let db: DataSource;

beforeAll(async () => {
  context = await startWorkerActivities();
  activities = context.activities;
  db = await openTestDatabase();
});

afterEach(async () => {
  context.mail.refuseRecipients(null);
  await context.mail.start();
});

afterAll(async () => {
  await db.destroy();
  await context.close();
});

/** An environment of three addresses: its contact, its deactivated administrator and an active user. */
function threeAddressEnvironment(): Promise<TestEnvironment> {
  return newEnvironment(db, {
    organisations: 1,
    users: [{ role: 'administrator', status: 'deactivated' }, { role: 'user' }],
  });
}

function refuse(...addresses: string[]): void {
  const refused = new Set(addresses.map((address) => address.toLowerCase()));
  context.mail.refuseRecipients((address) => refused.has(address.toLowerCase()));
}

/** The case's delivery rows by recipient (lower-cased). */
async function deliveries(caseId: string): Promise<Record<string, DeliveryRow[]>> {
  const rows = await db.query<DeliveryRow[]>(
    `SELECT purpose, lower(recipient) AS recipient, state, attempts, sent_at, smtp_status
       FROM mail_deliveries WHERE case_id = $1 ORDER BY created_at, id`,
    [caseId],
  );
  const byRecipient: Record<string, DeliveryRow[]> = {};
  for (const row of rows) (byRecipient[row.recipient] ??= []).push(row);
  return byRecipient;
}

/** Who received mail after `mark`, lower-cased, each as often as they received one. */
function receivedAfter(mark: number): string[] {
  return mailsAfter(context.mail, mark)
    .flatMap((mail) => mail.to)
    .sort();
}

async function failureOf(attempt: Promise<unknown>): Promise<unknown> {
  return attempt.then(
    (answer) => {
      throw new Error(`expected the activity to fail, it answered ${JSON.stringify(answer)}`);
    },
    (error: unknown) => error,
  );
}

/** All Temporal would keep of a failed attempt: the error as thrown, and as its worker records it. */
function asTemporalKeepsIt(error: unknown): string {
  const recorded = new DefaultFailureConverter().errorToFailure(
    ensureApplicationFailure(error),
    defaultPayloadConverter,
  );
  const message = error instanceof Error ? error.message : String(error);
  return [message, JSON.stringify(error), JSON.stringify(recorded)].join('\n');
}

async function eventTypes(caseId: string): Promise<string[]> {
  const rows = await db.query<{ type: string }[]>(
    'SELECT type FROM case_events WHERE case_id = $1 ORDER BY id',
    [caseId],
  );
  return rows.map((row) => row.type);
}

async function sealedLinks(caseId: string): Promise<number> {
  const rows = await db.query<unknown[]>('SELECT 1 FROM pending_secrets WHERE case_id = $1', [caseId]);
  return rows.length;
}

describe('an address the mail server refuses for good', () => {
  it('is passed over by the cooling-off notices: the others are mailed, the activity succeeds', async () => {
    const { environment, users } = await threeAddressEnvironment();
    const kase = await newCase(db, {
      status: 'cooling_off',
      coolingOffRound: 1,
      environmentId: environment.id,
    });
    const [administrator, user] = users.map((u) => u.email.toLowerCase());
    if (!administrator || !user) throw new Error('no users');
    refuse(user);
    const input = { caseId: kase.id, round: 1, coolingOffMs: HOUR_MS };
    const mark = lastMailId(context.mail);

    const first = await activities.sendCoolingOffNotices(input);
    expect(receivedAfter(mark)).toEqual([environment.contactEmail.toLowerCase(), administrator].sort());
    const rows = await deliveries(kase.id);
    expect(rows[user]).toEqual([
      expect.objectContaining({ purpose: 'cooling-off-notice', state: 'refused', smtp_status: 550 }),
    ]);
    for (const address of [environment.contactEmail.toLowerCase(), administrator]) {
      expect(rows[address]).toEqual([
        expect.objectContaining({ purpose: 'cooling-off-notice', state: 'sent', smtp_status: null }),
      ]);
    }
    // The last notice that went out, as its row says.
    const sentAt = Object.values(rows)
      .flat()
      .flatMap((row) => (row.sent_at ? [row.sent_at.getTime()] : []));
    expect(first.lastNoticeAtMs).toBe(Math.max(...sentAt));

    // A second attempt sends nothing new, tries the refused address no more, and answers the same.
    const again = await activities.sendCoolingOffNotices(input);
    expect(again).toEqual(first);
    expect(receivedAfter(mark)).toHaveLength(2);
    expect(await deliveries(kase.id)).toEqual(rows);
  });

  it('counts a round whose every notice was refused from the approval that opened it', async () => {
    const { environment, users } = await threeAddressEnvironment();
    const kase = await newCase(db, {
      status: 'cooling_off',
      coolingOffRound: 1,
      environmentId: environment.id,
    });
    await db.query(
      `INSERT INTO case_events (case_id, type, actor_type, details, occurred_at)
       VALUES ($1, 'case_approved', 'system', '{}', now() - interval '1 minute')`,
      [kase.id],
    );
    const [approved] = await db.query<{ at: Date }[]>(
      `SELECT occurred_at AS at FROM case_events WHERE case_id = $1 AND type = 'case_approved'`,
      [kase.id],
    );
    refuse(environment.contactEmail, ...users.map((u) => u.email));
    const input = { caseId: kase.id, round: 1, coolingOffMs: HOUR_MS };

    const first = await activities.sendCoolingOffNotices(input);
    expect(first).toEqual({ lastNoticeAtMs: approved?.at.getTime() });
    expect(await activities.sendCoolingOffNotices(input)).toEqual(first);
  });

  it("ends the requester's access link: refused, no event, the sealed token kept until the case is closed", async () => {
    const { kase } = await caseWithSealedLink(db, context.worker);
    refuse(kase.requesterEmail);
    const mark = lastMailId(context.mail);

    await expect(activities.sendAccessLink({ caseId: kase.id })).resolves.toEqual({ refused: true });
    expect(await eventTypes(kase.id)).not.toContain('case_link_sent');
    expect(await sealedLinks(kase.id)).toBe(1);
    expect((await deliveries(kase.id))[kase.requesterEmail.toLowerCase()]).toEqual([
      expect.objectContaining({ purpose: 'case-link', state: 'refused', attempts: 1, smtp_status: 550 }),
    ]);

    // A retry meets the refusal on the row: the same answer, the address not tried again.
    await expect(activities.sendAccessLink({ caseId: kase.id })).resolves.toEqual({ refused: true });
    expect((await deliveries(kase.id))[kase.requesterEmail.toLowerCase()]?.[0]?.attempts).toBe(1);
    expect(receivedAfter(mark)).toEqual([]);

    await activities.closeUnreachable({ caseId: kase.id });
    const [closed] = await db.query<{ status: string }[]>('SELECT status FROM recovery_cases WHERE id = $1', [
      kase.id,
    ]);
    expect(closed?.status).toBe('closed');
    expect(await eventTypes(kase.id)).toEqual(['access_link_refused']);
    expect(await sealedLinks(kase.id)).toBe(0);
  });

  it('is passed over by the appointment mails: the requester and the other users are still mailed', async () => {
    const { environment, organisations, users } = await newEnvironment(db, {
      organisations: 1,
      users: [{ role: 'administrator', status: 'deactivated' }, { role: 'user' }, { role: 'user' }],
    });
    const [, refused, other] = users.map((u) => u.email.toLowerCase());
    if (!refused || !other) throw new Error('no users');
    const kase = await newCase(db, {
      status: 'appointing',
      environmentId: environment.id,
      matchKind: 'kvk_number',
      approvedOrganisationIds: organisations.map((organisation) => organisation.id),
    });
    await activities.appointAdministrator({ caseId: kase.id });
    refuse(refused);
    const mark = lastMailId(context.mail);

    await activities.sendAppointmentMails({ caseId: kase.id });
    const requester = kase.requesterEmail.toLowerCase();
    // The requester: told, and invited (a new user); the other active user: a notice.
    expect(receivedAfter(mark)).toEqual([requester, requester, other].sort());
    const rows = await deliveries(kase.id);
    expect(rows[refused]).toEqual([
      expect.objectContaining({ purpose: 'appointment-notice', state: 'refused', smtp_status: 550 }),
    ]);
    expect(rows[other]).toEqual([expect.objectContaining({ purpose: 'appointment-notice', state: 'sent' })]);
    expect(rows[requester]?.map((row) => [row.purpose, row.state])).toEqual([
      ['appointment', 'sent'],
      ['invitation', 'sent'],
    ]);

    await activities.sendAppointmentMails({ caseId: kase.id });
    expect(receivedAfter(mark)).toHaveLength(3);
  });
});

describe('a mail that could not go out now', () => {
  it('fails the attempt on a connection lost mid-message, telling Temporal nothing of it, and goes next time', async () => {
    const kase = await newCase(db, { status: 'awaiting_document', method: 'email' });
    context.mail.dropConnectionsDuringData(1);
    const mark = lastMailId(context.mail);

    const error = await failureOf(activities.sendExtractRequest({ caseId: kase.id }));
    expect(error).toBeInstanceOf(ApplicationFailure);
    expect(error).toMatchObject({ type: 'mail_unavailable', nonRetryable: false });
    const kept = asTemporalKeepsIt(error);
    for (const secret of [kase.requesterEmail, 'Connection closed', 'ECONNECTION', 'customer.example']) {
      expect(kept).not.toContain(secret);
    }
    expect(receivedAfter(mark)).toEqual([]);
    expect((await deliveries(kase.id))[kase.requesterEmail.toLowerCase()]).toEqual([
      expect.objectContaining({ purpose: 'extract-request', state: 'pending', attempts: 1 }),
    ]);

    await activities.sendExtractRequest({ caseId: kase.id });
    expect(receivedAfter(mark)).toEqual([kase.requesterEmail.toLowerCase()]);
    expect((await deliveries(kase.id))[kase.requesterEmail.toLowerCase()]).toEqual([
      expect.objectContaining({ state: 'sent', attempts: 2 }),
    ]);
  });

  it('fails the attempt retryably as mail_unavailable while the server is away, and goes once it is back', async () => {
    const kase = await newCase(db, { status: 'cancelled' });
    const mark = lastMailId(context.mail);
    await context.mail.stop();

    const error = await failureOf(activities.sendCancellation({ caseId: kase.id }));
    expect(error).toBeInstanceOf(ApplicationFailure);
    expect(error).toMatchObject({ type: 'mail_unavailable', nonRetryable: false });
    expect(asTemporalKeepsIt(error)).not.toContain(kase.requesterEmail);

    await context.mail.start();
    await activities.sendCancellation({ caseId: kase.id });
    expect(receivedAfter(mark)).toEqual([kase.requesterEmail.toLowerCase()]);
    expect((await deliveries(kase.id))[kase.requesterEmail.toLowerCase()]).toEqual([
      expect.objectContaining({ purpose: 'cancellation', state: 'sent' }),
    ]);
  });
});

describe('a mail whose occasion passed while an attempt that died held it', () => {
  it('withdraws the notices of a round objected to, and sends none of them', async () => {
    const { environment } = await threeAddressEnvironment();
    const kase = await newCase(db, {
      status: 'cooling_off',
      coolingOffRound: 1,
      environmentId: environment.id,
    });
    const input = { caseId: kase.id, round: 1, coolingOffMs: HOUR_MS };
    const mark = lastMailId(context.mail);
    // A notice is lost mid-message, and its attempt dies holding the lease.
    context.mail.dropConnectionsDuringData(1);
    await failureOf(activities.sendCoolingOffNotices(input));
    await db.query(
      `UPDATE mail_deliveries SET claimed_until = now() + interval '1 hour' WHERE case_id = $1 AND state = 'pending'`,
      [kase.id],
    );
    const sentBefore = receivedAfter(mark);
    // An objection ended the round before the retry.
    await db.query(`UPDATE recovery_cases SET status = 'awaiting_review' WHERE id = $1`, [kase.id]);

    await activities.sendCoolingOffNotices(input);
    const states = Object.values(await deliveries(kase.id))
      .flat()
      .map((row) => row.state)
      .sort();
    expect(states).not.toContain('pending');
    expect(states.filter((state) => state === 'withdrawn').length).toBeGreaterThan(0);
    expect(receivedAfter(mark)).toEqual(sentBefore);
  });

  it("withdraws an overdue review's reminder once the review is decided", async () => {
    await newStaff(db, { role: 'manager' });
    const kase = await newCase(db, { status: 'awaiting_review', overdue: true, reviewDueAt: new Date() });
    context.mail.dropConnectionsDuringData(1);
    await failureOf(activities.markReviewOverdue({ caseId: kase.id }));
    await db.query(`UPDATE recovery_cases SET status = 'rejected' WHERE id = $1`, [kase.id]);
    const mark = lastMailId(context.mail);

    await activities.markReviewOverdue({ caseId: kase.id });
    const rows = Object.values(await deliveries(kase.id)).flat();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.filter((row) => row.purpose === 'review-overdue' && row.state === 'pending')).toEqual([]);
    expect(rows.some((row) => row.state === 'withdrawn')).toBe(true);
    expect(receivedAfter(mark)).toEqual([]);
  });
});

describe('a Message-ID delivered before to another recipient', () => {
  it('fails the activity for good, sending nothing', async () => {
    const { kase } = await caseWithSealedLink(db, context.worker);
    // A bug that gave this case's link the Message-ID of a mail to someone else.
    await db.query(
      `INSERT INTO mail_deliveries (case_id, purpose, recipient, message_id, state, sent_at)
       VALUES ($1, 'case-link', 'someone.else@customer.example', $2, 'sent', now())`,
      [kase.id, context.worker.get(Mailer).messageId('case-link', kase.id)],
    );
    const mark = lastMailId(context.mail);

    const error = await failureOf(activities.sendAccessLink({ caseId: kase.id }));
    expect(error).toBeInstanceOf(ApplicationFailure);
    expect(error).toMatchObject({ type: 'conflict', nonRetryable: true });
    expect(asTemporalKeepsIt(error)).not.toContain(kase.requesterEmail);
    expect(receivedAfter(mark)).toEqual([]);
  });
});

const codesOf = async (caseId: string): Promise<number> => {
  const [row] = await db.query<{ n: number }[]>(
    'SELECT count(*)::int AS n FROM case_email_codes WHERE case_id = $1',
    [caseId],
  );
  return row?.n ?? 0;
};

describe('who a code goes to, as the activities carry it out (the rule: code-recipients.spec.ts)', () => {
  it('issues no code when no address of the environment may receive one (the directory changed)', async () => {
    const { environment } = await newEnvironment(db, {
      users: [{ role: 'administrator', status: 'deactivated' }],
    });
    // The environment's contact is the requester's own address; its administrator is deactivated.
    const kase = await newCase(db, {
      status: 'awaiting_email_code',
      method: 'email',
      environmentId: environment.id,
      requesterEmail: environment.contactEmail,
    });
    await expect(activities.issueEmailCode({ caseId: kase.id, sendNumber: 1 })).rejects.toMatchObject({
      type: 'invalid_state',
      nonRetryable: true,
    });
    expect(await codesOf(kase.id)).toBe(0);
  });

  it('mails only recipients its issue recorded, and of them not a user deactivated since', async () => {
    const { environment, users } = await newEnvironment(db, {
      organisations: 1,
      users: [{ role: 'administrator' }],
    });
    const kase = await newCase(db, {
      status: 'awaiting_email_code',
      method: 'email',
      environmentId: environment.id,
    });
    await activities.issueEmailCode({ caseId: kase.id, sendNumber: 1 });
    // An organisation gets a contact address (not recorded), and the administrator leaves, between the issue
    // and the send.
    await db.query(`UPDATE organisations SET contact_email = 'late@env.example' WHERE environment_id = $1`, [
      environment.id,
    ]);
    await db.query(`UPDATE users SET status = 'deactivated' WHERE id = $1`, [users[0]?.id]);
    const mark = lastMailId(context.mail);

    await activities.sendEmailCode({ caseId: kase.id, sendNumber: 1 });
    expect(receivedAfter(mark)).toEqual([environment.contactEmail.toLowerCase()]);
  });
});
