import type { DataSource } from 'typeorm';
import { formatAmsterdamTime } from '@app/mail';
import { recoveryWorkflowId } from '@app/workflows/recovery.messages';
import { caseIdOf, caseSettledAfter } from '../support/case-settled';
import { openTestDatabase } from '../support/database';
import { emailCaseInReview } from '../support/email-case';
import { eventually } from '../support/eventually';
import { newRecoveryRequest } from '../support/factories';
import { requestJson } from '../support/http-client';
import { decide } from '../support/recovery-flow';
import { newStaff, signIn } from '../support/staff';
import { startTestService, type TestService } from '../support/test-service';

describe('the access link while the mail server is down', () => {
  let service: TestService;
  let db: DataSource;

  beforeAll(async () => {
    [service, db] = await Promise.all([startTestService(), openTestDatabase()]);
  });

  afterAll(async () => {
    await service.close();
    await db.destroy();
  });

  it('still accepts the request, and the mail arrives once the server is back', async () => {
    await service.mail.stop();
    const request = newRecoveryRequest();
    const accepted = await requestJson<{ reference: string }>(
      service.baseUrl,
      'POST',
      '/api/recovery-requests',
      {
        body: request,
      },
    );
    expect(accepted.status).toBe(202);

    // Wait until the mail activity has failed and is being retried: the server really was down for it.
    const caseId = await caseIdOf(db, accepted.body.reference);
    const workflow = service.temporalClient.workflow.getHandle(recoveryWorkflowId(caseId));
    await eventually(async () => {
      const { raw } = await workflow.describe();
      expect(raw.pendingActivities?.[0]?.attempt).toBeGreaterThanOrEqual(2);
    }, 15_000);

    await service.mail.start();
    const mail = await service.mail.waitForMail((m) => m.to.includes(String(request.requesterEmail)), 30_000);
    expect(mail.text).toContain(`/recover/${accepted.body.reference}?token=`);

    // Counted only once the mail activity has finished for good: a second send would have arrived by then.
    await caseSettledAfter(service, db, accepted.body.reference, 'case_link_sent');
    expect(service.mail.mails.filter((m) => m.to.includes(String(request.requesterEmail)))).toHaveLength(1);
  });
});

// The objection window is the whole window (issue 13, part 3): the appointment time is fixed only once
// the last cooling-off notice has been handed to the mail server, a window after it, however long the
// server was away; each notice names a time no earlier than its own send plus the window.
describe('the cooling-off notices while the mail server is down', () => {
  const COOLING_OFF_MS = 8_000;
  let service: TestService;
  let db: DataSource;
  let agentToken: string;

  beforeAll(async () => {
    [service, db] = await Promise.all([
      startTestService({ RECOVERY_COOLING_OFF: `PT${COOLING_OFF_MS / 1000}S` }),
      openTestDatabase(),
    ]);
    agentToken = await signIn(service.baseUrl, await newStaff(db, { role: 'agent' }));
  });

  afterAll(async () => {
    await service.close();
    await db.destroy();
  });

  it('counts the whole window from the last notice: the appointment comes no earlier', async () => {
    const { link, caseId } = await emailCaseInReview(service, db);
    await service.mail.stop();
    const approvedAt = Date.now();
    expect((await decide(service, agentToken, link.reference, { decision: 'approve' })).body.status).toBe(
      'cooling_off',
    );
    // The notices' activity has failed at least twice against the server that is away.
    const workflow = service.temporalClient.workflow.getHandle(recoveryWorkflowId(caseId));
    await eventually(async () => {
      const { raw } = await workflow.describe();
      const notices = raw.pendingActivities?.find((a) => a.activityType?.name === 'sendCoolingOffNotices');
      expect(notices?.attempt).toBeGreaterThanOrEqual(3);
    }, 20_000);
    // No appointment time while no notice has gone out.
    const [beforeNotices] = await db.query<{ appoint_at: Date | null }[]>(
      `SELECT appoint_at FROM recovery_cases WHERE id = $1`,
      [caseId],
    );
    expect(beforeNotices?.appoint_at).toBeNull();
    const backAt = Date.now();
    await service.mail.start();

    // Every notice handed to the mail server once it is back (the environment's contact and organisation
    // addresses, its administrator's, its active users').
    const sent = await eventually(async () => {
      const rows = await db.query<{ message_id: string; state: string; sent_at: Date }[]>(
        `SELECT message_id, state, sent_at FROM mail_deliveries WHERE case_id = $1 AND purpose = 'cooling-off-notice'`,
        [caseId],
      );
      expect(rows.length).toBeGreaterThanOrEqual(3);
      expect(rows.map((row) => row.state)).toEqual(rows.map(() => 'sent'));
      return rows;
    }, 30_000);
    const notices = sent.map(({ message_id }) => {
      const notice = service.mail.mails.find((m) => m.messageId === message_id);
      if (!notice) throw new Error(`the notice ${message_id} did not arrive`);
      return notice;
    });
    const appointed = await eventually(async () => {
      const [row] = await db.query<{ status: string; appoint_at: Date | null }[]>(
        `SELECT status, appoint_at FROM recovery_cases WHERE id = $1`,
        [caseId],
      );
      expect(row?.status).toBe('completed');
      return row;
    }, 60_000);
    const appointAt = appointed?.appoint_at?.getTime() ?? 0;
    const lastNoticeAt = Math.max(...sent.map((row) => row.sent_at.getTime()));
    // A window after the last notice, which went out only after the server came back.
    expect(lastNoticeAt).toBeGreaterThanOrEqual(backAt);
    expect(appointAt).toBe(lastNoticeAt + COOLING_OFF_MS);
    expect(appointAt - approvedAt).toBeGreaterThanOrEqual(COOLING_OFF_MS + (backAt - approvedAt));
    const [appointment] = await db.query<{ occurred_at: Date }[]>(
      `SELECT occurred_at FROM case_events WHERE case_id = $1 AND type = 'administrator_appointed'`,
      [caseId],
    );
    expect(appointment?.occurred_at.getTime()).toBeGreaterThanOrEqual(appointAt);
    // Each notice names its own send plus the window (to the minute), never a time before the appointment.
    for (const notice of notices) {
      const named = [backAt, notice.receivedAt.getTime()].map((at) =>
        formatAmsterdamTime(new Date(at + COOLING_OFF_MS), 'en'),
      );
      expect(named.some((time) => notice.text.includes(time))).toBe(true);
    }
  });
});
