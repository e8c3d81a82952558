import { composeMail } from '../compose-mail';
import { formatAmsterdamTime } from '../format-date';
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
  return composeMail({
    subject: `Planned: a new administrator for ${environmentName} on eConnect`,
    greeting: 'Hello,',
    paragraphs: [
      [
        `Someone asked eConnect Support to recover administrator access to the eConnect environment "${environmentName}" (case ${reference}), and a support agent approved the request.`,
        [
          { strong: requesterName },
          ` (${requesterEmail}) will become administrator of `,
          { strong: environmentName, quoted: true },
          ' on ',
          { strong: formatAmsterdamTime(appointAt) },
          ', unless someone objects before then.',
        ],
      ],
      [
        'Do you not know this person, or should they not become administrator? Then open this link before that time and tell us why:',
      ],
      [{ url: objectionLink }],
      [
        'A support agent will look at the request again before anything changes.',
        'If all is well, you do not need to do anything.',
      ],
    ],
  });
}
