import { Injectable } from '@nestjs/common';
import type { WorkerActivities } from '@app/workflows/activities.contract';
import { failingForGood } from './activity-failures';
import { AppointmentActivities } from './appointment.activities';
import { CaseClosingActivities } from './case-closing.activities';
import { CaseIntakeActivities } from './case-intake.activities';
import { CaseLinkActivities } from './case-link.activities';
import { CaseReviewActivities } from './case-review.activities';
import { CaseSteps } from './case-steps';
import { CaseVerificationActivities } from './case-verification.activities';
import { CoolingOffActivities } from './cooling-off.activities';
import { DocumentActivities } from './document.activities';
import { ExtractFindingsService } from './extract-findings.service';
import { InvitationActivities } from './invitation.activities';

/** Gathers the activity providers into the object the Temporal worker registers (checked against the contract). */
@Injectable()
export class RecoveryActivitiesRegistry {
  constructor(
    private readonly intake: CaseIntakeActivities,
    private readonly caseLink: CaseLinkActivities,
    private readonly verification: CaseVerificationActivities,
    private readonly documents: DocumentActivities,
    private readonly review: CaseReviewActivities,
    private readonly coolingOff: CoolingOffActivities,
    private readonly appointment: AppointmentActivities,
    private readonly closing: CaseClosingActivities,
    private readonly invitation: InvitationActivities,
  ) {}

  activities(): WorkerActivities {
    return {
      matchEnvironment: failingForGood((input) => this.intake.matchEnvironment(input)),
      sendCaseLink: failingForGood((input) => this.caseLink.sendCaseLink(input)),
      verificationFacts: failingForGood((input) => this.verification.verificationFacts(input)),
      confirmMailbox: failingForGood((input) => this.verification.confirmMailbox(input)),
      issueEmailCode: failingForGood((input) => this.verification.issueEmailCode(input)),
      sendEmailCode: failingForGood((input) => this.verification.sendEmailCode(input)),
      sendExtractRequest: failingForGood((input) => this.verification.sendExtractRequest(input)),
      linkEnvironment: failingForGood((input) => this.verification.linkEnvironment(input)),
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
      startAppointment: failingForGood((input) => this.coolingOff.startAppointment(input)),
      appointAdministrator: failingForGood((input) => this.appointment.appointAdministrator(input)),
      sendAppointmentMails: failingForGood((input) => this.appointment.sendAppointmentMails(input)),
      cancelCase: failingForGood((input) => this.closing.cancelCase(input)),
      sendCancellation: failingForGood((input) => this.closing.sendCancellation(input)),
      expireCase: failingForGood((input) => this.closing.expireCase(input)),
      sendInvitation: failingForGood((input) => this.invitation.sendInvitation(input)),
    };
  }
}

export const ACTIVITY_PROVIDERS = [
  CaseSteps,
  ExtractFindingsService,
  CaseIntakeActivities,
  CaseLinkActivities,
  CaseVerificationActivities,
  DocumentActivities,
  CaseReviewActivities,
  CoolingOffActivities,
  AppointmentActivities,
  CaseClosingActivities,
  InvitationActivities,
  RecoveryActivitiesRegistry,
];
