import type { CaseLanguage } from '@app/domain';
import { composeMail, type MailDescription } from '../compose-mail';
import type { MailContent } from '../outgoing-mail';

export interface DocumentRequestedMailInput {
  /** The case's language. */
  language: CaseLanguage;
  requesterName: string;
  reference: string;
  /** The agent's reason, quoted to the requester as written. */
  reason: string;
}

// A record keyed by every language: a language without its wording does not compile.
const TEXT: Record<CaseLanguage, (input: DocumentRequestedMailInput) => MailDescription> = {
  en: ({ requesterName, reference, reason }) => ({
    subject: `Please upload a new document for case ${reference}`,
    greeting: `Dear ${requesterName},`,
    paragraphs: [
      [
        `A support agent looked at the document you uploaded for your recovery request (case ${reference}) and asks you for a new one. The agent wrote:`,
      ],
      [{ quote: reason }],
      [
        'Please upload a new PDF on your case page; open it with the link from our first mail about this case. A recent Chamber of Commerce extract (uittreksel Handelsregister, from kvk.nl) works best.',
      ],
    ],
  }),
  nl: ({ requesterName, reference, reason }) => ({
    subject: `Verzoek om een nieuw document voor aanvraag ${reference}`,
    greeting: `Beste ${requesterName},`,
    paragraphs: [
      [
        `Een medewerker van support heeft het document bekeken dat u voor uw aanvraag (kenmerk ${reference}) heeft geüpload, en vraagt u om een nieuw document. De medewerker schreef:`,
      ],
      [{ quote: reason }],
      [
        'Wilt u een nieuwe PDF uploaden op de pagina van uw aanvraag? U opent die pagina met de link uit onze eerste e-mail over deze aanvraag. Een recent uittreksel uit het Handelsregister van de Kamer van Koophandel (via kvk.nl) werkt het best.',
      ],
    ],
  }),
};

/** A support agent asks the requester for a new document, and says why. */
export function documentRequestedMail(input: DocumentRequestedMailInput): MailContent {
  return composeMail(TEXT[input.language](input));
}
