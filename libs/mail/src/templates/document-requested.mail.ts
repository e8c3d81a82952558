import { escapeHtml, htmlMail } from '../html';
import type { MailContent } from '../outgoing-mail';
import { quoteHtml, quoteText } from '../quote';

export interface DocumentRequestedMailInput {
  requesterName: string;
  reference: string;
  /** The agent's reason, quoted to the requester as written. */
  reason: string;
}

/** A support agent asks the requester for a new document, and says why. */
export function documentRequestedMail({
  requesterName,
  reference,
  reason,
}: DocumentRequestedMailInput): MailContent {
  const subject = `Please upload a new document for case ${reference}`;
  const asked = `A support agent looked at the document you uploaded for your recovery request (case ${reference}) and asks you for a new one. The agent wrote:`;
  const next =
    'Please upload a new PDF on your case page; open it with the link from our first mail about this case. A recent Chamber of Commerce extract (uittreksel Handelsregister, from kvk.nl) works best.';
  const text = [
    `Dear ${requesterName},`,
    '',
    asked,
    '',
    quoteText(reason),
    '',
    next,
    '',
    'eConnect Support',
  ].join('\n');
  const html = htmlMail([
    `Dear ${escapeHtml(requesterName)},`,
    escapeHtml(asked),
    quoteHtml(reason),
    escapeHtml(next),
    'eConnect Support',
  ]);
  return { subject, text, html };
}
