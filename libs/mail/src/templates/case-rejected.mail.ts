import { escapeHtml, htmlMail } from '../html';
import type { MailContent } from '../outgoing-mail';
import { quoteHtml, quoteText } from '../quote';

export interface CaseRejectedMailInput {
  requesterName: string;
  reference: string;
  /** The agent's reason, quoted to the requester as written. */
  reason: string;
}

/** Tells the requester that a support agent rejected the request, and why. */
export function caseRejectedMail({ requesterName, reference, reason }: CaseRejectedMailInput): MailContent {
  const subject = `Your eConnect recovery request ${reference} was not approved`;
  const decided = `A support agent reviewed your request to recover administrator access (case ${reference}) and could not approve it. The agent wrote:`;
  const closed = 'This case is now closed, and nothing has changed in any eConnect environment.';
  const next = `Do you think this is a mistake, or can you show more? Then you are welcome to submit a new request, or to contact eConnect Support, mentioning case ${reference}.`;
  const text = [
    `Dear ${requesterName},`,
    '',
    decided,
    '',
    quoteText(reason),
    '',
    closed,
    next,
    '',
    'eConnect Support',
  ].join('\n');
  const html = htmlMail([
    `Dear ${escapeHtml(requesterName)},`,
    escapeHtml(decided),
    quoteHtml(reason),
    `${escapeHtml(closed)} ${escapeHtml(next)}`,
    'eConnect Support',
  ]);
  return { subject, text, html };
}
