import type { CaseLanguage } from '@app/domain';
import { composeMail, type MailDescription } from '../compose-mail';
import { formatAmsterdamTime } from '../format-date';
import type { MailContent } from '../outgoing-mail';

export interface ReviewOverdueMailInput {
  /** The case's language (the managers read the case in it too). */
  language: CaseLanguage;
  reference: string;
  companyName: string;
  /** When the case entered review. */
  waitingSince: Date;
  /** When the review SLA ran out. */
  dueAt: Date;
  /** The case in the staff console. */
  caseUrl: string;
}

// A record keyed by every language: a language without its wording does not compile.
const TEXT: Record<CaseLanguage, (input: ReviewOverdueMailInput) => MailDescription> = {
  en: ({ reference, companyName, waitingSince, dueAt, caseUrl }) => ({
    subject: `Review overdue: case ${reference} (${companyName})`,
    greeting: 'Hello,',
    paragraphs: [
      [
        `Case ${reference} for "${companyName}" has been waiting for review since ${formatAmsterdamTime(waitingSince, 'en')}. Under the review SLA it should have been decided by ${formatAmsterdamTime(dueAt, 'en')}, and no agent has decided yet.`,
      ],
      ['Please make sure an agent picks it up:'],
      [{ url: caseUrl }],
      ['You receive this reminder once for this case.'],
    ],
  }),
  nl: ({ reference, companyName, waitingSince, dueAt, caseUrl }) => ({
    subject: `Beoordeling te laat: aanvraag ${reference} (${companyName})`,
    greeting: 'Beste collega,',
    paragraphs: [
      [
        `Aanvraag ${reference} voor "${companyName}" wacht sinds ${formatAmsterdamTime(waitingSince, 'nl')} op beoordeling. Volgens de SLA voor beoordelingen had er uiterlijk ${formatAmsterdamTime(dueAt, 'nl')} een besluit moeten liggen, maar er is nog geen besluit genomen.`,
      ],
      ['Wilt u ervoor zorgen dat een medewerker de aanvraag oppakt?'],
      [{ url: caseUrl }],
      ['U ontvangt deze herinnering één keer voor deze aanvraag.'],
    ],
  }),
};

/** Reminds managers, once per case, that a case has waited for review longer than the SLA. */
export function reviewOverdueMail(input: ReviewOverdueMailInput): MailContent {
  return composeMail(TEXT[input.language](input));
}
