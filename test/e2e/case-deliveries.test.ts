import type { DataSource } from 'typeorm';
import type { CapturedMail } from '../../tools/mail-catcher/captured-mail';
import { openTestDatabase } from '../support/database';
import { newEnvironment, type TestEnvironment } from '../support/directory';
import { eventually } from '../support/eventually';
import { newRecoveryRequest } from '../support/factories';
import { bearer, requestJson } from '../support/http-client';
import { PageClient } from '../support/page-client';
import { requesterAction } from '../support/recovery-flow';
import { requesterStatus, submitAndOpenMail, type AccessLink } from '../support/requester';
import { newStaff, signIn, type TestStaff } from '../support/staff';
import { startTestService, type TestService } from '../support/test-service';

// The mails of a case as staff see them (`deliveries` of GET /api/cases/:reference and the console's
// "Mail" section): one per recipient, sent or refused as the real SMTP server answered, never shown to
// the requester.

interface Delivery {
  purpose: string;
  recipient: string;
  messageId: string;
  state: string;
  attempts: number;
  lastAttemptAt: string | null;
  sentAt: string | null;
  refusedAt: string | null;
  smtpStatus: number | null;
  createdAt: string;
}

interface StaffCase {
  reference: string;
  deliveries: Delivery[];
  message?: string;
}

/** What a delivery says, without its times (checked apart). */
const outcomeOf = ({ purpose, recipient, messageId, state, attempts, smtpStatus }: Delivery) => ({
  purpose,
  recipient: recipient.toLowerCase(),
  messageId,
  state,
  attempts,
  smtpStatus,
});

describe("the mails of a case, on the staff's case view", () => {
  let service: TestService;
  let db: DataSource;
  let agent: TestStaff;
  let agentToken: string;

  beforeAll(async () => {
    service = await startTestService();
    db = await openTestDatabase();
    agent = await newStaff(db, { role: 'agent' });
    agentToken = await signIn(service.baseUrl, agent);
  });

  afterEach(() => {
    service.mail.refuseRecipients(null);
  });

  afterAll(async () => {
    await db.destroy();
    await service.close();
  });

  const staffCase = (reference: string, headers = bearer(agentToken)) =>
    requestJson<StaffCase>(service.baseUrl, 'GET', `/api/cases/${reference}`, { headers });

  /** The case's deliveries once none is pending any more: the row is written just after the server answered. */
  const settledDeliveries = (reference: string, count: number): Promise<Delivery[]> =>
    eventually(async () => {
      const answer = await staffCase(reference);
      expect(answer.status).toBe(200);
      expect(answer.body.deliveries).toHaveLength(count);
      expect(answer.body.deliveries.filter((d) => d.state === 'pending')).toEqual([]);
      return answer.body.deliveries;
    }, 20_000);

  /**
   * An email-method case, confirmed: its access link went to the requester, and the code to the two addresses
   * of the environment that may receive one (its contact, then its organisation's: the order of the
   * addresses; never its deactivated administrator).
   */
  async function confirmedEmailCase(): Promise<{
    link: AccessLink;
    requesterEmail: string;
    directory: TestEnvironment;
    codeRecipients: string[];
  }> {
    const directory = await newEnvironment(db, {
      organisations: 1,
      users: [{ role: 'administrator', status: 'deactivated' }, { role: 'user' }],
    });
    const office = directory.environment.contactEmail.replace(/^info\./, 'office.');
    await db.query('UPDATE organisations SET contact_email = $1 WHERE id = $2', [
      office,
      directory.organisations[0]!.id,
    ]);
    const request = newRecoveryRequest({ method: 'email', kvkNumber: directory.organisations[0]!.kvkNumber });
    const link = await submitAndOpenMail(service, request);
    expect((await requesterAction(service, link, 'confirm')).status).toBe(200);
    const codeRecipients = [directory.environment.contactEmail, office].map((address) =>
      address.toLowerCase(),
    );
    return { link, requesterEmail: String(request.requesterEmail).toLowerCase(), directory, codeRecipients };
  }

  /** The one mail of the case that reached `recipient`. */
  const mailTo = (reference: string, recipient: string): Promise<CapturedMail> =>
    service.mail.waitForMail((m) => m.subject.includes(reference) && m.to.includes(recipient));

  it('lists the access link and the codes as sent, oldest first, with the Message-IDs the mail server got', async () => {
    const { link, requesterEmail, codeRecipients } = await confirmedEmailCase();
    const [linkMail, ...codeMails] = await Promise.all(
      [requesterEmail, ...codeRecipients].map((recipient) => mailTo(link.reference, recipient)),
    );

    const deliveries = await settledDeliveries(link.reference, 3);
    expect(deliveries.map(outcomeOf)).toEqual([
      {
        purpose: 'case-link',
        recipient: requesterEmail,
        messageId: linkMail!.messageId,
        state: 'sent',
        attempts: 1,
        smtpStatus: null,
      },
      ...codeRecipients.map((recipient, i) => ({
        purpose: 'email-code',
        recipient,
        messageId: codeMails[i]!.messageId,
        state: 'sent',
        attempts: 1,
        smtpStatus: null,
      })),
    ]);
    // Each Message-ID went out exactly once, to that recipient alone.
    for (const delivery of deliveries) {
      const received = service.mail.mails.filter((m) => m.messageId === delivery.messageId);
      expect(received.map((m) => m.to)).toEqual([[delivery.recipient.toLowerCase()]]);
    }
    for (const delivery of deliveries) {
      expect(delivery).toMatchObject({ refusedAt: null, smtpStatus: null });
      expect(Date.parse(delivery.sentAt ?? '')).toBeGreaterThanOrEqual(Date.parse(delivery.createdAt));
      expect(Date.parse(delivery.lastAttemptAt ?? '')).toBeLessThanOrEqual(Date.parse(delivery.sentAt ?? ''));
    }
    const created = deliveries.map((d) => Date.parse(d.createdAt));
    expect(created).toEqual([...created].sort((a, b) => a - b));
  });

  it('shows a code refused by the mail server (550) as refused, on the API and the case page, the others sent', async () => {
    const directory = await newEnvironment(db, {
      organisations: 1,
      users: [{ role: 'administrator', status: 'deactivated' }, { role: 'user' }],
    });
    const office = directory.environment.contactEmail.replace(/^info\./, 'office.').toLowerCase();
    await db.query('UPDATE organisations SET contact_email = $1 WHERE id = $2', [
      office,
      directory.organisations[0]!.id,
    ]);
    service.mail.refuseRecipients((address) => address.toLowerCase() === office);
    const request = newRecoveryRequest({ method: 'email', kvkNumber: directory.organisations[0]!.kvkNumber });
    const requesterEmail = String(request.requesterEmail).toLowerCase();
    const link = await submitAndOpenMail(service, request);
    expect((await requesterAction(service, link, 'confirm')).status).toBe(200);
    const contact = directory.environment.contactEmail.toLowerCase();
    const [linkMail, contactMail] = await Promise.all([
      mailTo(link.reference, requesterEmail),
      mailTo(link.reference, contact),
    ]);

    const deliveries = await settledDeliveries(link.reference, 3);
    expect(deliveries.map(outcomeOf)).toEqual([
      {
        purpose: 'case-link',
        recipient: requesterEmail,
        messageId: linkMail.messageId,
        state: 'sent',
        attempts: 1,
        smtpStatus: null,
      },
      {
        purpose: 'email-code',
        recipient: contact,
        messageId: contactMail.messageId,
        state: 'sent',
        attempts: 1,
        smtpStatus: null,
      },
      {
        purpose: 'email-code',
        recipient: office,
        messageId: expect.stringMatching(/^<email-code-1-.+>$/) as string,
        state: 'refused',
        attempts: 1,
        smtpStatus: 550,
      },
    ]);
    const refused = deliveries[2]!;
    expect(refused).toMatchObject({ sentAt: null, refusedAt: expect.any(String) as string });
    expect(service.mail.mails.filter((m) => m.to.includes(office))).toEqual([]);

    // The console's case page: the section, the refusal said above the table and beside the case's state.
    const pages = await PageClient.signedIn(service.baseUrl, agent);
    const answer = await pages.get(`/console/cases/${link.reference}`);
    expect(answer.status).toBe(200);
    // As a person reads it: the page's line breaks are spaces.
    const page = (await answer.text()).replace(/\s+/g, ' ');
    expect(page).toContain('<h2 id="mail-title">Mail</h2>');
    expect(page).toMatch(/<a class="badge badge--bad" href="#mail" ?>A mail was refused<\/a ?>/);
    expect(page).toContain('One mail was refused by the mail server');
    expect(page).toContain(`<li> Email code to ${office} (SMTP 550) </li>`);
    const mailSection = page.slice(page.indexOf('<h2 id="mail-title">'), page.indexOf('id="events-title"'));
    const rows = [...mailSection.matchAll(/<tr> (<td>.*?)<\/tr>/g)].map((row) => row[1]);
    // Newest first: the code to the organisation's contact, to the environment's, then the access link.
    expect(rows).toHaveLength(3);
    expect(rows[0]).toContain(`<td>email code</td><td>${office}</td>`);
    expect(rows[0]).toContain('<span class="badge badge--bad">Refused (SMTP 550)</span>');
    expect(rows[0]).toContain(`<td><time datetime="${refused.refusedAt ?? ''}">`);
    expect(rows[1]).toContain(`<td>email code</td><td>${contact}</td>`);
    expect(rows[1]).toContain('<span class="badge badge--good">Sent</span>');
    expect(rows[2]).toContain(`<td>access link</td><td>${requesterEmail}</td>`);
    expect(rows[2]).toContain('<span class="badge badge--good">Sent</span>');
  });

  it("is not on the requester's own view, and the requester's token cannot read the staff's", async () => {
    const { link, requesterEmail } = await confirmedEmailCase();
    await mailTo(link.reference, requesterEmail);
    await settledDeliveries(link.reference, 3);

    const own = await requesterStatus(service, link);
    expect(own.status).toBe(200);
    expect(own.body.reference).toBe(link.reference);
    expect(own.body).not.toHaveProperty('deliveries');
    // No address of the environment's, nor any Message-ID, anywhere in it.
    const text = JSON.stringify(own.body);
    expect(text).not.toContain('@env.example');
    expect(text).not.toContain('<email-code');

    const withRequesterToken = await staffCase(link.reference, bearer(link.token));
    expect(withRequesterToken.status).toBe(401);
    expect(withRequesterToken.body).not.toHaveProperty('deliveries');
    const anonymous = await staffCase(link.reference, {});
    expect(anonymous.status).toBe(401);
  });
});
