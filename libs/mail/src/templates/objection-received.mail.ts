import { escapeHtml, htmlMail } from '../html';
import type { MailContent } from '../outgoing-mail';

export interface ObjectionReceivedMailInput {
  requesterName: string;
  reference: string;
}

/** Tells the requester that someone from the environment objected, without saying who. */
export function objectionReceivedMail({ requesterName, reference }: ObjectionReceivedMailInput): MailContent {
  const subject = `Your eConnect recovery request ${reference} is back with a support agent`;
  const objected = `Someone from the eConnect environment objected to you becoming administrator (case ${reference}). Your request therefore goes back to a support agent, who will look at it again and may contact you.`;
  const meanwhile =
    'Until then nothing changes in the environment. We will mail you as soon as there is a decision.';
  const text = [`Dear ${requesterName},`, '', objected, '', meanwhile, '', 'eConnect Support'].join('\n');
  const html = htmlMail([
    `Dear ${escapeHtml(requesterName)},`,
    escapeHtml(objected),
    escapeHtml(meanwhile),
    'eConnect Support',
  ]);
  return { subject, text, html };
}
