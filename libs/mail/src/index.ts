export { formatAmsterdamTime } from './format-date';
export { escapeHtml } from './html';
export { MailModule } from './mail.module';
export { Mailer } from './mailer';
export type { MailContent, OutgoingMail } from './outgoing-mail';
export {
  administratorAppointedNoticeMail,
  type AdministratorAppointedNoticeMailInput,
} from './templates/administrator-appointed-notice.mail';
export {
  administratorAppointedMail,
  type AdministratorAppointedMailInput,
} from './templates/administrator-appointed.mail';
export {
  caseClosedMail,
  type CaseClosedMailInput,
  type CaseClosedOutcome,
} from './templates/case-closed.mail';
export { caseLinkMail, type CaseLinkMailInput } from './templates/case-link.mail';
export { caseRejectedMail, type CaseRejectedMailInput } from './templates/case-rejected.mail';
export { coolingOffNoticeMail, type CoolingOffNoticeMailInput } from './templates/cooling-off-notice.mail';
export { documentRequestedMail, type DocumentRequestedMailInput } from './templates/document-requested.mail';
export { emailCodeMail, type EmailCodeMailInput } from './templates/email-code.mail';
export {
  extractRequestedMail,
  type ExtractRequestedMailInput,
  type ExtractRequestReason,
} from './templates/extract-requested.mail';
export { invitationMail, type InvitationMailInput } from './templates/invitation.mail';
export { objectionReceivedMail, type ObjectionReceivedMailInput } from './templates/objection-received.mail';
export { reviewOverdueMail, type ReviewOverdueMailInput } from './templates/review-overdue.mail';
