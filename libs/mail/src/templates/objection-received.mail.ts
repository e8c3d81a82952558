import { composeMail } from '../compose-mail';
import type { MailContent } from '../outgoing-mail';

export interface ObjectionReceivedMailInput {
  requesterName: string;
  reference: string;
}

/** Tells the requester that someone from the environment objected, without saying who. */
export function objectionReceivedMail({ requesterName, reference }: ObjectionReceivedMailInput): MailContent {
  return composeMail({
    subject: `Your eConnect recovery request ${reference} is back with a support agent`,
    greeting: `Dear ${requesterName},`,
    paragraphs: [
      [
        `Someone from the eConnect environment objected to you becoming administrator (case ${reference}). Your request therefore goes back to a support agent, who will look at it again and may contact you.`,
      ],
      ['Until then nothing changes in the environment. We will mail you as soon as there is a decision.'],
    ],
  });
}
