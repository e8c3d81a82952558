import type { DataSource } from 'typeorm';
import { objectionTokenIn } from '../../tools/mail-catcher/mail-contents';
import { openTestDatabase } from '../support/database';
import { emailCaseInReview } from '../support/email-case';
import { eventually } from '../support/eventually';
import { requestJson } from '../support/http-client';
import { decide } from '../support/recovery-flow';
import { newStaff, signIn } from '../support/staff';
import { TcpProxy } from '../support/tcp-proxy';
import { startTestService, type TestService } from '../support/test-service';
import { testInfrastructure } from '../support/test-infrastructure';

// An objection made within the window while Temporal cannot be reached (found by the fault suite: Temporal
// restarted at the end of the window, the appointment ran over an objection that had been answered 503).
// The api keeps it and says so; the workflow takes it up before it starts the appointment.
describe('an objection while Temporal is away at the end of the window', () => {
  const COOLING_OFF_MS = 6_000;
  const temporal = new TcpProxy(hostAndPort(testInfrastructure().temporalAddress));
  let service: TestService;
  let db: DataSource;
  let agentToken: string;

  beforeAll(async () => {
    await temporal.accept();
    [service, db] = await Promise.all([
      // The api and the worker reach Temporal through the proxy.
      startTestService({
        TEMPORAL_ADDRESS: `127.0.0.1:${temporal.port}`,
        RECOVERY_COOLING_OFF: `PT${COOLING_OFF_MS / 1000}S`,
      }),
      openTestDatabase(),
    ]);
    agentToken = await signIn(service.baseUrl, await newStaff(db, { role: 'agent' }));
  });

  afterAll(async () => {
    await temporal.accept();
    await service.close();
    await db.destroy();
    await temporal.close();
  });

  it('is kept, answered as received, and stops the appointment once Temporal is back', async () => {
    const { link, caseId, directory, request } = await emailCaseInReview(service, db);
    expect((await decide(service, agentToken, link.reference, { decision: 'approve' })).body.status).toBe(
      'cooling_off',
    );
    const userEmail = directory.users[1]?.email ?? '';
    const notice = await service.mail.waitForMail(
      (m) => m.to.includes(userEmail) && m.text.includes('/objections/'),
    );
    const token = objectionTokenIn(notice) ?? '';
    const [{ appoint_at: appointAt } = { appoint_at: null }] = await eventually(async () => {
      const rows = await db.query<{ appoint_at: Date | null }[]>(
        `SELECT appoint_at FROM recovery_cases WHERE id = $1 AND appoint_at IS NOT NULL`,
        [caseId],
      );
      expect(rows).toHaveLength(1);
      return rows;
    });

    await temporal.refuse();
    const answer = await requestJson<{ reference?: string; message: string }>(
      service.baseUrl,
      'POST',
      `/api/objections/${token}`,
      { body: { reason: 'Our administrator is on holiday, not gone.' } },
    );
    expect(answer.status).toBe(202);
    expect(answer.body.reference).toBe(link.reference);
    expect(answer.body.message).toContain('The appointment is stopped');
    // Kept: the link is used and the reason stored, though the workflow has not heard of it.
    const [kept] = await db.query<{ id: string }[]>(
      `SELECT id FROM case_notes WHERE case_id = $1 AND kind = 'objection_reason'`,
      [caseId],
    );
    expect(kept).toBeDefined();

    // Temporal comes back only after the appointment was due: the timer fires at once.
    const waitMs = (appointAt?.getTime() ?? 0) + 1_000 - Date.now();
    if (waitMs > 0) await new Promise((done) => setTimeout(done, waitMs));
    await temporal.accept();

    const status = await eventually(
      async () => {
        const [row] = await db.query<{ status: string }[]>(
          `SELECT status FROM recovery_cases WHERE id = $1`,
          [caseId],
        );
        expect(row?.status).toBe('awaiting_review');
        return row?.status;
      },
      60_000,
      250,
    );
    expect(status).toBe('awaiting_review');
    const events = await db.query<{ type: string; details: Record<string, unknown> }[]>(
      `SELECT type, details FROM case_events WHERE case_id = $1 ORDER BY id`,
      [caseId],
    );
    const types = events.map((event) => event.type);
    expect(types).not.toContain('appointment_started');
    expect(types.slice(-2)).toEqual(['objection_raised', 'review_started']);
    expect(events.find((event) => event.type === 'objection_raised')?.details).toMatchObject({
      noteId: kept?.id,
    });
    // The requester is told, as for an objection that came in time.
    const requester = String(request.requesterEmail).toLowerCase();
    await service.mail.waitForMail(
      (m) => m.to.includes(requester) && m.messageId?.startsWith('<objection-received') === true,
      30_000,
    );
  });
});

function hostAndPort(address: string): { host: string; port: number } {
  const [host = '127.0.0.1', port = ''] = address.split(':');
  return { host, port: Number(port) };
}
