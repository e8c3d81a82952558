import { formatAmsterdamTime } from '../format-date';
import { escapeHtml, htmlMail } from '../html';
import type { MailContent } from '../outgoing-mail';

export interface CoolingOffNoticeMailInput {
  environmentName: string;
  requesterName: string;
  requesterEmail: string;
  reference: string;
  /** When the requester becomes administrator unless someone objects. */
  appointAt: Date;
  /** `PUBLIC_BASE_URL/objections/<token>` */
  objectionLink: string;
}

/**
 * Warns the environment's active users and known addresses that an approved requester will become administrator,
 * and how to object before then. The subject carries nothing the requester typed.
 */
export function coolingOffNoticeMail(input: CoolingOffNoticeMailInput): MailContent {
  const { environmentName, requesterName, requesterEmail, reference, appointAt, objectionLink } = input;
  const when = formatAmsterdamTime(appointAt);
  const subject = `Planned: a new administrator for ${environmentName} on eConnect`;
  const requested = `Someone asked eConnect Support to recover administrator access to the eConnect environment "${environmentName}" (case ${reference}), and a support agent approved the request.`;
  const plan = `${requesterName} (${requesterEmail}) will become administrator of "${environmentName}" on ${when}, unless someone objects before then.`;
  const object =
    'Do you not know this person, or should they not become administrator? Then open this link before that time and tell us why:';
  const then = 'A support agent will look at the request again before anything changes.';
  const fine = 'If all is well, you do not need to do anything.';
  const text = [
    'Hello,',
    '',
    requested,
    plan,
    '',
    object,
    '',
    objectionLink,
    '',
    then,
    fine,
    '',
    'eConnect Support',
  ].join('\n');
  const html = htmlMail([
    'Hello,',
    escapeHtml(requested),
    `<strong>${escapeHtml(requesterName)}</strong> (${escapeHtml(requesterEmail)}) will become administrator of <strong>${escapeHtml(environmentName)}</strong> on <strong>${escapeHtml(when)}</strong>, unless someone objects before then.`,
    escapeHtml(object),
    `<a href="${escapeHtml(objectionLink)}">${escapeHtml(objectionLink)}</a>`,
    `${escapeHtml(then)} ${escapeHtml(fine)}`,
    'eConnect Support',
  ]);
  return { subject, text, html };
}
