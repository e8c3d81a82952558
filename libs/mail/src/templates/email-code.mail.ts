import { composeMail } from '../compose-mail';
import { formatAmsterdamTime } from '../format-date';
import type { MailContent } from '../outgoing-mail';

export interface EmailCodeMailInput {
  reference: string;
  /** The 8-digit one-time code; it stands on a line of its own in the text part. */
  code: string;
  requesterName: string;
  requesterEmail: string;
  environmentName: string;
  expiresAt: Date;
}

const CODE_PATTERN = /^\d{8}$/;

/**
 * The email method: a one-time code sent to the addresses known for the environment (never to an address the
 * requester typed). Whoever receives it decides whether to pass it on to the requester.
 */
export function emailCodeMail(input: EmailCodeMailInput): MailContent {
  const { reference, code, requesterName, requesterEmail, environmentName, expiresAt } = input;
  if (!CODE_PATTERN.test(code)) throw new RangeError('an email code is exactly 8 digits');
  return composeMail({
    subject: `Verification code for a new administrator of ${environmentName} (case ${reference})`,
    greeting: 'Hello,',
    paragraphs: [
      [
        [
          `${requesterName} (${requesterEmail}) asked to become administrator of the eConnect environment `,
          { strong: environmentName, quoted: true },
          ' (case ',
          { strong: reference },
          ').',
        ],
        'You receive this mail because your address is known to us for this environment.',
      ],
      ['If this is right and you know this person, pass them this code; they enter it on their case page:'],
      [{ code }],
      [`The code expires on ${formatAmsterdamTime(expiresAt)}.`],
      [
        `Do you not know this person, or should they not become administrator? Then do not share the code with anyone, and contact eConnect Support, mentioning case ${reference}.`,
      ],
    ],
  });
}
