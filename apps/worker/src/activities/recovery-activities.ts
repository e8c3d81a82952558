import { Injectable } from '@nestjs/common';
import type { WorkerActivities } from '@app/workflows/activities.contract';
import { failingForGood } from './activity-failures';
import { CaseExpiryActivities } from './case-expiry.activities';
import { CaseLinkActivities } from './case-link.activities';
import { InvitationActivities } from './invitation.activities';

/** Gathers the activity providers into the object the Temporal worker registers (checked against the contract). */
@Injectable()
export class RecoveryActivitiesRegistry {
  constructor(
    private readonly caseLink: CaseLinkActivities,
    private readonly caseExpiry: CaseExpiryActivities,
    private readonly invitation: InvitationActivities,
  ) {}

  activities(): WorkerActivities {
    return {
      sendCaseLink: failingForGood((input) => this.caseLink.sendCaseLink(input)),
      expireCase: failingForGood((input) => this.caseExpiry.expireCase(input)),
      sendInvitation: failingForGood((input) => this.invitation.sendInvitation(input)),
    };
  }
}

export const ACTIVITY_PROVIDERS = [
  CaseLinkActivities,
  CaseExpiryActivities,
  InvitationActivities,
  RecoveryActivitiesRegistry,
];
