import type { CaseLanguage } from '@app/domain';
import { composeMail, type MailDescription } from '../compose-mail';
import type { MailContent } from '../outgoing-mail';

export interface AdministratorAppointedMailInput {
  /** The case's language. */
  language: CaseLanguage;
  requesterName: string;
  environmentName: string;
  /** The organisations the requester now administers; may be empty. */
  organisationNames: readonly string[];
  /** True when the requester had no user in the environment and gets an invitation to set up a login. */
  newLogin: boolean;
}

// A record keyed by every language: a language without its wording does not compile.
const TEXT: Record<CaseLanguage, (input: AdministratorAppointedMailInput) => MailDescription> = {
  en: ({ requesterName, environmentName, organisationNames, newLogin }) => ({
    subject: `You are now administrator of ${environmentName} on eConnect`,
    greeting: `Dear ${requesterName},`,
    paragraphs: [
      [
        `Your recovery request is complete: you are now administrator of the eConnect environment "${environmentName}".`,
        organisationNames.length > 0
          ? 'You are also administrator of these organisations:'
          : 'You are not yet administrator of any of its organisations; as environment administrator you can change that yourself.',
        { list: organisationNames },
      ],
      [
        newLogin
          ? 'You will receive a separate invitation to set up your login with this email address.'
          : 'Sign in with your existing eConnect login (this email address).',
        'We advise keeping at least two administrators in every environment, so that access never depends on one person.',
      ],
    ],
  }),
  nl: ({ requesterName, environmentName, organisationNames, newLogin }) => ({
    subject: `U bent nu beheerder van ${environmentName} op eConnect`,
    greeting: `Beste ${requesterName},`,
    paragraphs: [
      [
        `Uw aanvraag is afgerond: u bent nu beheerder van de eConnect-omgeving "${environmentName}".`,
        organisationNames.length > 0
          ? 'U bent ook beheerder van deze organisaties:'
          : 'U bent nog van geen enkele organisatie in deze omgeving beheerder; als omgevingsbeheerder kunt u dat zelf aanpassen.',
        { list: organisationNames },
      ],
      [
        newLogin
          ? 'U ontvangt een aparte uitnodiging om uw eConnect-account met dit e-mailadres in te stellen.'
          : 'U logt in met uw bestaande eConnect-account (dit e-mailadres).',
        'Wij adviseren in elke omgeving ten minste twee beheerders te hebben, zodat de toegang nooit van één persoon afhangt.',
      ],
    ],
  }),
};

/** Tells the requester that they are now administrator, of what, and how to sign in. */
export function administratorAppointedMail(input: AdministratorAppointedMailInput): MailContent {
  return composeMail(TEXT[input.language](input));
}
