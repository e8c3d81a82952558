import { composeMail } from '../compose-mail';
import type { MailContent } from '../outgoing-mail';

export interface CaseRejectedMailInput {
  requesterName: string;
  reference: string;
  /** The agent's reason, quoted to the requester as written. */
  reason: string;
}

/** Tells the requester that a support agent rejected the request, and why. */
export function caseRejectedMail({ requesterName, reference, reason }: CaseRejectedMailInput): MailContent {
  return composeMail({
    subject: `Your eConnect recovery request ${reference} was not approved`,
    greeting: `Dear ${requesterName},`,
    paragraphs: [
      [
        `A support agent reviewed your request to recover administrator access (case ${reference}) and could not approve it. The agent wrote:`,
      ],
      [{ quote: reason }],
      [
        'This case is now closed, and nothing has changed in any eConnect environment.',
        `Do you think this is a mistake, or can you show more? Then you are welcome to submit a new request, or to contact eConnect Support, mentioning case ${reference}.`,
      ],
    ],
  });
}
