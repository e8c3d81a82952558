import type { CaseLanguage } from '@app/domain';
import { composeMail, type MailDescription } from '../compose-mail';
import type { MailContent } from '../outgoing-mail';

export interface CaseClosedBySupportMailInput {
  /** The case's language. */
  language: CaseLanguage;
  requesterName: string;
  reference: string;
  /** The agent's reason, quoted to the requester as written. */
  reason: string;
}

// A record keyed by every language: a language without its wording does not compile.
const TEXT: Record<CaseLanguage, (input: CaseClosedBySupportMailInput) => MailDescription> = {
  en: ({ requesterName, reference, reason }) => ({
    subject: `Your eConnect recovery request ${reference} was closed`,
    greeting: `Dear ${requesterName},`,
    paragraphs: [
      [
        `eConnect Support closed your request to recover administrator access (case ${reference}). The support agent wrote:`,
      ],
      [{ quote: reason }],
      [
        'Nothing has changed in any eConnect environment.',
        `Do you still need access? Then you are welcome to submit a new request. For questions, contact eConnect Support, mentioning case ${reference}.`,
      ],
    ],
  }),
  nl: ({ requesterName, reference, reason }) => ({
    subject: `Uw eConnect-aanvraag ${reference} is afgesloten`,
    greeting: `Beste ${requesterName},`,
    paragraphs: [
      [
        `eConnect Support heeft uw aanvraag om de beheerderstoegang te herstellen (kenmerk ${reference}) afgesloten. De medewerker van support schreef:`,
      ],
      [{ quote: reason }],
      [
        'Er is in geen enkele eConnect-omgeving iets gewijzigd.',
        `Heeft u nog steeds toegang nodig? Dan kunt u gerust een nieuwe aanvraag indienen. Heeft u vragen, neem dan contact op met eConnect Support onder vermelding van kenmerk ${reference}.`,
      ],
    ],
  }),
};

/** Tells the requester that support closed their case, in the agent's words, and that nothing changed. */
export function caseClosedBySupportMail(input: CaseClosedBySupportMailInput): MailContent {
  return composeMail(TEXT[input.language](input));
}
