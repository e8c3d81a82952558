import type { DataSource } from 'typeorm';
import { openTestDatabase } from '../support/database';
import { newEnvironment, type TestEnvironment } from '../support/directory';
import { newRecoveryRequest } from '../support/factories';
import { caseReaches, codeFrom, decide, requesterAction } from '../support/recovery-flow';
import { bearer, requestJson } from '../support/http-client';
import { submitAndOpenMail } from '../support/requester';
import { newStaff, signIn } from '../support/staff';
import { startTestService, type TestService } from '../support/test-service';

describe('the email method', () => {
  let service: TestService;
  let db: DataSource;
  let agentToken: string;

  beforeAll(async () => {
    service = await startTestService({ RECOVERY_COOLING_OFF: '0' });
    db = await openTestDatabase();
    agentToken = await signIn(service.baseUrl, await newStaff(db, { role: 'agent' }));
  });

  afterAll(async () => {
    await db.destroy();
    await service.close();
  });

  /** An orphaned environment: its only administrator deactivated, two organisations, one active user. */
  async function orphanedEnvironment(): Promise<TestEnvironment> {
    return newEnvironment(db, {
      organisations: 2,
      users: [{ role: 'administrator', status: 'deactivated' }, { role: 'user' }],
    });
  }

  /** The addresses the case's first code went to, as staff see them on its trail. */
  async function codeSentTo(reference: string): Promise<unknown> {
    const answer = await requestJson<{ events: { type: string; details: Record<string, unknown> }[] }>(
      service.baseUrl,
      'GET',
      `/api/cases/${reference}`,
      { headers: bearer(agentToken) },
    );
    return answer.body.events.find((event) => event.type === 'email_code_sent')?.details.to;
  }

  /** Mails of the case carrying a code that went to `address`. */
  const codeMailsTo = (address: string, reference: string) =>
    service.mail.mails.filter(
      (m) => m.to.includes(address) && m.subject.includes(reference) && /Verification code/.test(m.subject),
    );

  it('mails a code to the known addresses, and after review appoints the requester', async () => {
    const { environment, organisations, users } = await orphanedEnvironment();
    const [formerAdmin, colleague] = users;
    const request = newRecoveryRequest({
      method: 'email',
      kvkNumber: organisations[0]?.kvkNumber,
      formerAdminEmail: 'someone.typed.this@attacker.example',
    });
    const link = await submitAndOpenMail(service, request);

    const confirmed = await requesterAction(service, link, 'confirm');
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.status).toBe('awaiting_email_code');

    const codeMail = await service.mail.waitForMail(
      (m) => m.subject.includes(link.reference) && m.to.includes(environment.contactEmail),
    );
    const waiting = await caseReaches(service, link, 'awaiting_email_code');
    // Staff see who got the code: the contact address, and not the deactivated administrator.
    expect(await codeSentTo(link.reference)).toEqual([environment.contactEmail]);
    expect(codeMailsTo(formerAdmin?.email ?? '-', link.reference)).toEqual([]);
    expect(waiting.allowances.codeTriesLeft).toBe(5);

    const wrong = await requesterAction(service, link, 'email-code', {
      code: '00000000' === codeFrom(codeMail) ? '11111111' : '00000000',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.message).toContain('4 tries left');

    const right = await requesterAction(service, link, 'email-code', { code: codeFrom(codeMail) });
    expect(right.status).toBe(200);
    expect(right.body.status).toBe('awaiting_review');

    const approved = await decide(service, agentToken, link.reference, { decision: 'approve' });
    expect(approved.status).toBe(200);
    await caseReaches(service, link, 'completed');

    const appointed = await db.query<{ role: string; status: string; id: string }[]>(
      `SELECT id, role, status FROM users WHERE environment_id = $1 AND lower(email) = lower($2)`,
      [environment.id, request.requesterEmail],
    );
    expect(appointed).toEqual([expect.objectContaining({ role: 'administrator', status: 'invited' })]);
    const memberships = await db.query<{ organisation_id: string; role: string }[]>(
      `SELECT organisation_id, role FROM organisation_memberships WHERE user_id = $1 ORDER BY organisation_id`,
      [appointed[0]?.id],
    );
    // The email method verified the requester through the environment's own addresses: all organisations.
    expect(memberships.map((m) => m.organisation_id).sort()).toEqual(organisations.map((o) => o.id).sort());
    expect(memberships.every((m) => m.role === 'administrator')).toBe(true);

    await service.mail.waitForMail(
      (m) => m.to.includes(String(request.requesterEmail)) && /administrator/i.test(m.subject),
    );
    await service.mail.waitForMail(
      (m) => m.to.includes(colleague?.email ?? '-') && /administrator/i.test(m.subject),
    );
    // Never a code to the address the requester typed.
    expect(service.mail.mails.filter((m) => m.to.includes('someone.typed.this@attacker.example'))).toEqual(
      [],
    );
  });

  // The attack: a dismissed administrator, whose address is still on record (deactivated), asks for the
  // environment back from that address. They get the access link (it is their address), never a code.
  it("never mails a code to the requester's own address or to a deactivated user's", async () => {
    const { environment, organisations, users } = await orphanedEnvironment();
    const [dismissed] = users;
    if (!dismissed) throw new Error('no administrator');
    const request = newRecoveryRequest({
      method: 'email',
      kvkNumber: organisations[0]?.kvkNumber,
      requesterEmail: dismissed.email,
      formerAdminEmail: dismissed.email,
    });
    const link = await submitAndOpenMail(service, request);
    expect((await requesterAction(service, link, 'confirm')).body.status).toBe('awaiting_email_code');
    await service.mail.waitForMail(
      (m) => m.to.includes(environment.contactEmail) && m.subject.includes(link.reference),
    );

    expect(await codeSentTo(link.reference)).toEqual([environment.contactEmail]);
    expect(codeMailsTo(dismissed.email, link.reference)).toEqual([]);
  });

  it('asks for the extract when no known address could prove anything: only free-mail or the requester', async () => {
    const { environment, organisations } = await newEnvironment(db, {
      organisations: 1,
      users: [{ role: 'administrator', status: 'deactivated' }],
    });
    // The environment's only addresses: its contact, which is the requester's own, and a free-mail one.
    await db.query(`UPDATE organisations SET contact_email = $1 WHERE id = $2`, [
      `acme.${environment.id.slice(0, 8)}@gmail.com`,
      organisations[0]?.id,
    ]);
    const request = newRecoveryRequest({
      method: 'email',
      kvkNumber: organisations[0]?.kvkNumber,
      requesterEmail: environment.contactEmail,
    });
    const link = await submitAndOpenMail(service, request);
    expect((await requesterAction(service, link, 'confirm')).body.status).toBe('awaiting_document');
    expect(await codeSentTo(link.reference)).toBeUndefined();
  });
});
