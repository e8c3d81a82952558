export { escapeHtml } from './html';
export { MailModule } from './mail.module';
export { Mailer } from './mailer';
export type { MailContent, OutgoingMail } from './outgoing-mail';
export { caseLinkMail, type CaseLinkMailInput } from './templates/case-link.mail';
export { invitationMail, type InvitationMailInput } from './templates/invitation.mail';
