import type { AddressInfo } from 'node:net';

import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';

import type { CapturedMail } from './captured-mail';

export interface MailCatcherOptions {
  /** Defaults to 127.0.0.1. */
  host?: string;
  /** 0 or omitted: a free port, chosen at the first start() and kept for later restarts. */
  port?: number;
}

type MailListener = (mail: CapturedMail) => void;

// Upper bound for stop(): connections are closed at once, this only covers a client that never hangs up.
const CLOSE_TIMEOUT_MS = 1_000;
const SEEN_IN_ERROR = 20;

/**
 * A real SMTP server in-process that keeps every message it receives, for tests and `npm run dev`.
 * It accepts any sender, recipient and credentials, without TLS.
 */
export class MailCatcher {
  private readonly host: string;
  private currentPort: number;
  private server: SMTPServer | undefined;
  private starting: Promise<void> | undefined;
  private captured: CapturedMail[] = [];
  private nextId = 1;
  private readonly listeners = new Set<MailListener>();

  constructor(options: MailCatcherOptions = {}) {
    this.host = options.host ?? '127.0.0.1';
    this.currentPort = options.port ?? 0;
  }

  /** Starts listening; after stop(), listens again on the same port (to simulate an SMTP outage). */
  async start(): Promise<void> {
    if (this.server !== undefined) return;
    // Concurrent calls share one listen, so a port-0 catcher cannot end up with two servers.
    this.starting ??= this.listen().finally(() => (this.starting = undefined));
    return this.starting;
  }

  /** Stops listening and closes open connections (clients get a 421). Captured mail is kept. */
  async stop(): Promise<void> {
    const server = this.server;
    if (server === undefined) return;
    this.server = undefined;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      for (const connection of [...server.connections]) {
        connection.send(421, 'Server shutting down');
        connection.close();
      }
    });
  }

  get port(): number {
    if (this.currentPort === 0) throw new Error('MailCatcher has no port before its first start()');
    return this.currentPort;
  }

  get smtpUrl(): string {
    return `smtp://${this.host}:${this.port}`;
  }

  /** Captured mail, oldest first (a snapshot). */
  get mails(): readonly CapturedMail[] {
    return [...this.captured];
  }

  /** Forgets captured mail; ids keep counting up. */
  clear(): void {
    this.captured = [];
  }

  /** Calls `listener` for every mail received from now on; returns the unsubscribe function. */
  onMail(listener: MailListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** The first captured mail matching `predicate`, already received or still to come. */
  waitForMail(predicate: (mail: CapturedMail) => boolean, timeoutMs = 10_000): Promise<CapturedMail> {
    const existing = this.captured.find(predicate);
    if (existing !== undefined) return Promise.resolve(existing);
    return new Promise<CapturedMail>((resolve, reject) => {
      const timer = setTimeout(() => {
        unsubscribe();
        reject(new Error(`No matching mail within ${timeoutMs} ms. ${this.describeSeen()}`));
      }, timeoutMs);
      const unsubscribe = this.onMail((mail) => {
        let matches: boolean;
        try {
          matches = predicate(mail);
        } catch (error) {
          clearTimeout(timer);
          unsubscribe();
          reject(error instanceof Error ? error : new Error(String(error)));
          return;
        }
        if (!matches) return;
        clearTimeout(timer);
        unsubscribe();
        resolve(mail);
      });
    });
  }

  private async listen(): Promise<void> {
    const server = new SMTPServer({
      authOptional: true,
      // Apps configured with SMTP credentials must still be able to send here, over plain TCP.
      allowInsecureAuth: true,
      onAuth: (auth, _session, callback) => callback(null, { user: auth.username ?? 'anonymous' }),
      disabledCommands: ['STARTTLS'],
      // Reverse DNS of 127.0.0.1 adds latency (or hangs) on machines without a resolver.
      disableReverseLookup: true,
      logger: false,
      closeTimeout: CLOSE_TIMEOUT_MS,
      onData: (stream, session, callback) => {
        this.receive(stream, session).then(
          () => callback(),
          (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
        );
      },
    });
    const listening = await new Promise<AddressInfo>((resolve, reject) => {
      server.once('error', reject);
      const netServer = server.listen(this.currentPort, this.host, () => {
        server.off('error', reject);
        const address = netServer.address();
        if (address === null || typeof address === 'string') {
          reject(new Error('SMTP server has no TCP address'));
        } else {
          resolve(address);
        }
      });
    });
    // smtp-server reports broken client connections as 'error' events; unheard, they would crash the process.
    server.on('error', () => undefined);
    this.currentPort = listening.port;
    this.server = server;
  }

  private async receive(stream: SMTPServerDataStream, session: SMTPServerSession): Promise<void> {
    const parsed = await simpleParser(stream);
    const mail = toCapturedMail(this.nextId++, parsed, session);
    this.captured.push(mail);
    for (const listener of [...this.listeners]) {
      try {
        listener(mail);
      } catch (error) {
        // A failing listener is a bug in the caller, not a reason to refuse the mail to the sender.
        console.error('MailCatcher: an onMail listener threw', error);
      }
    }
  }

  private describeSeen(): string {
    if (this.captured.length === 0) return 'No mail was received.';
    const lines = this.captured
      .slice(-SEEN_IN_ERROR)
      .map((m) => `  #${m.id} ${JSON.stringify(m.subject)} -> ${m.to.join(', ')}`);
    const latest = this.captured.length > SEEN_IN_ERROR ? `, the latest ${SEEN_IN_ERROR} shown` : '';
    return `Received ${this.captured.length} other mail(s)${latest}:\n${lines.join('\n')}`;
  }
}

function toCapturedMail(id: number, parsed: ParsedMail, session: SMTPServerSession): CapturedMail {
  const { mailFrom, rcptTo } = session.envelope;
  const mail: CapturedMail = {
    id,
    from: parsed.from?.text ?? (mailFrom === false ? '' : mailFrom.address),
    to: rcptTo.map((recipient) => recipient.address.toLowerCase()),
    subject: parsed.subject ?? '',
    text: parsed.text ?? '',
    receivedAt: new Date(),
    headers: rawHeaders(parsed),
  };
  if (parsed.messageId !== undefined) mail.messageId = parsed.messageId;
  if (parsed.html !== false) mail.html = parsed.html;
  return mail;
}

function rawHeaders(parsed: ParsedMail): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const { key, line } of parsed.headerLines) {
    const value = line
      .slice(line.indexOf(':') + 1)
      .replace(/\r?\n(?=[ \t])/g, '')
      .trim();
    const name = key.toLowerCase();
    const previous = headers[name];
    headers[name] = previous === undefined ? value : `${previous}\n${value}`;
  }
  return headers;
}
