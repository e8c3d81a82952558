import { escapeHtml, htmlMail } from '../html';
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
  const subject = `You are now administrator of ${environmentName} on eConnect`;
  const appointed = `Your recovery request is complete: you are now administrator of the eConnect environment "${environmentName}"`;
  const organisations =
    organisationNames.length > 0
      ? 'You are also administrator of these organisations:'
      : 'You are not yet administrator of any of its organisations; as environment administrator you can change that yourself.';
  const login = newLogin
    ? 'You will receive a separate invitation to set up your login with this email address.'
    : 'Sign in with your existing eConnect login (this email address).';
  const advice =
    'We advise keeping at least two administrators in every environment, so that access never depends on one person.';
  const text = [
    `Dear ${requesterName},`,
    '',
    `${appointed}.`,
    organisations,
    ...organisationNames.map((name) => `- ${name}`),
    '',
    login,
    advice,
    '',
    'eConnect Support',
  ].join('\n');
  const organisationsHtml =
    organisationNames.length > 0
      ? `${escapeHtml(organisations)}<br>${organisationNames.map((name) => `• ${escapeHtml(name)}`).join('<br>')}`
      : escapeHtml(organisations);
  const html = htmlMail([
    `Dear ${escapeHtml(requesterName)},`,
    `${escapeHtml(appointed)}.`,
    organisationsHtml,
    `${escapeHtml(login)} ${escapeHtml(advice)}`,
    'eConnect Support',
  ]);
  return { subject, text, html };
}
