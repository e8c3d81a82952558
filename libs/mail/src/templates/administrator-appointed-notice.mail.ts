import type { CaseLanguage } from '@app/domain';
import { composeMail, type MailDescription } from '../compose-mail';
import type { MailContent } from '../outgoing-mail';

export interface AdministratorAppointedNoticeMailInput {
  /** The case's language. */
  language: CaseLanguage;
  environmentName: string;
  requesterName: string;
  requesterEmail: string;
  reference: string;
}

// A record keyed by every language: a language without its wording does not compile.
const TEXT: Record<CaseLanguage, (input: AdministratorAppointedNoticeMailInput) => MailDescription> = {
  en: ({ environmentName, requesterName, requesterEmail, reference }) => ({
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
  }),
  nl: ({ environmentName, requesterName, requesterEmail, reference }) => ({
    subject: `Nieuwe beheerder aangesteld voor ${environmentName} op eConnect`,
    greeting: 'Geachte heer/mevrouw,',
    paragraphs: [
      [
        [
          { strong: requesterName },
          ` (${requesterEmail}) is nu beheerder van de eConnect-omgeving `,
          { strong: environmentName, quoted: true },
          '.',
        ],
        `eConnect Support heeft deze persoon aangesteld na een geverifieerde aanvraag (kenmerk ${reference}).`,
      ],
      [
        `Had u dit niet verwacht? Neem dan contact op met eConnect Support en vermeld daarbij kenmerk ${reference}.`,
      ],
    ],
  }),
};

/** Tells the environment's users that a new administrator was appointed after a verified recovery request. */
export function administratorAppointedNoticeMail(input: AdministratorAppointedNoticeMailInput): MailContent {
  return composeMail(TEXT[input.language](input));
}
