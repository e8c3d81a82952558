/** Why a mail is not out yet; both are passing, so both are worth another attempt later. */
type MailUnavailableReason = 'smtp_unavailable' | 'delivery_in_progress';

const MESSAGES: Record<MailUnavailableReason, string> = {
  smtp_unavailable: 'the mail server did not take the mail; it stays pending and is tried again',
  delivery_in_progress: 'another attempt is sending this mail; it is tried again once that attempt is over',
};

/**
 * The mail could not go out now, for a reason that passes (the server down or busy, the connection lost,
 * another attempt sending it): retry later. The activities turn it into an ApplicationFailure of type
 * `mail_unavailable` (activity-failures.ts; Temporal itself would take the class's name), kept in the
 * workflow's history: so the message says nothing of the server's reply or the address, and the nodemailer
 * error is never attached as `cause` (it would be serialised into the history too).
 */
export class MailUnavailableError extends Error {
  static readonly code = 'mail_unavailable';
  override readonly name = MailUnavailableError.code;

  constructor(readonly reason: MailUnavailableReason = 'smtp_unavailable') {
    super(MESSAGES[reason]);
  }
}
