/** A mail ready to send. `messageId` is stable per case and purpose, so a retried send is the same mail. */
export interface OutgoingMail {
  to: string | readonly string[];
  subject: string;
  text: string;
  html?: string;
  messageId: string;
}

/** The subject, text and HTML a template produces. */
export interface MailContent {
  subject: string;
  text: string;
  html: string;
}
