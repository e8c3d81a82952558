import { composeMail } from '../compose-mail';
import type { MailContent } from '../outgoing-mail';

/** How an open case ended without a decision. */
export type CaseClosedOutcome = 'cancelled' | 'expired';

export interface CaseClosedMailInput {
  requesterName: string;
  reference: string;
  outcome: CaseClosedOutcome;
}

function wording(outcome: CaseClosedOutcome, reference: string): { subject: string; closed: string } {
  switch (outcome) {
    case 'cancelled':
      return {
        subject: `Your eConnect recovery request ${reference} is cancelled`,
        closed: `Your request to recover administrator access (case ${reference}) is cancelled.`,
      };
    case 'expired':
      return {
        subject: `Your eConnect recovery request ${reference} has expired`,
        closed: `Your request to recover administrator access (case ${reference}) has expired: it waited too long for the next step, such as confirming your email address, entering the code or uploading a document.`,
      };
  }
}

/** Tells the requester that their case was cancelled or expired, and that nothing changed. */
export function caseClosedMail({ requesterName, reference, outcome }: CaseClosedMailInput): MailContent {
  const { subject, closed } = wording(outcome, reference);
  return composeMail({
    subject,
    greeting: `Dear ${requesterName},`,
    paragraphs: [
      [closed, 'Nothing has changed in any eConnect environment.'],
      ['Do you still need access? Then you are welcome to submit a new request.'],
    ],
  });
}
