import { randomUUID } from 'node:crypto';
import type { LoggerService } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import type { DataSource } from 'typeorm';
import { ConfigModule } from '@app/config';
import { MailDeliveries, Mailer, MailModule, MailUnavailableError } from '@app/mail';
import { MailDeliveryRepository, PersistenceModule } from '@app/persistence';
import { MailCatcher } from '../../tools/mail-catcher/mail-catcher';
import { newCase } from '../support/cases';
import { openTestDatabase } from '../support/database';
import { testConfig } from '../support/test-config';

/** Every line logged, with its arguments, as one string: to look for what must never be in a log. */
class CapturedLogs implements LoggerService {
  readonly lines: string[] = [];
  log = (...args: unknown[]) => this.lines.push(JSON.stringify(args));
  warn = (...args: unknown[]) => this.lines.push(JSON.stringify(args));
  error = (...args: unknown[]) => this.lines.push(JSON.stringify(args));
  debug = (...args: unknown[]) => this.lines.push(JSON.stringify(args));
  verbose = (...args: unknown[]) => this.lines.push(JSON.stringify(args));
}

interface DeliveryRow {
  id: string;
  case_id: string | null;
  state: string;
  attempts: number;
  claimed_until: Date | null;
  sent_at: Date | null;
  refused_at: Date | null;
  smtp_status: number | null;
}

// The library against a real SMTP server (the MailCatcher, which can refuse an address or drop a connection)
// and the run's migrated database: what an activity retried by Temporal would do, called directly.
describe(MailDeliveries.name, () => {
  let catcher: MailCatcher;
  let module: TestingModule;
  let deliveries: MailDeliveries;
  let mailer: Mailer;
  let db: DataSource;
  const logs = new CapturedLogs();

  beforeAll(async () => {
    catcher = new MailCatcher();
    await catcher.start();
    module = await Test.createTestingModule({
      imports: [
        ConfigModule.forRoot(testConfig({ SMTP_URL: catcher.smtpUrl })),
        PersistenceModule,
        MailModule,
      ],
    }).compile();
    module.useLogger(logs);
    await module.init();
    deliveries = module.get(MailDeliveries);
    mailer = module.get(Mailer);
    db = await openTestDatabase();
  });

  afterEach(() => {
    catcher.refuseRecipients(null);
  });

  afterAll(async () => {
    await db.destroy();
    await module.close();
    await catcher.stop();
  });

  /** A mail of its own to one new address, with its stable Message-ID. */
  function aMail(caseId: string | null, purpose = 'case-link', recipient = newAddress()) {
    return {
      caseId,
      purpose,
      to: recipient,
      subject: `Subject ${purpose}`,
      text: 'Hello,\n\nThe text.\n\neConnect Support',
      html: '<p>Hello,</p>',
      messageId: mailer.messageId(purpose, randomUUID()),
    };
  }

  function newAddress(): string {
    return `someone.${randomUUID().slice(0, 8)}@customer.example`;
  }

  /** How many copies of the mail the SMTP server received. */
  function received(messageId: string): number {
    return catcher.mails.filter((m) => m.messageId === messageId).length;
  }

  async function row(messageId: string): Promise<DeliveryRow | undefined> {
    const [found] = await db.query<DeliveryRow[]>(
      `SELECT id, case_id, state, attempts, claimed_until, sent_at, refused_at, smtp_status
         FROM mail_deliveries WHERE message_id = $1`,
      [messageId],
    );
    return found;
  }

  async function failure(promise: Promise<unknown>): Promise<unknown> {
    return promise.then(
      (outcome) => {
        throw new Error(`expected a failure, got ${JSON.stringify(outcome)}`);
      },
      (error: unknown) => error,
    );
  }

  it('sends a mail once: a second delivery answers sent without sending it again', async () => {
    const kase = await newCase(db);
    const mail = aMail(kase.id);

    await expect(deliveries.deliver(mail)).resolves.toBe('sent');
    expect(received(mail.messageId)).toBe(1);
    expect(catcher.mails.find((m) => m.messageId === mail.messageId)?.to).toEqual([mail.to]);
    expect(await row(mail.messageId)).toMatchObject({
      case_id: kase.id,
      state: 'sent',
      attempts: 1,
      claimed_until: null,
      sent_at: expect.any(Date) as Date,
      refused_at: null,
      smtp_status: null,
    });

    await expect(deliveries.deliver(mail)).resolves.toBe('sent');
    expect(received(mail.messageId)).toBe(1);
    expect((await row(mail.messageId))?.attempts).toBe(1);
  });

  it('takes a 550 for the recipient as refused, keeps the code only, and never tries the address again', async () => {
    const kase = await newCase(db);
    const mail = aMail(kase.id);
    let asked = 0;
    catcher.refuseRecipients((address) => {
      asked += 1;
      return address === mail.to;
    });
    const logsBefore = logs.lines.length;

    await expect(deliveries.deliver(mail)).resolves.toBe('refused');
    const refused = await row(mail.messageId);
    expect(refused).toMatchObject({
      state: 'refused',
      attempts: 1,
      claimed_until: null,
      sent_at: null,
      refused_at: expect.any(Date) as Date,
      smtp_status: 550,
    });
    expect(received(mail.messageId)).toBe(0);

    await expect(deliveries.deliver(mail)).resolves.toBe('refused');
    expect(asked).toBe(1);
    expect((await row(mail.messageId))?.attempts).toBe(1);

    // The log says which delivery and what code, never the address or the server's text.
    const logged = logs.lines.slice(logsBefore).join('\n');
    expect(logged).toContain(refused?.id);
    expect(logged).toContain('"responseCode":550');
    expect(logged).toContain('"errorCode":"EENVELOPE"');
    expect(logged).not.toContain(mail.to);
    expect(logged).not.toContain('mailbox unavailable');
  });

  it('leaves a mail whose connection dropped mid-message pending, with an error that tells nothing, and sends it later', async () => {
    const kase = await newCase(db);
    const mail = aMail(kase.id);
    catcher.dropConnectionsDuringData(1);
    const logsBefore = logs.lines.length;

    const error = await failure(deliveries.deliver(mail));
    expect(error).toBeInstanceOf(MailUnavailableError);
    expect(error).toMatchObject({ name: 'mail_unavailable', reason: 'smtp_unavailable' });
    const unavailable = error as MailUnavailableError;
    expect(unavailable.cause).toBeUndefined();
    // What Temporal keeps of a failure: its name, message, stack and cause.
    const seen = [unavailable.message, unavailable.stack ?? '', JSON.stringify(unavailable)].join('\n');
    for (const secret of [mail.to, 'Connection closed', 'ECONNECTION']) expect(seen).not.toContain(secret);
    expect(received(mail.messageId)).toBe(0);
    expect(await row(mail.messageId)).toMatchObject({ state: 'pending', attempts: 1, claimed_until: null });
    expect(logs.lines.slice(logsBefore).join('\n')).toContain('"errorCode":"ECONNECTION"');

    await expect(deliveries.deliver(mail)).resolves.toBe('sent');
    expect(received(mail.messageId)).toBe(1);
    expect(await row(mail.messageId)).toMatchObject({ state: 'sent', attempts: 2 });
  });

  it('throws MailUnavailableError while the SMTP server is away, and sends the mail once it is back', async () => {
    const kase = await newCase(db);
    const mail = aMail(kase.id);
    await catcher.stop();
    try {
      const error = await failure(deliveries.deliver(mail));
      expect(error).toBeInstanceOf(MailUnavailableError);
      expect(JSON.stringify(error)).not.toContain(mail.to);
      expect(await row(mail.messageId)).toMatchObject({ state: 'pending', attempts: 1, claimed_until: null });
    } finally {
      await catcher.start();
    }

    await expect(deliveries.deliver(mail)).resolves.toBe('sent');
    expect(received(mail.messageId)).toBe(1);
  });

  it('sends a mail once when two deliveries of it run at the same moment', async () => {
    const kase = await newCase(db);
    const mail = aMail(kase.id);

    const outcomes = await Promise.allSettled([deliveries.deliver(mail), deliveries.deliver(mail)]);
    // One took the lease and sent it; the other found it leased (retry later) or already sent.
    expect(
      outcomes.filter((o) => o.status === 'fulfilled' && o.value === 'sent').length,
    ).toBeGreaterThanOrEqual(1);
    for (const outcome of outcomes) {
      if (outcome.status === 'rejected') {
        expect(outcome.reason).toBeInstanceOf(MailUnavailableError);
        expect(outcome.reason).toMatchObject({ reason: 'delivery_in_progress' });
      }
    }
    expect(received(mail.messageId)).toBe(1);
    expect((await row(mail.messageId))?.attempts).toBe(1);

    await expect(deliveries.deliver(mail)).resolves.toBe('sent');
    expect(received(mail.messageId)).toBe(1);
  });

  it('waits for a lease another attempt holds, and takes over one that ran out', async () => {
    const kase = await newCase(db);
    const mail = aMail(kase.id);
    // An attempt that took the lease (and then, say, its worker died) a moment ago.
    await db.query(
      `INSERT INTO mail_deliveries (case_id, purpose, recipient, message_id, state, attempts, last_attempt_at, claimed_until)
       VALUES ($1, $2, $3, $4, 'pending', 1, now(), now() + interval '1 hour')`,
      [kase.id, mail.purpose, mail.to, mail.messageId],
    );

    await expect(deliveries.deliver(mail)).rejects.toMatchObject({
      name: 'mail_unavailable',
      reason: 'delivery_in_progress',
    });
    expect(received(mail.messageId)).toBe(0);
    expect((await row(mail.messageId))?.attempts).toBe(1);

    await db.query(
      `UPDATE mail_deliveries SET claimed_until = now() - interval '1 second' WHERE message_id = $1`,
      [mail.messageId],
    );
    await expect(deliveries.deliver(mail)).resolves.toBe('sent');
    expect(received(mail.messageId)).toBe(1);
    expect(await row(mail.messageId)).toMatchObject({ state: 'sent', attempts: 2, claimed_until: null });
  });

  it('withdraws a pending mail whose occasion passed, also one whose attempt died holding its lease', async () => {
    const kase = await newCase(db);
    const [held, queued, other, sent] = [
      aMail(kase.id, 'cooling-off-notice'),
      aMail(kase.id, 'cooling-off-notice'),
      aMail(kase.id, 'cooling-off-notice'),
      aMail(kase.id, 'cooling-off-notice'),
    ];
    await deliveries.deliver(sent);
    // An attempt took the lease of one and died; another was inserted and never claimed.
    for (const [mail, lease] of [
      [held, "now() + interval '1 hour'"],
      [queued, 'NULL'],
      [other, 'NULL'],
    ] as const) {
      await db.query(
        `INSERT INTO mail_deliveries (case_id, purpose, recipient, message_id, state, attempts, claimed_until)
         VALUES ($1, $2, $3, $4, 'pending', 1, ${lease})`,
        [kase.id, mail.purpose, mail.to, mail.messageId],
      );
    }

    await deliveries.withdrawPending(kase.id, 'cooling-off-notice', [
      held.messageId,
      queued.messageId,
      sent.messageId,
    ]);
    for (const mail of [held, queued]) {
      expect(await row(mail.messageId)).toMatchObject({ state: 'withdrawn', claimed_until: null });
      // No later attempt sends it.
      await expect(deliveries.deliver(mail)).resolves.toBe('withdrawn');
      expect(received(mail.messageId)).toBe(0);
    }
    // Those not named, and those already sent, stay as they were.
    expect((await row(other.messageId))?.state).toBe('pending');
    expect((await row(sent.messageId))?.state).toBe('sent');
    const listed = await deliveries.listForCase(kase.id);
    expect(listed.find((d) => d.messageId === held.messageId)?.withdrawnAt).toBeInstanceOf(Date);
  });

  it('records what became of a mail whose attempt was still sending when it was withdrawn', async () => {
    const kase = await newCase(db);
    const repository = module.get(MailDeliveryRepository);
    const [taken, refused] = [aMail(kase.id, 'review-overdue'), aMail(kase.id, 'review-overdue')];
    const claims = [];
    for (const mail of [taken, refused]) {
      await repository.insertIfAbsent({ ...mail, recipient: mail.to });
      claims.push(await repository.claim(mail.messageId, 60_000));
    }
    // Both attempts are talking to the SMTP server when the review is decided.
    await deliveries.withdrawPending(kase.id, 'review-overdue');
    expect((await row(taken.messageId))?.state).toBe('withdrawn');
    const [takenClaim, refusedClaim] = claims;
    await repository.markSent(takenClaim!.id);
    await repository.markRefused(refusedClaim!.id, 550);
    expect(await row(taken.messageId)).toMatchObject({ state: 'sent', sent_at: expect.any(Date) as Date });
    expect(await row(refused.messageId)).toMatchObject({ state: 'refused', smtp_status: 550 });
  });

  it('delivers a mail that belongs to no case', async () => {
    const mail = aMail(null, 'invitation');
    await expect(deliveries.deliver(mail)).resolves.toBe('sent');
    expect(await row(mail.messageId)).toMatchObject({ case_id: null, state: 'sent' });
  });

  it('refuses a Message-ID used before for another recipient, sending nothing', async () => {
    const kase = await newCase(db);
    const first = aMail(kase.id);
    await deliveries.deliver(first);
    const other = { ...first, to: newAddress() };

    await expect(deliveries.deliver(other)).rejects.toMatchObject({ name: 'mail_delivery_mismatch' });
    expect(catcher.mails.filter((m) => m.to.includes(other.to))).toEqual([]);
  });

  it("lists a case's mails oldest first, with what became of each", async () => {
    const kase = await newCase(db);
    const other = await newCase(db);
    const link = aMail(kase.id, 'case-link');
    const notice = aMail(kase.id, 'cooling-off-notice');
    catcher.refuseRecipients((address) => address === notice.to);
    await deliveries.deliver(link);
    await deliveries.deliver(notice);
    await deliveries.deliver(aMail(other.id));

    const listed = await deliveries.listForCase(kase.id);
    expect(listed).toEqual([
      expect.objectContaining({
        caseId: kase.id,
        purpose: 'case-link',
        recipient: link.to,
        messageId: link.messageId,
        state: 'sent',
        attempts: 1,
        sentAt: expect.any(Date) as Date,
        refusedAt: null,
        smtpStatus: null,
      }),
      expect.objectContaining({
        caseId: kase.id,
        purpose: 'cooling-off-notice',
        recipient: notice.to,
        messageId: notice.messageId,
        state: 'refused',
        attempts: 1,
        sentAt: null,
        refusedAt: expect.any(Date) as Date,
        smtpStatus: 550,
      }),
    ]);
    expect(listed[0]?.createdAt.getTime()).toBeLessThanOrEqual(listed[1]?.createdAt.getTime() ?? 0);
  });

  it('goes with its case when the case is deleted', async () => {
    const kase = await newCase(db);
    const mail = aMail(kase.id);
    await deliveries.deliver(mail);
    await db.query(`DELETE FROM recovery_cases WHERE id = $1`, [kase.id]);
    expect(await row(mail.messageId)).toBeUndefined();
  });
});
