import { escapeHtml, htmlMail } from '../html';
import type { MailContent } from '../outgoing-mail';

export interface CaseLinkMailInput {
  requesterName: string;
  reference: string;
  /** `PUBLIC_BASE_URL/recover/<reference>?token=<token>` */
  link: string;
}

/** The first mail of a case: the private link that proves the requester controls this mailbox. */
export function caseLinkMail({ requesterName, reference, link }: CaseLinkMailInput): MailContent {
  const subject = `Your eConnect recovery request ${reference}`;
  const text = [
    `Dear ${requesterName},`,
    '',
    `We received your request to recover administrator access to an eConnect environment (case ${reference}).`,
    'Open this link and press "Confirm" to show that this mailbox is yours. It will be the login of the new administrator.',
    '',
    link,
    '',
    'Keep this link private: anyone with it can follow and act on your case.',
    'Did you not make this request? Then ignore this mail; the case expires by itself.',
    '',
    'eConnect Support',
  ].join('\n');
  const html = htmlMail([
    `Dear ${escapeHtml(requesterName)},`,
    `We received your request to recover administrator access to an eConnect environment (case <strong>${escapeHtml(reference)}</strong>).`,
    'Open this link and press “Confirm” to show that this mailbox is yours. It will be the login of the new administrator.',
    `<a href="${escapeHtml(link)}">${escapeHtml(link)}</a>`,
    'Keep this link private: anyone with it can follow and act on your case. Did you not make this request? Then ignore this mail; the case expires by itself.',
    'eConnect Support',
  ]);
  return { subject, text, html };
}
