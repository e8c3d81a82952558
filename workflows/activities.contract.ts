// The activities the recovery workflow calls. Inputs carry ids only: personal data stays in PostgreSQL.
// The worker implements this interface with Nest providers; the workflow sees it only as a type.

export interface CaseActivityInput {
  caseId: string;
}

export interface RecoveryActivities {
  /** Mails the requester the case link (reference and token); idempotent per case. */
  sendCaseLink(input: CaseActivityInput): Promise<void>;
  /** Marks a case expired if it is still waiting in `awaitingStatus`; writes the event. */
  expireCase(input: CaseActivityInput & { awaitingStatus: 'awaiting_confirmation' }): Promise<void>;
}

export interface InvitationActivityInput {
  userId: string;
  invitedByUserId: string;
}

/** The activities of the directory's own workflows. */
export interface DirectoryActivities {
  /** Mails an invited user their invitation; idempotent per user (a stable Message-ID). */
  sendInvitation(input: InvitationActivityInput): Promise<void>;
}

/** Everything the worker registers. */
export type WorkerActivities = RecoveryActivities & DirectoryActivities;
