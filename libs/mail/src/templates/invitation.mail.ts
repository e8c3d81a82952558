import type { EnvironmentRole } from '@app/domain';
import { composeMail } from '../compose-mail';
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
  return composeMail({
    subject: `You are invited to ${environmentName} on eConnect`,
    greeting: `Dear ${inviteeName},`,
    paragraphs: [
      [
        [
          `${inviterName} invited you to the eConnect environment `,
          { strong: environmentName, quoted: true },
          ` as ${asWhat}.`,
        ],
        `To accept, sign in to eConnect with this address (${inviteeEmail}); the first time, you set your password.`,
      ],
      ['Did you not expect this invitation? Then ignore this mail.'],
    ],
  });
}
