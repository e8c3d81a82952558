import { composeMail } from '../compose-mail';
import type { MailContent } from '../outgoing-mail';

export interface AdministratorAppointedMailInput {
  requesterName: string;
  environmentName: string;
  /** The organisations the requester now administers; may be empty. */
  organisationNames: readonly string[];
  /** True when the requester had no user in the environment and gets an invitation to set up a login. */
  newLogin: boolean;
}

/** Tells the requester that they are now administrator, of what, and how to sign in. */
export function administratorAppointedMail(input: AdministratorAppointedMailInput): MailContent {
  const { requesterName, environmentName, organisationNames, newLogin } = input;
  return composeMail({
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
  });
}
