import type { CaseLanguage } from '@app/domain';
import { composeMail, type MailDescription } from '../compose-mail';
import type { MailContent } from '../outgoing-mail';

export interface ObjectionReceivedMailInput {
  /** The case's language. */
  language: CaseLanguage;
  requesterName: string;
  reference: string;
}

// A record keyed by every language: a language without its wording does not compile.
const TEXT: Record<CaseLanguage, (input: ObjectionReceivedMailInput) => MailDescription> = {
  en: ({ requesterName, reference }) => ({
    subject: `Your eConnect recovery request ${reference} is back with a support agent`,
    greeting: `Dear ${requesterName},`,
    paragraphs: [
      [
        `Someone from the eConnect environment objected to you becoming administrator (case ${reference}). Your request therefore goes back to a support agent, who will look at it again and may contact you.`,
      ],
      ['Until then nothing changes in the environment. We will mail you as soon as there is a decision.'],
    ],
  }),
  nl: ({ requesterName, reference }) => ({
    subject: `Uw eConnect-aanvraag ${reference} ligt weer bij een medewerker van support`,
    greeting: `Beste ${requesterName},`,
    paragraphs: [
      [
        `Iemand uit de eConnect-omgeving heeft bezwaar gemaakt tegen uw aanstelling als beheerder (kenmerk ${reference}). Uw aanvraag gaat daarom terug naar een medewerker van support, die deze opnieuw beoordeelt en mogelijk contact met u opneemt.`,
      ],
      ['Tot die tijd verandert er niets in de omgeving. Wij sturen u een e-mail zodra er een besluit is.'],
    ],
  }),
};

/** Tells the requester that someone from the environment objected, without saying who. */
export function objectionReceivedMail(input: ObjectionReceivedMailInput): MailContent {
  return composeMail(TEXT[input.language](input));
}
