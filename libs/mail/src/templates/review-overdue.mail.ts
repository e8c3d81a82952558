import { composeMail } from '../compose-mail';
import { formatAmsterdamTime } from '../format-date';
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
  return composeMail({
    subject: `Review overdue: case ${reference} (${companyName})`,
    greeting: 'Hello,',
    paragraphs: [
      [
        `Case ${reference} for "${companyName}" has been waiting for review since ${formatAmsterdamTime(waitingSince)}. Under the review SLA it should have been decided by ${formatAmsterdamTime(dueAt)}, and no agent has decided yet.`,
      ],
      ['Please make sure an agent picks it up:'],
      [{ url: caseUrl }],
      ['You receive this reminder once for this case.'],
    ],
  });
}
