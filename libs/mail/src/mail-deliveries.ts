import { Injectable, Logger } from '@nestjs/common';
import { DomainError } from '@app/domain';
import { MailDeliveryRepository, type MailDeliveryClaim, type MailDeliveryEntity } from '@app/persistence';
import { MailUnavailableError } from './mail-unavailable.error';
import { Mailer } from './mailer';
import type { OutgoingMail } from './outgoing-mail';
import { recipientRefusal, smtpFailureFacts } from './smtp-refusal';

/** One mail to exactly one recipient, with what the case page shows of it. */
export type DeliverableMail = OutgoingMail & {
  to: string;
  /** Null for a mail that belongs to no case (a directory invitation). */
  caseId: string | null;
  /** What the mail is for, e.g. `case-link`, `cooling-off-notice` (at most 64 characters). */
  purpose: string;
};

/** `withdrawn`: its occasion passed before it went out (see {@link MailDeliveries.withdrawPending}). */
export type DeliveryOutcome = 'sent' | 'refused' | 'withdrawn';

/** What the case page shows of one mail. */
export type MailDeliveryRecord = Readonly<
  Pick<
    MailDeliveryEntity,
    | 'id'
    | 'caseId'
    | 'purpose'
    | 'recipient'
    | 'messageId'
    | 'state'
    | 'attempts'
    | 'lastAttemptAt'
    | 'claimedUntil'
    | 'sentAt'
    | 'refusedAt'
    | 'withdrawnAt'
    | 'smtpStatus'
    | 'createdAt'
  >
>;

// The Mailer's transport gives up after connectionTimeout + greetingTimeout + socketTimeout (10 + 10 + 30 s)
// without a word from the server; a send that still runs is one the server keeps answering. The lease
// outlasts that with room to spare, so it never runs out under an attempt that is still sending.
const MAILER_TIMEOUTS_MS = 10_000 + 10_000 + 30_000;
const DELIVERY_LEASE_MS = Math.max(2 * 60_000, 2 * MAILER_TIMEOUTS_MS);

/**
 * Sends each mail once and remembers what became of it (`mail_deliveries`), so that an activity may be
 * retried, or loop over several recipients, without mailing anyone twice or trying an address the server
 * refused for good. Its answer: `sent` or `refused`; a passing failure throws MailUnavailableError (retry).
 *
 * No transaction is held while talking to the SMTP server: an attempt takes a lease on the row, sends,
 * then records the outcome. If recording fails after the server took the mail, the row stays pending and a
 * later attempt sends it again, with the same Message-ID (so the receiving side can tell it is the same).
 */
@Injectable()
export class MailDeliveries {
  private readonly logger = new Logger(MailDeliveries.name);

  constructor(
    private readonly mailer: Mailer,
    private readonly deliveries: MailDeliveryRepository,
  ) {}

  async deliver(mail: DeliverableMail): Promise<DeliveryOutcome> {
    if (mail.messageId.trim() === '') throw new RangeError('a delivered mail needs its stable Message-ID');
    const { caseId, purpose, to: recipient, messageId } = mail;
    await this.deliveries.insertIfAbsent({ caseId, purpose, recipient, messageId });

    const claim = await this.deliveries.claim(messageId, DELIVERY_LEASE_MS);
    if (claim === null) return this.settled(mail);
    if (!sameAddress(claim.recipient, recipient)) {
      await this.deliveries.release(claim);
      throw mismatchedRecipient();
    }

    try {
      await this.mailer.send({
        to: recipient,
        subject: mail.subject,
        text: mail.text,
        ...(mail.html === undefined ? {} : { html: mail.html }),
        messageId,
      });
    } catch (error) {
      return this.failed(mail, claim, error);
    }
    await this.deliveries.markSent(claim.id);
    this.logger.debug({ deliveryId: claim.id, caseId, purpose, attempt: claim.attempt }, 'mail sent');
    return 'sent';
  }

  /**
   * For an activity that finds the occasion of its mails passed (the round objected to, the review decided):
   * the pending ones of `purpose` (of `messageIds`, when given) are withdrawn, so that none is left waiting
   * for ever under the lease of an attempt that died. An attempt still sending records what became of its
   * mail all the same.
   */
  async withdrawPending(caseId: string, purpose: string, messageIds?: readonly string[]): Promise<void> {
    const withdrawn = await this.deliveries.withdrawPending(caseId, purpose, messageIds);
    if (withdrawn > 0) this.logger.log({ caseId, purpose, withdrawn }, 'pending mails withdrawn');
  }

  async listForCase(caseId: string): Promise<MailDeliveryRecord[]> {
    const rows = await this.deliveries.listForCase(caseId);
    return rows.map((row) => ({
      id: row.id,
      caseId: row.caseId,
      purpose: row.purpose,
      recipient: row.recipient,
      messageId: row.messageId,
      state: row.state,
      attempts: row.attempts,
      lastAttemptAt: row.lastAttemptAt,
      claimedUntil: row.claimedUntil,
      sentAt: row.sentAt,
      refusedAt: row.refusedAt,
      withdrawnAt: row.withdrawnAt,
      smtpStatus: row.smtpStatus,
      createdAt: row.createdAt,
    }));
  }

  /** No lease to take: the mail's fate is known already, or another attempt is sending it right now. */
  private async settled(mail: DeliverableMail): Promise<DeliveryOutcome> {
    const row = await this.deliveries.findByMessageId(mail.messageId);
    if (row === null) throw new Error('mail delivery vanished between its insert and its claim');
    if (!sameAddress(row.recipient, mail.to)) throw mismatchedRecipient();
    switch (row.state) {
      case 'sent':
      case 'refused':
      case 'withdrawn':
        return row.state;
      case 'pending':
        throw new MailUnavailableError('delivery_in_progress');
    }
  }

  private async failed(
    mail: DeliverableMail,
    claim: MailDeliveryClaim,
    error: unknown,
  ): Promise<DeliveryOutcome> {
    // Only nodemailer's code and the reply code: the error's message and `response` carry the server's
    // text, which names the address.
    const facts = {
      deliveryId: claim.id,
      caseId: mail.caseId,
      purpose: mail.purpose,
      attempt: claim.attempt,
      ...smtpFailureFacts(error),
    };
    const refusal = recipientRefusal(error);
    if (refusal !== null) {
      await this.deliveries.markRefused(claim.id, refusal);
      this.logger.warn(facts, 'mail refused for good by the SMTP server');
      return 'refused';
    }
    this.logger.warn(facts, 'mail not sent: the SMTP server did not take it; it stays pending');
    try {
      await this.deliveries.release(claim);
    } catch (releaseError) {
      // The lease runs out by itself; the mail server's failure is the one to report.
      this.logger.warn(
        { deliveryId: claim.id, caseId: mail.caseId, releaseError: smtpFailureFacts(releaseError).errorCode },
        'could not give back the lease of a mail delivery',
      );
    }
    throw new MailUnavailableError('smtp_unavailable');
  }
}

// Domain parts are case-insensitive and no mailbox we send to tells two case-variants apart.
function sameAddress(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/**
 * A Message-ID reused for another recipient: a bug in the caller, which a retry does not mend. A domain error
 * (`conflict`), so the worker ends the activity for good; its name says which conflict in a log.
 */
function mismatchedRecipient(): DomainError {
  const error = new DomainError(
    'conflict',
    'this Message-ID was already delivered to another recipient: one Message-ID a recipient',
  );
  error.name = 'mail_delivery_mismatch';
  return error;
}
