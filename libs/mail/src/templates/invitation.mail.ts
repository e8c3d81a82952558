import type { CaseLanguage, EnvironmentRole } from '@app/domain';
import { composeMail, type MailDescription } from '../compose-mail';
import type { MailContent } from '../outgoing-mail';

export interface InvitationMailInput {
  /** English, unless the invitation comes from a case: then the case's language. */
  language: CaseLanguage;
  inviteeName: string;
  inviteeEmail: string;
  inviterName: string;
  environmentName: string;
  role: EnvironmentRole;
}

// Records keyed by every language and every role: one added without its wording does not compile.
const AS_WHAT: Record<CaseLanguage, Record<EnvironmentRole, string>> = {
  en: { administrator: 'an administrator', user: 'a user' },
  nl: { administrator: 'beheerder', user: 'gebruiker' },
};

const TEXT: Record<CaseLanguage, (input: InvitationMailInput) => MailDescription> = {
  en: ({ inviteeName, inviteeEmail, inviterName, environmentName, role }) => ({
    subject: `You are invited to ${environmentName} on eConnect`,
    greeting: `Dear ${inviteeName},`,
    paragraphs: [
      [
        [
          `${inviterName} invited you to the eConnect environment `,
          { strong: environmentName, quoted: true },
          ` as ${AS_WHAT.en[role]}.`,
        ],
        `To accept, sign in to eConnect with this address (${inviteeEmail}); the first time, you set your password.`,
      ],
      ['Did you not expect this invitation? Then ignore this mail.'],
    ],
  }),
  nl: ({ inviteeName, inviteeEmail, inviterName, environmentName, role }) => ({
    subject: `U bent uitgenodigd voor ${environmentName} op eConnect`,
    greeting: `Beste ${inviteeName},`,
    paragraphs: [
      [
        [
          `${inviterName} heeft u uitgenodigd voor de eConnect-omgeving `,
          { strong: environmentName, quoted: true },
          ` als ${AS_WHAT.nl[role]}.`,
        ],
        `Om de uitnodiging te accepteren, logt u bij eConnect in met dit adres (${inviteeEmail}); de eerste keer stelt u uw wachtwoord in.`,
      ],
      ['Had u deze uitnodiging niet verwacht? Dan kunt u deze e-mail negeren.'],
    ],
  }),
};

/** Tells an invited user who invited them to which environment, and how to accept. */
export function invitationMail(input: InvitationMailInput): MailContent {
  return composeMail(TEXT[input.language](input));
}
