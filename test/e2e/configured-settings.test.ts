import type { temporal } from '@temporalio/proto';
import type { DataSource } from 'typeorm';
import { addWorkingTime, type WorkingSchedule } from '@app/domain';
import { caseProgressQuery, recoveryWorkflowId } from '@app/workflows/recovery.messages';
import { caseIdOf } from '../support/case-settled';
import { openTestDatabase } from '../support/database';
import { newEnvironment } from '../support/directory';
import { eventually } from '../support/eventually';
import { agentView, documentSettled, extractOf } from '../support/extract-case';
import { newRecoveryRequest } from '../support/factories';
import { codeFrom, decide, requesterAction, uploadDocument } from '../support/recovery-flow';
import { bearer, requestJson } from '../support/http-client';
import {
  requesterStatus,
  submitAndOpenMail,
  type AccessLink,
  type RequesterCase,
} from '../support/requester';
import { newStaff, signIn } from '../support/staff';
import { testConfig } from '../support/test-config';
import { startApi, startTestService, type TestService } from '../support/test-service';

// Every setting the workflow and its activities read, each given a value no default has, then found again
// in what the real service did: the workflow's timers, the stored due times and the allowances. A setting
// that is parsed but never reaches the code that uses it fails here.

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

const SETTINGS = {
  RECOVERY_CONFIRMATION_EXPIRY: 'PT5H7M',
  RECOVERY_EMAIL_CODE_WINDOW: 'PT4H11M',
  RECOVERY_DOCUMENT_WINDOW: 'PT3H17M',
  RECOVERY_COOLING_OFF: 'PT2H23M',
  EMAIL_CODE_TTL: 'PT1H19M',
  EMAIL_CODE_MAX_ATTEMPTS: '4',
  EMAIL_CODE_MAX_RESENDS: '2',
  DOCUMENT_MAX_UPLOADS: '2',
  EXTRACT_MAX_AGE: 'P9D',
  REVIEW_SLA: 'PT3H',
  REVIEW_WORKING_DAYS: '2-4',
  REVIEW_WORKING_HOURS: '10:00-12:30',
  REVIEW_TIME_ZONE: 'Asia/Tokyo',
};
const SCHEDULE: WorkingSchedule = {
  timeZone: 'Asia/Tokyo',
  days: [2, 3, 4],
  startMinute: 10 * 60,
  endMinute: 12 * 60 + 30,
};
const MS = {
  confirmation: (5 * 60 + 7) * MINUTE_MS,
  emailCodeStage: (4 * 60 + 11) * MINUTE_MS,
  documentStage: (3 * 60 + 17) * MINUTE_MS,
  coolingOff: (2 * 60 + 23) * MINUTE_MS,
  codeTtl: 79 * MINUTE_MS,
  reviewSla: 3 * 60 * MINUTE_MS,
};

describe('settings reach the workflow and its activities', () => {
  let service: TestService;
  let db: DataSource;
  let agentToken: string;

  beforeAll(async () => {
    service = await startTestService(SETTINGS);
    db = await openTestDatabase();
    agentToken = await signIn(service.baseUrl, await newStaff(db, { role: 'agent' }));
  });

  afterAll(async () => {
    await db.destroy();
    await service.close();
  });

  /** The durations of every timer the case's workflow started so far, in order. */
  async function timersOf(link: AccessLink): Promise<number[]> {
    const handle = service.temporalClient.workflow.getHandle(
      recoveryWorkflowId(await caseIdOf(db, link.reference)),
    );
    const { events } = await handle.fetchHistory();
    return (events ?? []).flatMap((event: temporal.api.history.v1.IHistoryEvent) => {
      const timeout = event.timerStartedEventAttributes?.startToFireTimeout;
      return timeout ? [Number(timeout.seconds ?? 0) * 1000 + Math.floor((timeout.nanos ?? 0) / 1e6)] : [];
    });
  }

  /**
   * Waits for the workflow's next timer and answers it. A wait started later than the stage is a little
   * shorter than the setting, never longer: a minute's margin tells the setting from any default.
   */
  async function nextTimer(link: AccessLink, count: number, settingMs: number): Promise<number> {
    const timers = await eventually(async () => {
      const started = await timersOf(link);
      expect(started.length).toBeGreaterThanOrEqual(count);
      return started;
    });
    const timer = timers[count - 1] ?? Number.NaN;
    expect(timer).toBeLessThanOrEqual(settingMs);
    expect(timer).toBeGreaterThan(settingMs - MINUTE_MS);
    return timer;
  }

  it('uses the configured windows, code lifetime, limits, review schedule and cooling-off (email method)', async () => {
    const { organisations } = await newEnvironment(db, {
      organisations: 1,
      users: [{ role: 'administrator', status: 'deactivated' }],
    });
    const link = await submitAndOpenMail(
      service,
      newRecoveryRequest({ method: 'email', kvkNumber: organisations[0]?.kvkNumber }),
    );
    await nextTimer(link, 1, MS.confirmation);

    const confirmSentAt = Date.now();
    expect((await requesterAction(service, link, 'confirm')).body.status).toBe('awaiting_email_code');
    const codeMail = await service.mail.waitForMail(
      (m) => m.subject.includes(link.reference) && /\d{8}/.test(m.text),
    );
    const codeMailAt = Date.now();
    await nextTimer(link, 2, MS.emailCodeStage);

    // The code's lifetime: its expiry is the TTL after a moment between the confirmation and its mail.
    const [code] = await db.query<{ expires_at: Date; attempts_left: number }[]>(
      `SELECT expires_at, attempts_left FROM case_email_codes WHERE case_id = $1`,
      [await caseIdOf(db, link.reference)],
    );
    expect(code?.attempts_left).toBe(4);
    const codeIssuedAt = (code?.expires_at.getTime() ?? Number.NaN) - MS.codeTtl;
    expect(codeIssuedAt).toBeGreaterThanOrEqual(confirmSentAt);
    expect(codeIssuedAt).toBeLessThanOrEqual(codeMailAt);

    // The limits, as the requester sees them and as the workflow counts them.
    const { body: status } = await requesterStatus(service, link);
    expect(status.allowances).toMatchObject({ codeTriesLeft: 4, codeResendsLeft: 2, uploadsLeft: 2 });
    const handle = service.temporalClient.workflow.getHandle(
      recoveryWorkflowId(await caseIdOf(db, link.reference)),
    );
    expect(await handle.query(caseProgressQuery)).toMatchObject({ codeResendsLeft: 2, uploadsLeft: 2 });
    // A case keeps the limits it was opened with: an api configured otherwise since counts with the same.
    const changed = await startApi(
      testConfig({
        ...SETTINGS,
        EMAIL_CODE_MAX_RESENDS: '5',
        DOCUMENT_MAX_UPLOADS: '6',
        // The same service otherwise: its key is what the case token is checked against.
        SECRET_KEY: service.config.secrets.secretKey,
      }),
    );
    try {
      const seenThere = await requestJson<RequesterCase>(
        changed.baseUrl,
        'GET',
        `/api/recovery-requests/${link.reference}`,
        { headers: bearer(link.token) },
      );
      expect(seenThere.body.allowances).toMatchObject({ codeResendsLeft: 2, uploadsLeft: 2 });
    } finally {
      await changed.api.close();
    }

    // The review is due after the SLA counted in the configured working hours, days and time zone.
    const codeSentAt = new Date();
    expect((await requesterAction(service, link, 'email-code', { code: codeFrom(codeMail) })).status).toBe(
      200,
    );
    const codeAnsweredAt = new Date();
    const [review] = await db.query<{ review_due_at: Date }[]>(
      'SELECT review_due_at FROM recovery_cases WHERE reference = $1',
      [link.reference],
    );
    const due = review?.review_due_at.getTime() ?? Number.NaN;
    expect(due).toBeGreaterThanOrEqual(addWorkingTime(codeSentAt, MS.reviewSla, SCHEDULE).getTime());
    expect(due).toBeLessThanOrEqual(addWorkingTime(codeAnsweredAt, MS.reviewSla, SCHEDULE).getTime());
    // Tokyo's Tuesday-to-Thursday mornings: never less than the SLA itself away, a week at the most.
    expect(due - codeAnsweredAt.getTime()).toBeGreaterThanOrEqual(MS.reviewSla);
    expect(due - codeAnsweredAt.getTime()).toBeLessThan(7 * DAY_MS);
    await nextTimer(link, 3, due - codeSentAt.getTime());

    const approvalSentAt = Date.now();
    expect((await decide(service, agentToken, link.reference, { decision: 'approve' })).status).toBe(200);
    // The configured cooling-off, counted from the last notice: set once the notices are out.
    const appointAt = await eventually(async () => {
      const { body } = await requesterStatus(service, link);
      expect(body.appointAt).toEqual(expect.any(String));
      return Date.parse(body.appointAt ?? 'none');
    });
    const appointSetAt = Date.now();
    expect(appointAt - MS.coolingOff).toBeGreaterThanOrEqual(approvalSentAt);
    expect(appointAt - MS.coolingOff).toBeLessThanOrEqual(appointSetAt);
    await nextTimer(link, 4, MS.coolingOff);
  });

  it('uses the configured document window, and the extract age for the findings (extract method)', async () => {
    const { organisations } = await newEnvironment(db, {
      organisations: 1,
      users: [{ role: 'administrator', status: 'deactivated' }],
    });
    const organisation = organisations[0];
    if (!organisation) throw new Error('no organisation');
    const link = await submitAndOpenMail(
      service,
      newRecoveryRequest({
        method: 'chamber_extract',
        kvkNumber: organisation.kvkNumber,
        companyName: organisation.name,
      }),
    );
    // Confirmed once the confirmation's timer runs (the link can arrive before the workflow waits for it).
    await nextTimer(link, 1, MS.confirmation);
    expect((await requesterAction(service, link, 'confirm')).body.status).toBe('awaiting_document');
    await nextTimer(link, 2, MS.documentStage);

    // Twelve days old: recent under the default thirty days, not under the nine configured.
    const upload = await uploadDocument(
      service,
      link,
      await extractOf(organisation, { madeOn: new Date(Date.now() - 12 * DAY_MS) }),
    );
    expect(upload.status).toBe(202);
    expect((await documentSettled(service, link, 1)).status).toBe('awaiting_review');
    expect((await agentView(service, agentToken, link.reference)).findings).toMatchObject({
      kvkNumberMatches: true,
      extractRecent: false,
    });
  });
});
