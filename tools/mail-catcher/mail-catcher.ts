import type { AddressInfo, Socket } from 'node:net';

import { simpleParser, type ParsedMail } from 'mailparser';
import {
  SMTPServer,
  type SMTPServerDataStream,
  type SMTPServerError,
  type SMTPServerSession,
} from 'smtp-server';

import type { CapturedMail } from './captured-mail';

export interface MailCatcherOptions {
  /** Defaults to 127.0.0.1. */
  host?: string;
  /** 0 or omitted: a free port, chosen at the first start() and kept for later restarts. */
  port?: number;
}

type MailListener = (mail: CapturedMail) => void;

/** Decides, by its envelope address, whether a recipient is refused (see refuseRecipients). */
export type RecipientPredicate = (address: string) => boolean;

// Upper bound for stop(): connections are closed at once, this only covers a client that never hangs up.
const CLOSE_TIMEOUT_MS = 1_000;
const SEEN_IN_ERROR = 20;

/**
 * A real SMTP server in-process that keeps every message it receives, for tests and `npm run dev`.
 * It accepts any sender, recipient and credentials, without TLS; a test may have it refuse recipients
 * (refuseRecipients) or lose messages on the way (dropConnectionsDuringData).
 */
export class MailCatcher {
  private readonly host: string;
  private currentPort: number;
  private server: SMTPServer | undefined;
  private starting: Promise<void> | undefined;
  private captured: CapturedMail[] = [];
  private nextId = 1;
  private readonly listeners = new Set<MailListener>();
  private refusedRecipient: RecipientPredicate | null = null;
  private dropsLeft = 0;
  // The clients' sockets by their port (every client is on this host), to drop one in the middle of DATA.
  private readonly sockets = new Map<number, Socket>();

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

  /**
   * From now on, RCPT TO of an address matching `predicate` is answered `550 5.1.1 <address>: mailbox
   * unavailable`, as a server that knows the mailbox does not exist (the other recipients of the message are
   * still accepted); null accepts every address again. The reply names the address, as real servers' do,
   * so that a test can prove the server's text goes no further. Kept across stop() and start().
   */
  refuseRecipients(predicate: RecipientPredicate | null): void {
    this.refusedRecipient = predicate;
  }

  /**
   * The next `count` messages lose their connection in the middle of DATA: destroyed once their first bytes
   * arrived, before the reply to the final dot. Nothing of them is captured. Counts add up across calls.
   */
  dropConnectionsDuringData(count: number): void {
    if (!Number.isInteger(count) || count < 0) throw new RangeError('count is a whole number, 0 or more');
    this.dropsLeft += count;
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
      // smtp-server adds no enhanced status code by default (hideENHANCEDSTATUSCODES): the refusal writes its own.
      onRcptTo: (address, _session, callback) => {
        let refused: boolean;
        try {
          refused = this.refusedRecipient?.(address.address) ?? false;
        } catch {
          // A predicate that throws is a bug in the test: a passing failure, not a refusal for good.
          callback(smtpError(451, 'recipient check failed'));
          return;
        }
        callback(refused ? smtpError(550, `5.1.1 <${address.address}>: mailbox unavailable`) : null);
      },
      onData: (stream, session, callback) => {
        if (this.dropsLeft > 0) {
          this.dropsLeft -= 1;
          this.dropDuringData(stream, session);
          return;
        }
        this.receive(stream, session).then(
          () => callback(),
          (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
        );
      },
    });
    server.server.on('connection', (socket: Socket) => this.track(socket));
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

  private track(socket: Socket): void {
    const port = socket.remotePort;
    if (port === undefined) return;
    this.sockets.set(port, socket);
    socket.once('close', () => {
      if (this.sockets.get(port) === socket) this.sockets.delete(port);
    });
  }

  /** Destroys the client's connection once some of the message arrived; the callback is never called. */
  private dropDuringData(stream: SMTPServerDataStream, session: SMTPServerSession): void {
    const socket = this.sockets.get(session.remotePort);
    // The stream may report the abrupt end; nobody waits for it.
    stream.on('error', () => undefined);
    stream.once('data', () => {
      if (socket !== undefined) {
        socket.destroy();
        return;
      }
      // Not seen arriving (cannot happen on this host): hang up through smtp-server, still before any reply.
      for (const connection of this.server?.connections ?? []) {
        if (connection.id === session.id) connection.close();
      }
    });
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

function smtpError(responseCode: number, message: string): SMTPServerError {
  return Object.assign(new Error(message), { responseCode });
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
