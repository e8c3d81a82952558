/** One message received by the MailCatcher. */
export interface CapturedMail {
  /** 1, 2, 3... in order of arrival; stable for the catcher's lifetime, also across clear(). */
  id: number;
  messageId?: string;
  /** The From header as written (`"Name" <address>`), or the envelope sender when there is none. */
  from: string;
  /** Envelope recipients (RCPT TO), lower-cased: who the mail was actually delivered to, Bcc included. */
  to: string[];
  subject: string;
  text: string;
  html?: string;
  receivedAt: Date;
  /** Raw header values (unfolded, not decoded) by lower-cased name; repeated headers joined with '\n'. */
  headers: Record<string, string>;
}
