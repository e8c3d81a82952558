import type { CaseLanguage } from '@app/domain';
import { composeMail, type MailDescription } from '../compose-mail';
import type { MailContent } from '../outgoing-mail';

export interface AccessLinkMailInput {
  /** The case's language. */
  language: CaseLanguage;
  requesterName: string;
  reference: string;
  /** `PUBLIC_BASE_URL/recover/<reference>?token=<token>` */
  link: string;
}

// A record keyed by every language: a language without its wording does not compile.
const TEXT: Record<CaseLanguage, (input: AccessLinkMailInput) => MailDescription> = {
  en: ({ requesterName, reference, link }) => ({
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
  }),
  nl: ({ requesterName, reference, link }) => ({
    subject: `Uw eConnect-aanvraag ${reference}`,
    greeting: `Beste ${requesterName},`,
    paragraphs: [
      [
        [
          'Wij hebben uw aanvraag ontvangen om de beheerderstoegang tot een eConnect-omgeving te herstellen (kenmerk ',
          { strong: reference },
          ').',
        ],
        'Open deze link en klik op "Bevestigen" om te laten zien dat deze mailbox van u is. Dit e-mailadres wordt de inlognaam van de nieuwe beheerder.',
      ],
      [{ url: link }],
      [
        'Houd deze link voor uzelf: iedereen met deze link kan uw aanvraag inzien en er namens u stappen in zetten.',
        'Heeft u deze aanvraag niet gedaan? Dan kunt u deze e-mail negeren; de aanvraag verloopt vanzelf.',
      ],
    ],
  }),
};

/** The first mail of a case: the private link that proves the requester controls this mailbox. */
export function accessLinkMail(input: AccessLinkMailInput): MailContent {
  return composeMail(TEXT[input.language](input));
}
