import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import { AppConfig } from '@app/config';
import type { OutgoingMail } from './outgoing-mail';

/**
 * Sends mail over SMTP with nodemailer. Only activities call it: when the server is down the send
 * throws, the activity is retried, and the mail goes out later rather than being lost.
 */
@Injectable()
export class Mailer implements OnModuleDestroy {
  private readonly transport: Transporter;
  private readonly domain: string;

  constructor(private readonly config: AppConfig) {
    this.transport = createTransport(
      {
        url: config.mail.smtpUrl,
        // Fail fast: the activity's retry policy decides when to try again, not a hanging socket.
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 30_000,
      },
      { from: config.mail.from },
    );
    this.domain = /@([^>\s]+)>?\s*$/.exec(config.mail.from)?.[1] ?? 'econnect-recovery.localhost';
  }

  /** A Message-ID such as `<case-link.4f1c…@econnect.example>`, the same every time for the same key. */
  messageId(purpose: string, key: string): string {
    return `<${purpose}.${key}@${this.domain}>`;
  }

  async send(mail: OutgoingMail): Promise<void> {
    await this.transport.sendMail({
      to: typeof mail.to === 'string' ? mail.to : [...mail.to],
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      messageId: mail.messageId,
    });
  }

  onModuleDestroy(): void {
    this.transport.close();
  }
}
