import { stepInWords, type CaseLanguage } from '@app/domain';
import { composeMail, type MailDescription } from '../compose-mail';
import type { MailContent } from '../outgoing-mail';

export interface AttentionNeededMailInput {
  /** The case's language (the managers read the case in it too). */
  language: CaseLanguage;
  reference: string;
  companyName: string;
  /** The activity that failed, as the service names it: `appointAdministrator`. */
  step: string;
  /** Why it failed, as a code: `not_found`. */
  reason: string;
  /** The case in the staff console. */
  caseUrl: string;
  /**
   * The case waits in `needs_attention`; when false, it had ended already or went on without the step (a
   * mail for a state it has left), and the failure is only recorded.
   */
  caseOpen: boolean;
}

// A record keyed by every language: a language without its wording does not compile.
const TEXT: Record<CaseLanguage, (input: AttentionNeededMailInput) => MailDescription> = {
  en: ({ reference, companyName, step, reason, caseUrl, caseOpen }) => ({
    subject: caseOpen
      ? `Needs attention: case ${reference} (${companyName})`
      : `Step failed: case ${reference} (${companyName})`,
    greeting: 'Hello,',
    paragraphs: [
      [
        `${caseOpen ? `Case ${reference} for "${companyName}" stopped at the step` : `In case ${reference} for "${companyName}", a step failed:`} "${stepInWords(step)}". The step failed for a reason that trying again will not mend: "${stepInWords(reason)}".`,
      ],
      caseOpen
        ? [
            'The case now waits in "needs attention". An agent or manager can retry the step once the cause is dealt with, or close the case with a reason for the requester:',
          ]
        : [
            'The case does not wait on this step: it had finished, or it went on without it. The failure is recorded on its trail for follow-up:',
          ],
      [{ url: caseUrl }],
      ['You receive this mail once for this failure.'],
    ],
  }),
  nl: ({ reference, companyName, step, reason, caseUrl, caseOpen }) => ({
    subject: caseOpen
      ? `Actie nodig: aanvraag ${reference} (${companyName})`
      : `Stap mislukt: aanvraag ${reference} (${companyName})`,
    greeting: 'Beste collega,',
    paragraphs: [
      [
        `${caseOpen ? `Aanvraag ${reference} voor "${companyName}" is gestopt bij de stap` : `In aanvraag ${reference} voor "${companyName}" is een stap mislukt:`} "${stepInWords(step)}". Deze stap is mislukt om een reden die niet verdwijnt door het opnieuw te proberen: "${stepInWords(reason)}".`,
      ],
      caseOpen
        ? [
            'De aanvraag wacht nu in de status "needs attention". Een medewerker of manager kan de stap opnieuw proberen als de oorzaak is opgelost, of de aanvraag afsluiten met een reden voor de aanvrager:',
          ]
        : [
            'De aanvraag wacht niet op deze stap: zij was al afgerond, of is zonder deze stap verdergegaan. De fout is vastgelegd in het verloop van de aanvraag, zodat iemand die kan opvolgen:',
          ],
      [{ url: caseUrl }],
      ['U ontvangt deze e-mail één keer voor deze fout.'],
    ],
  }),
};

/** Tells the managers, once per failure, that a step of a case failed for a reason no retry mends. */
export function attentionNeededMail(input: AttentionNeededMailInput): MailContent {
  return composeMail(TEXT[input.language](input));
}
