import type { DataSource } from 'typeorm';
import { openTestDatabase } from '../support/database';
import { newEnvironment } from '../support/directory';
import { newRecoveryRequest } from '../support/factories';
import { caseReaches, codeFrom, requesterAction } from '../support/recovery-flow';
import { submitAndOpenMail, type AccessLink } from '../support/requester';
import { startTestService, type TestService } from '../support/test-service';

/** A wrong code for sure: the right one with its first digit changed. */
const wrongCode = (code: string): string => `${(Number(code[0]) + 1) % 10}${code.slice(1)}`;

describe('the requester on their case page', () => {
  let service: TestService;
  let db: DataSource;

  beforeAll(async () => {
    service = await startTestService({ EMAIL_CODE_MAX_RESENDS: '2' });
    db = await openTestDatabase();
  });

  afterAll(async () => {
    await db.destroy();
    await service.close();
  });

  async function caseWaitingForCode(): Promise<{ link: AccessLink; contactEmail: string }> {
    const { environment, organisations } = await newEnvironment(db, { organisations: 1 });
    const link = await submitAndOpenMail(
      service,
      newRecoveryRequest({ method: 'email', kvkNumber: organisations[0]?.kvkNumber }),
    );
    expect((await requesterAction(service, link, 'confirm')).status).toBe(200);
    return { link, contactEmail: environment.contactEmail };
  }

  const codeMails = (service: TestService, link: AccessLink, to: string) =>
    service.mail.mails.filter((m) => m.subject.includes(link.reference) && m.to.includes(to));

  it('confirms only by POST, once', async () => {
    const link = await submitAndOpenMail(service, newRecoveryRequest());
    // Fetching the link (a mail scanner) is a GET of the page: the status endpoint changes nothing.
    const looked = await caseReaches(service, link, 'awaiting_confirmation');
    expect(looked.nextStep).toBe('confirm_mailbox');
    const confirmed = await requesterAction(service, link, 'confirm');
    expect(confirmed.body.status).toBe('awaiting_document');
    expect(confirmed.body.nextStep).toBe('upload_document');
    const again = await requesterAction(service, link, 'confirm');
    expect(again.status).toBe(409);
    expect(again.body.message).toMatch(/does not wait for a confirmation/);
  });

  it('counts wrong codes until the code is dead, then a new code works', async () => {
    const { link, contactEmail } = await caseWaitingForCode();
    const first = codeFrom(
      await service.mail.waitForMail(
        (m) => m.subject.includes(link.reference) && m.to.includes(contactEmail),
      ),
    );
    for (let triesLeft = 4; triesLeft >= 0; triesLeft -= 1) {
      const answer = await requesterAction(service, link, 'email-code', { code: wrongCode(first) });
      expect(answer.status).toBe(400);
      expect(answer.body.message).toMatch(triesLeft > 0 ? `${triesLeft} tr` : /last try/);
    }
    const dead = await requesterAction(service, link, 'email-code', { code: first });
    expect(dead.status).toBe(409);
    expect(dead.body.message).toMatch(/new code, or upload a Chamber of Commerce extract/);
    const status = await caseReaches(service, link, 'awaiting_email_code');
    expect(status.allowances.codeTriesLeft).toBe(0);
    expect(status.events.map((e) => e.type)).toContain('email_code_exhausted');

    const resent = await requesterAction(service, link, 'email-code/resend');
    expect(resent.status).toBe(200);
    expect(resent.body.allowances.codeResendsLeft).toBe(1);
    const second = await service.mail.waitForMail(
      (m) => codeMails(service, link, contactEmail).length === 2 && m.to.includes(contactEmail),
    );
    const fresh = codeFrom(codeMails(service, link, contactEmail)[1] ?? second);
    const accepted = await requesterAction(service, link, 'email-code', { code: fresh });
    expect(accepted.status).toBe(200);
    expect(accepted.body.status).toBe('awaiting_review');
  });

  it('sends new codes only as often as allowed', async () => {
    const { link } = await caseWaitingForCode();
    await caseReaches(service, link, 'awaiting_email_code');
    expect((await requesterAction(service, link, 'email-code/resend')).status).toBe(200);
    expect((await requesterAction(service, link, 'email-code/resend')).status).toBe(200);
    const refused = await requesterAction(service, link, 'email-code/resend');
    expect(refused.status).toBe(409);
    expect(refused.body.message).toMatch(/No new code can be sent/);
  });

  it('refuses a code past its time without spending a try, and a new code works', async () => {
    const { link, contactEmail } = await caseWaitingForCode();
    const mail = await service.mail.waitForMail(
      (m) => m.subject.includes(link.reference) && m.to.includes(contactEmail),
    );
    // The code's own time runs out (as after EMAIL_CODE_TTL), without waiting for it; the stage goes on.
    await db.query(
      `UPDATE case_email_codes SET expires_at = now() - interval '1 second'
        WHERE case_id = (SELECT id FROM recovery_cases WHERE reference = $1)`,
      [link.reference],
    );
    const late = await requesterAction(service, link, 'email-code', { code: codeFrom(mail) });
    expect(late.status).toBe(409);
    expect(late.body.message).toBe('This code has expired. Ask for a new code.');
    // The page offers no tries on a code past its time, but the refusal spent none of them.
    expect((await caseReaches(service, link, 'awaiting_email_code')).allowances.codeTriesLeft).toBe(0);
    const codes = await db.query<{ attempts_left: number }[]>(
      `SELECT attempts_left FROM case_email_codes
        WHERE case_id = (SELECT id FROM recovery_cases WHERE reference = $1)`,
      [link.reference],
    );
    expect(codes).toEqual([{ attempts_left: 5 }]);

    expect((await requesterAction(service, link, 'email-code/resend')).status).toBe(200);
    const fresh = await service.mail.waitForMail(
      (m) => m !== mail && m.subject.includes(link.reference) && m.to.includes(contactEmail),
    );
    const accepted = await requesterAction(service, link, 'email-code', { code: codeFrom(fresh) });
    expect(accepted.status).toBe(200);
    expect(accepted.body.status).toBe('awaiting_review');
  });

  it('says a code was accepted already when another one follows it before the case moved on', async () => {
    const { link, contactEmail } = await caseWaitingForCode();
    const mail = await service.mail.waitForMail(
      (m) => m.subject.includes(link.reference) && m.to.includes(contactEmail),
    );
    // Accepted, but the workflow not told yet (Temporal was away for that request): the case still waits.
    await db.query(
      `UPDATE case_email_codes SET verified_at = now()
        WHERE case_id = (SELECT id FROM recovery_cases WHERE reference = $1)`,
      [link.reference],
    );
    const other = codeFrom(mail) === '00000000' ? '11111111' : '00000000';
    const refused = await requesterAction(service, link, 'email-code', { code: other });
    expect(refused.status).toBe(409);
    expect(refused.body.message).toBe(
      'The code from the mail was accepted already. Look at the case again in a moment: it goes on to review.',
    );
    // The right code tells the workflow, as it would have the first time.
    const accepted = await requesterAction(service, link, 'email-code', { code: codeFrom(mail) });
    expect(accepted.body.status).toBe('awaiting_review');
  });

  it('refuses codes that are not 8 digits without spending a try', async () => {
    const { link } = await caseWaitingForCode();
    await caseReaches(service, link, 'awaiting_email_code');
    for (const code of ['1234567', 'abcdefgh', 123456789, '']) {
      expect((await requesterAction(service, link, 'email-code', { code })).status).toBe(400);
    }
    expect(
      (await requesterAction(service, link, 'email-code', { code: '1234 5678', extra: true })).status,
    ).toBe(400);
    expect((await caseReaches(service, link, 'awaiting_email_code')).allowances.codeTriesLeft).toBe(5);
  });

  it('lets the requester cancel an open case, once, and tells them', async () => {
    const { link } = await caseWaitingForCode();
    await caseReaches(service, link, 'awaiting_email_code');
    const cancelled = await requesterAction(service, link, 'cancel');
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    expect(cancelled.body.nextStep).toBe('none');
    expect(cancelled.body.allowances.canCancel).toBe(false);
    expect((await requesterAction(service, link, 'cancel')).status).toBe(409);
    expect((await requesterAction(service, link, 'email-code/resend')).status).toBe(409);
    await service.mail.waitForMail((m) => m.subject.includes(link.reference) && /cancelled/i.test(m.subject));
  });
});

describe('cases that wait too long', () => {
  let service: TestService;
  let db: DataSource;

  beforeAll(async () => {
    service = await startTestService({
      RECOVERY_EMAIL_CODE_WINDOW: 'PT2S',
      RECOVERY_DOCUMENT_WINDOW: 'PT2S',
    });
    db = await openTestDatabase();
  });

  afterAll(async () => {
    await db.destroy();
    await service.close();
  });

  it('expires while waiting for the code', async () => {
    const { environment, organisations } = await newEnvironment(db, { organisations: 1 });
    const link = await submitAndOpenMail(
      service,
      newRecoveryRequest({ method: 'email', kvkNumber: organisations[0]?.kvkNumber }),
    );
    await requesterAction(service, link, 'confirm');
    await service.mail.waitForMail(
      (m) => m.subject.includes(link.reference) && m.to.includes(environment.contactEmail),
    );
    const expired = await caseReaches(service, link, 'expired');
    expect(expired.events.at(-1)?.type).toBe('case_expired');
    await service.mail.waitForMail(
      (m) => m.subject.includes(link.reference) && /expired|closed/i.test(m.subject),
    );
  });

  it('expires while waiting for a document', async () => {
    const link = await submitAndOpenMail(service, newRecoveryRequest({ method: 'chamber_extract' }));
    await requesterAction(service, link, 'confirm');
    const expired = await caseReaches(service, link, 'expired');
    expect(expired.nextStep).toBe('none');
  });
});
