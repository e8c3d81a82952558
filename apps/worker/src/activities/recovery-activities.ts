import { Injectable } from '@nestjs/common';
import type { WorkerActivities } from '@app/workflows/activities.contract';
import { failingForGood } from './activity-failures';
import { AttentionActivities } from './attention.activities';
import { AppointmentActivities } from './appointment.activities';
import { CaseSteps } from './case-steps';
import { ClosingActivities } from './closing.activities';
import { CoolingOffActivities } from './cooling-off.activities';
import { DocumentActivities } from './document.activities';
import { EmailCodeActivities } from './email-code.activities';
import { EnvironmentLinkActivities } from './environment-link.activities';
import { ExtractFindingsService } from './extract-findings.service';
import { InvitationActivities } from './invitation.activities';
import { MailboxActivities } from './mailbox.activities';
import { ReviewActivities } from './review.activities';

/** Gathers the activity providers into the object the Temporal worker registers (checked against the contract). */
@Injectable()
export class RecoveryActivitiesRegistry {
  constructor(
    private readonly mailbox: MailboxActivities,
    private readonly environmentLink: EnvironmentLinkActivities,
    private readonly emailCode: EmailCodeActivities,
    private readonly documents: DocumentActivities,
    private readonly review: ReviewActivities,
    private readonly coolingOff: CoolingOffActivities,
    private readonly appointment: AppointmentActivities,
    private readonly closing: ClosingActivities,
    private readonly attention: AttentionActivities,
    private readonly invitation: InvitationActivities,
  ) {}

  activities(): WorkerActivities {
    return {
      matchEnvironment: failingForGood((input) => this.environmentLink.matchEnvironment(input)),
      sendAccessLink: failingForGood((input) => this.mailbox.sendAccessLink(input)),
      closeUnreachable: failingForGood((input) => this.mailbox.closeUnreachable(input)),
      verificationFacts: failingForGood((input) => this.environmentLink.verificationFacts(input)),
      confirmMailbox: failingForGood((input) => this.mailbox.confirmMailbox(input)),
      issueEmailCode: failingForGood((input) => this.emailCode.issueEmailCode(input)),
      sendEmailCode: failingForGood((input) => this.emailCode.sendEmailCode(input)),
      sendExtractRequest: failingForGood((input) => this.documents.sendExtractRequest(input)),
      linkEnvironment: failingForGood((input) => this.environmentLink.linkEnvironment(input)),
      startAnalysis: failingForGood((input) => this.documents.startAnalysis(input)),
      analyseDocument: failingForGood((input) => this.documents.analyseDocument(input)),
      startReview: failingForGood((input) => this.review.startReview(input)),
      markReviewOverdue: failingForGood((input) => this.review.markReviewOverdue(input)),
      approveCase: failingForGood((input) => this.review.approveCase(input)),
      rejectCase: failingForGood((input) => this.review.rejectCase(input)),
      sendRejection: failingForGood((input) => this.review.sendRejection(input)),
      requestDocument: failingForGood((input) => this.review.requestDocument(input)),
      sendDocumentRequest: failingForGood((input) => this.review.sendDocumentRequest(input)),
      sendCoolingOffNotices: failingForGood((input) => this.coolingOff.sendCoolingOffNotices(input)),
      recordObjection: failingForGood((input) => this.coolingOff.recordObjection(input)),
      sendObjectionReceived: failingForGood((input) => this.coolingOff.sendObjectionReceived(input)),
      scheduleAppointment: failingForGood((input) => this.coolingOff.scheduleAppointment(input)),
      startAppointment: failingForGood((input) => this.coolingOff.startAppointment(input)),
      appointAdministrator: failingForGood((input) => this.appointment.appointAdministrator(input)),
      sendAppointmentMails: failingForGood((input) => this.appointment.sendAppointmentMails(input)),
      cancelCase: failingForGood((input) => this.closing.cancelCase(input)),
      sendCancellation: failingForGood((input) => this.closing.sendCancellation(input)),
      expireCase: failingForGood((input) => this.closing.expireCase(input)),
      sendExpiry: failingForGood((input) => this.closing.sendExpiry(input)),
      reportFailedStep: failingForGood((input) => this.attention.reportFailedStep(input)),
      sendAttentionNotice: failingForGood((input) => this.attention.sendAttentionNotice(input)),
      resumeStep: failingForGood((input) => this.attention.resumeStep(input)),
      closeCase: failingForGood((input) => this.attention.closeCase(input)),
      sendClosure: failingForGood((input) => this.attention.sendClosure(input)),
      sendInvitation: failingForGood((input) => this.invitation.sendInvitation(input)),
    };
  }
}

export const ACTIVITY_PROVIDERS = [
  CaseSteps,
  ExtractFindingsService,
  MailboxActivities,
  EnvironmentLinkActivities,
  EmailCodeActivities,
  DocumentActivities,
  ReviewActivities,
  CoolingOffActivities,
  AppointmentActivities,
  ClosingActivities,
  AttentionActivities,
  InvitationActivities,
  RecoveryActivitiesRegistry,
];
