import { composeMail } from '../compose-mail';
import type { MailContent } from '../outgoing-mail';

export interface CaseLinkMailInput {
  requesterName: string;
  reference: string;
  /** `PUBLIC_BASE_URL/recover/<reference>?token=<token>` */
  link: string;
}

/** The first mail of a case: the private link that proves the requester controls this mailbox. */
export function caseLinkMail({ requesterName, reference, link }: CaseLinkMailInput): MailContent {
  return composeMail({
    subject: `Your eConnect recovery request ${reference}`,
    greeting: `Dear ${requesterName},`,
    paragraphs: [
      [
        [
          'We received your request to recover administrator access to an eConnect environment (case ',
          { strong: reference },
          ').',
        ],
        'Open this link and press "Confirm" to show that this mailbox is yours. It will be the login of the new administrator.',
      ],
      [{ url: link }],
      [
        'Keep this link private: anyone with it can follow and act on your case.',
        'Did you not make this request? Then ignore this mail; the case expires by itself.',
      ],
    ],
  });
}
