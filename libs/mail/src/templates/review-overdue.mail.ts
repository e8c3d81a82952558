import { formatAmsterdamTime } from '../format-date';
import { escapeHtml, htmlMail } from '../html';
import type { MailContent } from '../outgoing-mail';

export interface ReviewOverdueMailInput {
  reference: string;
  companyName: string;
  /** When the case entered review. */
  waitingSince: Date;
  /** When the review SLA ran out. */
  dueAt: Date;
  /** The case in the staff console. */
  caseUrl: string;
}

/** Reminds managers, once per case, that a case has waited for review longer than the SLA. */
export function reviewOverdueMail(input: ReviewOverdueMailInput): MailContent {
  const { reference, companyName, waitingSince, dueAt, caseUrl } = input;
  const since = formatAmsterdamTime(waitingSince);
  const due = formatAmsterdamTime(dueAt);
  const subject = `Review overdue: case ${reference} (${companyName})`;
  const waiting = `Case ${reference} for "${companyName}" has been waiting for review since ${since}. Under the review SLA it should have been decided by ${due}, and no agent has decided yet.`;
  const ask = 'Please make sure an agent picks it up:';
  const once = 'You receive this reminder once for this case.';
  const text = ['Hello,', '', waiting, '', ask, '', caseUrl, '', once, '', 'eConnect Support'].join('\n');
  const html = htmlMail([
    'Hello,',
    escapeHtml(waiting),
    `${escapeHtml(ask)} <a href="${escapeHtml(caseUrl)}">${escapeHtml(caseUrl)}</a>`,
    escapeHtml(once),
    'eConnect Support',
  ]);
  return { subject, text, html };
}
