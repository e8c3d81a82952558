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
  /** Whether the environment is told before an appointment, with a link to object (a cooling-off). */
  objectionWindow: boolean;
}

const CODE_PATTERN = /^\d{8}$/;
// The requester types their name (up to 200 characters) and it reaches the mailboxes of someone else's
// company from our own address: shown short, and as what it is, something typed.
const NAME_SHOWN = 60;

/**
 * The requester's name as typed, cut short (with an ellipsis) so it cannot fill the mail, on whole
 * characters, and with its double quotes made single so it cannot close the quotes it stands in.
 */
function typedName(name: string): string {
  const characters = Array.from(name.trim().replace(/"/g, "'"));
  if (characters.length <= NAME_SHOWN) return characters.join('');
  return `${characters
    .slice(0, NAME_SHOWN - 1)
    .join('')
    .trimEnd()}…`;
}

// A record keyed by every language: a language without its wording does not compile.
const TEXT: Record<CaseLanguage, (input: EmailCodeMailInput) => MailDescription> = {
  en: ({ reference, code, requesterName, requesterEmail, environmentName, expiresAt, objectionWindow }) => ({
    subject: `Verification code for a new administrator of ${environmentName} (case ${reference})`,
    greeting: 'Hello,',
    paragraphs: [
      [
        [
          `Someone who gave the name "${typedName(requesterName)}" (as they typed it) and the address ${requesterEmail} asked to become administrator of the eConnect environment `,
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
      ...(objectionWindow
        ? [
            [
              'Did you not expect this mail? Before anyone becomes administrator, the environment is told, with a link to object; an objection stops the appointment until a support agent has looked at it.',
            ],
          ]
        : []),
    ],
  }),
  nl: ({ reference, code, requesterName, requesterEmail, environmentName, expiresAt, objectionWindow }) => ({
    subject: `Verificatiecode voor een nieuwe beheerder van ${environmentName} (kenmerk ${reference})`,
    greeting: 'Geachte heer/mevrouw,',
    paragraphs: [
      [
        [
          `Iemand die de naam "${typedName(requesterName)}" opgaf (zoals die persoon die intypte) en het adres ${requesterEmail} heeft gevraagd beheerder te worden van de eConnect-omgeving `,
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
      ...(objectionWindow
        ? [
            [
              'Had u deze e-mail niet verwacht? Voordat iemand beheerder wordt, krijgt de omgeving bericht, met een link om bezwaar te maken; een bezwaar houdt de benoeming tegen tot een medewerker van support ernaar heeft gekeken.',
            ],
          ]
        : []),
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
