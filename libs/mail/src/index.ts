export { MailModule } from './mail.module';
export { Mailer } from './mailer';
export {
  MailDeliveries,
  type DeliverableMail,
  type DeliveryOutcome,
  type MailDeliveryRecord,
} from './mail-deliveries';
export { MailUnavailableError } from './mail-unavailable.error';
export { formatAmsterdamTime } from './format-date';
export { administratorAppointedNoticeMail } from './templates/administrator-appointed-notice.mail';
export { administratorAppointedMail } from './templates/administrator-appointed.mail';
export { attentionNeededMail } from './templates/attention-needed.mail';
export { caseClosedMail } from './templates/case-closed.mail';
export { caseClosedBySupportMail } from './templates/case-closed-by-support.mail';
export { accessLinkMail } from './templates/access-link.mail';
export { caseRejectedMail } from './templates/case-rejected.mail';
export { coolingOffNoticeMail } from './templates/cooling-off-notice.mail';
export { documentRequestedMail } from './templates/document-requested.mail';
export { emailCodeMail } from './templates/email-code.mail';
export { extractRequestedMail } from './templates/extract-requested.mail';
export { invitationMail } from './templates/invitation.mail';
export { objectionReceivedMail } from './templates/objection-received.mail';
export { reviewOverdueMail } from './templates/review-overdue.mail';
