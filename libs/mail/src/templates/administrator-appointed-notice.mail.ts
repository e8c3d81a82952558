import { escapeHtml, htmlMail } from '../html';
import type { MailContent } from '../outgoing-mail';

export interface AdministratorAppointedNoticeMailInput {
  environmentName: string;
  requesterName: string;
  requesterEmail: string;
  reference: string;
}

/** Tells the environment's users that a new administrator was appointed after a verified recovery request. */
export function administratorAppointedNoticeMail(input: AdministratorAppointedNoticeMailInput): MailContent {
  const { environmentName, requesterName, requesterEmail, reference } = input;
  const subject = `New administrator appointed for ${environmentName} on eConnect`;
  const appointed = `${requesterName} (${requesterEmail}) is now administrator of the eConnect environment "${environmentName}".`;
  const why = `eConnect Support appointed them after a verified recovery request (case ${reference}).`;
  const unexpected = `Did you not expect this? Then contact eConnect Support, mentioning case ${reference}.`;
  const text = ['Hello,', '', appointed, why, '', unexpected, '', 'eConnect Support'].join('\n');
  const html = htmlMail([
    'Hello,',
    `<strong>${escapeHtml(requesterName)}</strong> (${escapeHtml(requesterEmail)}) is now administrator of the eConnect environment <strong>${escapeHtml(environmentName)}</strong>.`,
    escapeHtml(why),
    escapeHtml(unexpected),
    'eConnect Support',
  ]);
  return { subject, text, html };
}
