import type { CaseLanguage } from '@app/domain';
import { composeMail, type MailDescription } from '../compose-mail';
import type { MailContent } from '../outgoing-mail';

/** Why the email method cannot be used. The wording never reveals whether an environment was found. */
type ExtractRequestReason = 'no_known_address';

export interface ExtractRequestedMailInput {
  /** The case's language. */
  language: CaseLanguage;
  requesterName: string;
  reference: string;
  reason: ExtractRequestReason;
}

// Records keyed by every language and every reason: one added without its wording does not compile.
const BECAUSE: Record<CaseLanguage, Record<ExtractRequestReason, string>> = {
  en: { no_known_address: 'we cannot verify you by email' },
  nl: { no_known_address: 'kunnen wij u niet per e-mail verifiëren' },
};

const TEXT: Record<CaseLanguage, (input: ExtractRequestedMailInput) => MailDescription> = {
  en: ({ requesterName, reference, reason }) => ({
    subject: `Please upload a Chamber of Commerce extract for case ${reference}`,
    greeting: `Dear ${requesterName},`,
    paragraphs: [
      [
        `For your recovery request (case ${reference}) ${BECAUSE.en[reason]}. Instead, please upload a recent extract from the Dutch Chamber of Commerce (KvK), an "uittreksel Handelsregister", as a PDF file on your case page.`,
        'Open your case page with the link from our first mail about this case.',
      ],
      [
        'An extract is an official copy of what the Dutch trade register (Handelsregister) holds about a company: its KvK number, its name and the people who may act on its behalf, such as directors.',
        'You can order one online from the Chamber of Commerce; you receive it as a PDF straight away. Please order a fresh one rather than sending an old copy.',
      ],
      [{ url: 'https://www.kvk.nl' }],
      ['A support agent then reviews your request together with the extract.'],
    ],
  }),
  nl: ({ requesterName, reference, reason }) => ({
    subject: `Verzoek om een uittreksel van de Kamer van Koophandel voor aanvraag ${reference}`,
    greeting: `Beste ${requesterName},`,
    paragraphs: [
      [
        `Voor uw aanvraag (kenmerk ${reference}) ${BECAUSE.nl[reason]}. Wilt u in plaats daarvan een recent uittreksel van de Kamer van Koophandel (KvK), een "uittreksel Handelsregister", als PDF-bestand uploaden op de pagina van uw aanvraag?`,
        'U opent die pagina met de link uit onze eerste e-mail over deze aanvraag.',
      ],
      [
        'Een uittreksel is een officieel afschrift van de inschrijving van een onderneming in het Handelsregister: het KvK-nummer, de naam en de personen die namens de onderneming mogen optreden, zoals bestuurders.',
        'U kunt het online bestellen bij de Kamer van Koophandel; u ontvangt het direct als PDF. Bestel bij voorkeur een nieuw uittreksel in plaats van een oude kopie te sturen.',
      ],
      [{ url: 'https://www.kvk.nl' }],
      ['Een medewerker van support beoordeelt daarna uw aanvraag samen met het uittreksel.'],
    ],
  }),
};

/** Asks the requester, at their own address, to prove their authority with a Chamber of Commerce extract. */
export function extractRequestedMail(input: ExtractRequestedMailInput): MailContent {
  return composeMail(TEXT[input.language](input));
}
