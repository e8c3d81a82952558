import type { CaseLanguage } from '@app/domain';
import { composeMail, type MailDescription } from '../compose-mail';
import type { MailContent } from '../outgoing-mail';

/** How an open case ended without a decision. */
type CaseClosedOutcome = 'cancelled' | 'expired';

export interface CaseClosedMailInput {
  /** The case's language. */
  language: CaseLanguage;
  requesterName: string;
  reference: string;
  outcome: CaseClosedOutcome;
}

function englishWording(outcome: CaseClosedOutcome, reference: string): { subject: string; closed: string } {
  switch (outcome) {
    case 'cancelled':
      return {
        subject: `Your eConnect recovery request ${reference} is cancelled`,
        closed: `Your request to recover administrator access (case ${reference}) is cancelled.`,
      };
    case 'expired':
      return {
        subject: `Your eConnect recovery request ${reference} has expired`,
        closed: `Your request to recover administrator access (case ${reference}) has expired: it waited too long for the next step, such as confirming your email address, entering the code or uploading a document.`,
      };
  }
}

function dutchWording(outcome: CaseClosedOutcome, reference: string): { subject: string; closed: string } {
  switch (outcome) {
    case 'cancelled':
      return {
        subject: `Uw eConnect-aanvraag ${reference} is ingetrokken`,
        closed: `Uw aanvraag om de beheerderstoegang te herstellen (kenmerk ${reference}) is ingetrokken.`,
      };
    case 'expired':
      return {
        subject: `Uw eConnect-aanvraag ${reference} is verlopen`,
        closed: `Uw aanvraag om de beheerderstoegang te herstellen (kenmerk ${reference}) is verlopen: de volgende stap, zoals het bevestigen van uw e-mailadres, het invoeren van de code of het uploaden van een document, bleef te lang uit.`,
      };
  }
}

// A record keyed by every language: a language without its wording does not compile.
const TEXT: Record<CaseLanguage, (input: CaseClosedMailInput) => MailDescription> = {
  en: ({ requesterName, reference, outcome }) => {
    const { subject, closed } = englishWording(outcome, reference);
    return {
      subject,
      greeting: `Dear ${requesterName},`,
      paragraphs: [
        [closed, 'Nothing has changed in any eConnect environment.'],
        ['Do you still need access? Then you are welcome to submit a new request.'],
      ],
    };
  },
  nl: ({ requesterName, reference, outcome }) => {
    const { subject, closed } = dutchWording(outcome, reference);
    return {
      subject,
      greeting: `Beste ${requesterName},`,
      paragraphs: [
        [closed, 'Er is in geen enkele eConnect-omgeving iets gewijzigd.'],
        ['Heeft u nog steeds toegang nodig? Dan kunt u gerust een nieuwe aanvraag indienen.'],
      ],
    };
  },
};

/** Tells the requester that their case was cancelled or expired, and that nothing changed. */
export function caseClosedMail(input: CaseClosedMailInput): MailContent {
  return composeMail(TEXT[input.language](input));
}
