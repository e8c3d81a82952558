import { createTransport, type Transporter } from 'nodemailer';

import { MailCatcher } from './mail-catcher';
import { startMailCatcherWeb, type MailCatcherWeb } from './mail-catcher-web';

describe('MailCatcher', () => {
  let catcher: MailCatcher;
  let transport: Transporter;

  beforeEach(async () => {
    catcher = new MailCatcher();
    await catcher.start();
    transport = createTransport(catcher.smtpUrl);
  });

  afterEach(async () => {
    transport.close();
    await catcher.stop();
  });

  it('captures a sent mail with envelope recipients, subject, text, html and headers', async () => {
    await transport.sendMail({
      from: '"eConnect Support" <support@example.com>',
      to: 'Alice@Example.COM',
      bcc: 'audit@example.com',
      subject: 'Recovery requested',
      text: 'Confirm at https://example.com/confirm?token=abc',
      html: '<p>Confirm <a href="https://example.com/confirm?token=abc">here</a></p>',
      headers: { 'X-Recovery-Id': 'r-42' },
    });

    const mail = await catcher.waitForMail((m) => m.subject === 'Recovery requested');
    expect(mail).toMatchObject({
      id: 1,
      from: '"eConnect Support" <support@example.com>',
      to: ['alice@example.com', 'audit@example.com'],
      subject: 'Recovery requested',
      text: 'Confirm at https://example.com/confirm?token=abc',
      html: '<p>Confirm <a href="https://example.com/confirm?token=abc">here</a></p>',
    });
    expect(mail.messageId).toMatch(/^<.+@.+>$/);
    expect(mail.headers['x-recovery-id']).toBe('r-42');
    expect(mail.receivedAt).toBeInstanceOf(Date);
    expect(catcher.mails).toHaveLength(1);
  });

  it('waits for a mail that arrives later and notifies listeners', async () => {
    const seen: string[] = [];
    const unsubscribe = catcher.onMail((m) => seen.push(m.subject));
    const waiting = catcher.waitForMail((m) => m.to.includes('bob@example.com'), 5_000);

    await transport.sendMail({ from: 'a@example.com', to: 'carol@example.com', subject: 'first', text: '1' });
    await transport.sendMail({ from: 'a@example.com', to: 'bob@example.com', subject: 'second', text: '2' });
    unsubscribe();
    await transport.sendMail({ from: 'a@example.com', to: 'bob@example.com', subject: 'third', text: '3' });

    await expect(waiting).resolves.toMatchObject({ subject: 'second' });
    expect(seen).toEqual(['first', 'second']);
  });

  it('rejects waitForMail on timeout, listing what it did receive', async () => {
    await transport.sendMail({ from: 'a@example.com', to: 'carol@example.com', subject: 'Hello', text: 'x' });

    await expect(catcher.waitForMail((m) => m.subject === 'Missing', 200)).rejects.toThrow(
      /No matching mail within 200 ms[\s\S]*"Hello" -> carol@example\.com/,
    );
  });

  it('keeps its port across stop and start, refusing connections while stopped', async () => {
    const port = catcher.port;
    await catcher.stop();

    await expect(
      transport.sendMail({ from: 'a@example.com', to: 'b@example.com', subject: 'lost', text: 'x' }),
    ).rejects.toThrow(/ECONNREFUSED/);

    await catcher.start();
    expect(catcher.port).toBe(port);
    await transport.sendMail({ from: 'a@example.com', to: 'b@example.com', subject: 'back', text: 'x' });
    await expect(catcher.waitForMail((m) => m.subject === 'back', 2_000)).resolves.toBeDefined();
  });

  it('refuses a matching recipient at RCPT TO with a 550 naming it, and accepts everyone after null', async () => {
    catcher.refuseRecipients((address) => address.toLowerCase() === 'gone@example.com');

    await expect(
      transport.sendMail({ from: 'a@example.com', to: 'Gone@Example.com', subject: 'refused', text: 'x' }),
    ).rejects.toMatchObject({
      code: 'EENVELOPE',
      command: 'RCPT TO',
      responseCode: 550,
      // nodemailer writes the domain in lower case.
      rejected: ['Gone@example.com'],
      rejectedErrors: [
        expect.objectContaining({
          responseCode: 550,
          response: '550 5.1.1 <Gone@example.com>: mailbox unavailable',
        }),
      ],
    });

    // The other recipients of a message are still accepted: only they get it.
    const info = (await transport.sendMail({
      from: 'a@example.com',
      to: ['gone@example.com', 'here@example.com'],
      subject: 'partly refused',
      text: 'x',
    })) as { accepted: string[]; rejected: string[] };
    expect(info).toMatchObject({ accepted: ['here@example.com'], rejected: ['gone@example.com'] });

    catcher.refuseRecipients(null);
    await transport.sendMail({ from: 'a@example.com', to: 'gone@example.com', subject: 'back', text: 'x' });

    expect(catcher.mails.map((m) => [m.subject, m.to])).toEqual([
      ['partly refused', ['here@example.com']],
      ['back', ['gone@example.com']],
    ]);
  });

  it('keeps refusing recipients across stop and start', async () => {
    catcher.refuseRecipients(() => true);
    await catcher.stop();
    await catcher.start();

    await expect(
      transport.sendMail({ from: 'a@example.com', to: 'b@example.com', subject: 'x', text: 'x' }),
    ).rejects.toMatchObject({ responseCode: 550 });
  });

  it('drops the connection in the middle of DATA for the next messages, capturing nothing of them', async () => {
    catcher.dropConnectionsDuringData(2);
    const send = (subject: string) =>
      transport.sendMail({ from: 'a@example.com', to: 'b@example.com', subject, text: 'x'.repeat(10_000) });

    await expect(send('dropped 1')).rejects.toMatchObject({ code: 'ECONNECTION' });
    await expect(send('dropped 2')).rejects.toMatchObject({ code: 'ECONNECTION' });
    await send('kept');

    expect(catcher.mails.map((m) => m.subject)).toEqual(['kept']);
  });

  it('refuses a count of drops that is not a whole number', () => {
    expect(() => catcher.dropConnectionsDuringData(-1)).toThrow(RangeError);
    expect(() => catcher.dropConnectionsDuringData(1.5)).toThrow(RangeError);
  });

  it('clear() forgets mail while ids keep counting', async () => {
    await transport.sendMail({ from: 'a@example.com', to: 'b@example.com', subject: 'one', text: 'x' });
    catcher.clear();
    await transport.sendMail({ from: 'a@example.com', to: 'b@example.com', subject: 'two', text: 'x' });

    expect(catcher.mails.map((m) => [m.id, m.subject])).toEqual([[2, 'two']]);
  });
});

describe('startMailCatcherWeb', () => {
  let catcher: MailCatcher;
  let web: MailCatcherWeb;

  beforeAll(async () => {
    catcher = new MailCatcher();
    await catcher.start();
    web = await startMailCatcherWeb(catcher, {});
    const transport = createTransport(catcher.smtpUrl);
    await transport.sendMail({
      from: 'a@example.com',
      to: 'dave@example.com',
      subject: 'Hi <script>alert(1)</script>',
      text: 'Open https://example.com/recover?t=1&u=2. <b>not bold</b>',
      html: '<p onclick="x()">"quoted" & <b>bold</b></p>',
    });
    transport.close();
  });

  afterAll(async () => {
    await web.stop();
    await catcher.stop();
  });

  async function get(path: string): Promise<{ status: number; body: string; type: string | null }> {
    const response = await fetch(`${web.url}${path}`);
    return {
      status: response.status,
      body: await response.text(),
      type: response.headers.get('content-type'),
    };
  }

  it('lists mail in the inbox with the subject escaped', async () => {
    const { status, body } = await get('/');

    expect(status).toBe(200);
    expect(body).toContain('dave@example.com');
    expect(body).toContain('Hi &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(body).not.toContain('<script>');
    expect(body).toContain('<a href="/mails/1">');
    expect(body).toContain('<meta http-equiv="refresh" content="5">');
  });

  it('shows a mail with clickable links, escaped text and the HTML part in a sandboxed iframe', async () => {
    const { status, body } = await get('/mails/1');

    expect(status).toBe(200);
    expect(body).toContain(
      '<a href="https://example.com/recover?t=1&amp;u=2" rel="noreferrer noopener" target="_blank">',
    );
    expect(body).toContain('&lt;b&gt;not bold&lt;/b&gt;');
    expect(body).toContain(
      '<iframe sandbox srcdoc="&lt;p onclick=&quot;x()&quot;&gt;&quot;quoted&quot; &amp; &lt;b&gt;bold&lt;/b&gt;&lt;/p&gt;"',
    );
    expect(body).not.toContain('<script>');
  });

  it('serves the mails as JSON and 404 for unknown mails', async () => {
    const api = await get('/api/mails');
    expect(api.type).toMatch(/^application\/json/);
    expect(JSON.parse(api.body)).toEqual([
      expect.objectContaining({ id: 1, to: ['dave@example.com'], subject: 'Hi <script>alert(1)</script>' }),
    ]);

    expect((await get('/mails/99')).status).toBe(404);
  });
});
