import { composeMail } from '../compose-mail';
import type { MailContent } from '../outgoing-mail';

export interface AdministratorAppointedNoticeMailInput {
  environmentName: string;
  requesterName: string;
  requesterEmail: string;
  reference: string;
}

/** Tells the environment's users that a new administrator was appointed after a verified recovery request. */
export function administratorAppointedNoticeMail(input: AdministratorAppointedNoticeMailInput): MailContent {
  const { environmentName, requesterName, requesterEmail, reference } = input;
  return composeMail({
    subject: `New administrator appointed for ${environmentName} on eConnect`,
    greeting: 'Hello,',
    paragraphs: [
      [
        [
          { strong: requesterName },
          ` (${requesterEmail}) is now administrator of the eConnect environment `,
          { strong: environmentName, quoted: true },
          '.',
        ],
        `eConnect Support appointed them after a verified recovery request (case ${reference}).`,
      ],
      [`Did you not expect this? Then contact eConnect Support, mentioning case ${reference}.`],
    ],
  });
}
