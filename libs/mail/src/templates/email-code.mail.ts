import type { CaseLanguage } from '@app/domain';
import { composeMail, type MailDescription } from '../compose-mail';
import { formatAmsterdamTime } from '../format-date';
import type { MailContent } from '../outgoing-mail';

export interface EmailCodeMailInput {
  /** The case's language. */
  language: CaseLanguage;
  reference: string;
  /** The 8-digit one-time code; it stands on a line of its own in the text part. */
  code: string;
  requesterName: string;
  requesterEmail: string;
  environmentName: string;
  expiresAt: Date;
}

const CODE_PATTERN = /^\d{8}$/;

// A record keyed by every language: a language without its wording does not compile.
const TEXT: Record<CaseLanguage, (input: EmailCodeMailInput) => MailDescription> = {
  en: ({ reference, code, requesterName, requesterEmail, environmentName, expiresAt }) => ({
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
      [`The code expires on ${formatAmsterdamTime(expiresAt, 'en')}.`],
      [
        `Do you not know this person, or should they not become administrator? Then do not share the code with anyone, and contact eConnect Support, mentioning case ${reference}.`,
      ],
    ],
  }),
  nl: ({ reference, code, requesterName, requesterEmail, environmentName, expiresAt }) => ({
    subject: `Verificatiecode voor een nieuwe beheerder van ${environmentName} (kenmerk ${reference})`,
    greeting: 'Geachte heer/mevrouw,',
    paragraphs: [
      [
        [
          `${requesterName} (${requesterEmail}) heeft gevraagd beheerder te worden van de eConnect-omgeving `,
          { strong: environmentName, quoted: true },
          ' (kenmerk ',
          { strong: reference },
          ').',
        ],
        'U ontvangt deze e-mail omdat uw adres bij ons bekend is voor deze omgeving.',
      ],
      [
        'Klopt dit en kent u deze persoon? Geef deze code dan door aan de aanvrager, die de code invoert op de pagina van de aanvraag:',
      ],
      [{ code }],
      [`De code is geldig tot ${formatAmsterdamTime(expiresAt, 'nl')}.`],
      [
        `Kent u deze persoon niet, of hoort deze persoon geen beheerder te worden? Deel de code dan met niemand en neem contact op met eConnect Support onder vermelding van kenmerk ${reference}.`,
      ],
    ],
  }),
};

/**
 * The email method: a one-time code sent to the addresses known for the environment (never to an address the
 * requester typed). Whoever receives it decides whether to pass it on to the requester.
 */
export function emailCodeMail(input: EmailCodeMailInput): MailContent {
  if (!CODE_PATTERN.test(input.code)) throw new RangeError('an email code is exactly 8 digits');
  return composeMail(TEXT[input.language](input));
}
