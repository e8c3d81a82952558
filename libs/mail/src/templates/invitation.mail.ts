import type { EnvironmentRole } from '@app/domain';
import { escapeHtml, htmlMail } from '../html';
import type { MailContent } from '../outgoing-mail';

export interface InvitationMailInput {
  inviteeName: string;
  inviteeEmail: string;
  inviterName: string;
  environmentName: string;
  role: EnvironmentRole;
}

/** Tells an invited user who invited them to which environment, and how to accept. */
export function invitationMail(input: InvitationMailInput): MailContent {
  const { inviteeName, inviteeEmail, inviterName, environmentName, role } = input;
  const asWhat = role === 'administrator' ? 'an administrator' : 'a user';
  const subject = `You are invited to ${environmentName} on eConnect`;
  const accept = `To accept, sign in to eConnect with this address (${inviteeEmail}); the first time, you set your password.`;
  const text = [
    `Dear ${inviteeName},`,
    '',
    `${inviterName} invited you to the eConnect environment "${environmentName}" as ${asWhat}.`,
    accept,
    '',
    'Did you not expect this invitation? Then ignore this mail.',
    '',
    'eConnect',
  ].join('\n');
  const html = htmlMail([
    `Dear ${escapeHtml(inviteeName)},`,
    `${escapeHtml(inviterName)} invited you to the eConnect environment <strong>${escapeHtml(environmentName)}</strong> as ${asWhat}.`,
    escapeHtml(accept),
    'Did you not expect this invitation? Then ignore this mail.',
    'eConnect',
  ]);
  return { subject, text, html };
}
