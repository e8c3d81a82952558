import type { CaseLanguage } from '@app/domain';
import { composeMail, type MailDescription } from '../compose-mail';
import { formatAmsterdamTime } from '../format-date';
import type { MailContent } from '../outgoing-mail';

export interface CoolingOffNoticeMailInput {
  /** The case's language. */
  language: CaseLanguage;
  environmentName: string;
  requesterName: string;
  requesterEmail: string;
  reference: string;
  /** When the requester becomes administrator unless someone objects. */
  appointAt: Date;
  /** `PUBLIC_BASE_URL/objections/<token>?lang=<language>` */
  objectionLink: string;
}

// A record keyed by every language: a language without its wording does not compile.
const TEXT: Record<CaseLanguage, (input: CoolingOffNoticeMailInput) => MailDescription> = {
  en: ({ environmentName, requesterName, requesterEmail, reference, appointAt, objectionLink }) => ({
    subject: `Planned: a new administrator for ${environmentName} on eConnect`,
    greeting: 'Hello,',
    paragraphs: [
      [
        `Someone asked eConnect Support to recover administrator access to the eConnect environment "${environmentName}" (case ${reference}), and a support agent approved the request.`,
        [
          { strong: requesterName },
          ` (${requesterEmail}) will become administrator of `,
          { strong: environmentName, quoted: true },
          ' on ',
          { strong: formatAmsterdamTime(appointAt, 'en') },
          ', unless someone objects before then.',
        ],
      ],
      [
        'Do you not know this person, or should they not become administrator? Then open this link before that time and tell us why:',
      ],
      [{ url: objectionLink }],
      [
        'A support agent will look at the request again before anything changes.',
        'If all is well, you do not need to do anything.',
      ],
    ],
  }),
  nl: ({ environmentName, requesterName, requesterEmail, reference, appointAt, objectionLink }) => ({
    subject: `Gepland: een nieuwe beheerder voor ${environmentName} op eConnect`,
    greeting: 'Geachte heer/mevrouw,',
    paragraphs: [
      [
        `Iemand heeft eConnect Support gevraagd de beheerderstoegang tot de eConnect-omgeving "${environmentName}" te herstellen (kenmerk ${reference}), en een medewerker van support heeft de aanvraag goedgekeurd.`,
        [
          { strong: requesterName },
          ` (${requesterEmail}) wordt op `,
          { strong: formatAmsterdamTime(appointAt, 'nl') },
          ' beheerder van ',
          { strong: environmentName, quoted: true },
          ', tenzij iemand vóór dat moment bezwaar maakt.',
        ],
      ],
      [
        'Kent u deze persoon niet, of hoort deze persoon geen beheerder te worden? Open dan vóór dat moment deze link en laat ons weten waarom:',
      ],
      [{ url: objectionLink }],
      [
        'Een medewerker van support beoordeelt de aanvraag dan opnieuw, voordat er iets verandert.',
        'Is alles in orde? Dan hoeft u niets te doen.',
      ],
    ],
  }),
};

/**
 * Warns the environment's active users and known addresses that an approved requester will become administrator,
 * and how to object before then. The subject carries nothing the requester typed.
 */
export function coolingOffNoticeMail(input: CoolingOffNoticeMailInput): MailContent {
  return composeMail(TEXT[input.language](input));
}
