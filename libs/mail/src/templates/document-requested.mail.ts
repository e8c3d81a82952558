import { composeMail } from '../compose-mail';
import type { MailContent } from '../outgoing-mail';

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
  return composeMail({
    subject: `Please upload a new document for case ${reference}`,
    greeting: `Dear ${requesterName},`,
    paragraphs: [
      [
        `A support agent looked at the document you uploaded for your recovery request (case ${reference}) and asks you for a new one. The agent wrote:`,
      ],
      [{ quote: reason }],
      [
        'Please upload a new PDF on your case page; open it with the link from our first mail about this case. A recent Chamber of Commerce extract (uittreksel Handelsregister, from kvk.nl) works best.',
      ],
    ],
  });
}
