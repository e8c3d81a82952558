import type { CaseLanguage } from '@app/domain';
import { composeMail, type MailDescription } from '../compose-mail';
import type { MailContent } from '../outgoing-mail';

export interface CaseRejectedMailInput {
  /** The case's language. */
  language: CaseLanguage;
  requesterName: string;
  reference: string;
  /** The agent's reason, quoted to the requester as written. */
  reason: string;
}

// A record keyed by every language: a language without its wording does not compile.
const TEXT: Record<CaseLanguage, (input: CaseRejectedMailInput) => MailDescription> = {
  en: ({ requesterName, reference, reason }) => ({
    subject: `Your eConnect recovery request ${reference} was not approved`,
    greeting: `Dear ${requesterName},`,
    paragraphs: [
      [
        `A support agent reviewed your request to recover administrator access (case ${reference}) and could not approve it. The agent wrote:`,
      ],
      [{ quote: reason }],
      [
        'This case is now closed, and nothing has changed in any eConnect environment.',
        `Do you think this is a mistake, or can you show more? Then you are welcome to submit a new request, or to contact eConnect Support, mentioning case ${reference}.`,
      ],
    ],
  }),
  nl: ({ requesterName, reference, reason }) => ({
    subject: `Uw eConnect-aanvraag ${reference} is niet goedgekeurd`,
    greeting: `Beste ${requesterName},`,
    paragraphs: [
      [
        `Een medewerker van support heeft uw aanvraag om de beheerderstoegang te herstellen (kenmerk ${reference}) beoordeeld en kon deze helaas niet goedkeuren. De medewerker schreef:`,
      ],
      [{ quote: reason }],
      [
        'Deze aanvraag is nu afgesloten en er is in geen enkele eConnect-omgeving iets gewijzigd.',
        `Denkt u dat dit een vergissing is, of kunt u meer aantonen? Dan kunt u gerust een nieuwe aanvraag indienen of contact opnemen met eConnect Support onder vermelding van kenmerk ${reference}.`,
      ],
    ],
  }),
};

/** Tells the requester that a support agent rejected the request, and why. */
export function caseRejectedMail(input: CaseRejectedMailInput): MailContent {
  return composeMail(TEXT[input.language](input));
}
