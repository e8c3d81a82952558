// The activities the workflows call. Inputs carry ids only: personal data stays in PostgreSQL.
// The worker implements these interfaces with Nest providers; the workflow sees them only as types.
// Every activity is idempotent per case: a retry after a crash finds its own work done and changes nothing.
// Activities carry out and report facts; the workflow chooses the next state (recovery-state.ts). Mails are
// activities of their own, so that the workflow answers a person before it mails.
import type { CaseStatus, FinalCaseStatus } from '../libs/domain/src/case/case-status';
import type { VerificationMethod } from '../libs/domain/src/case/verification-method';

export interface CaseActivityInput {
  caseId: string;
}

export type VerificationStage = 'awaiting_email_code' | 'awaiting_document';
export type WaitingStatus = 'awaiting_confirmation' | VerificationStage;

/** What the workflow needs to know to choose how a requester proves who they are. */
export interface VerificationFacts {
  method: VerificationMethod;
  /** The environment (the case's, or the one being linked) has addresses of its own to send a code to. */
  knownAddressesExist: boolean;
  documentsUploaded: number;
}

export interface RecoveryActivities {
  /**
   * Looks for the case's environment (a KvK number of one of its organisations, its id, reference or name,
   * a former administrator's address) and records how it matched. Run by the worker, not during the
   * request, so the intake answers in the same time whatever matches.
   */
  matchEnvironment(input: CaseActivityInput): Promise<void>;
  /**
   * Mails the requester the access link (reference and token); `refused` when their mail server refused
   * the address for good (nobody can confirm the case then).
   */
  sendAccessLink(input: CaseActivityInput): Promise<{ refused: boolean }>;
  /** Closes a case whose requester's address refused the access link, with an event that says so. */
  closeUnreachable(input: CaseActivityInput): Promise<void>;
  /**
   * The facts the way to verify is chosen from; about `environmentId` when an agent is about to link it,
   * else about the case's own environment. Reads only.
   */
  verificationFacts(input: CaseActivityInput & { environmentId?: string }): Promise<VerificationFacts>;
  /** Records the confirmed mailbox and moves the case to the stage the workflow chose. */
  confirmMailbox(input: CaseActivityInput & { stage: VerificationStage }): Promise<void>;
  /** Stores code number `sendNumber` (its keyed hash, its expiry) and records that it goes out. */
  issueEmailCode(input: CaseActivityInput & { sendNumber: number }): Promise<void>;
  /** Mails issued code number `sendNumber` to the addresses known for the environment (never a typed one). */
  sendEmailCode(input: CaseActivityInput & { sendNumber: number }): Promise<void>;
  /** Tells the requester (at their own address) to upload an extract instead. */
  sendExtractRequest(input: CaseActivityInput): Promise<void>;
  /** Moves the case to `analysing_document` for this upload. */
  startAnalysis(input: CaseActivityInput & { documentId: string }): Promise<void>;
  /** Reads the extract in an isolated parser and records the findings, or refuses it with a message. */
  analyseDocument(input: CaseActivityInput & { documentId: string }): Promise<{ usable: boolean }>;
  /**
   * Moves the case to `awaiting_review` (flagged after an objection, which also ends the open objection
   * links) and answers when the review is due: the SLA counted in working hours.
   */
  startReview(input: CaseActivityInput & { flagged: boolean }): Promise<{ reviewDueAtMs: number }>;
  /** Marks the case overdue and mails the managers, once. */
  markReviewOverdue(input: CaseActivityInput): Promise<void>;
  /**
   * An agent links the case to an environment; `next: 'awaiting_email_code'` moves an email-method case
   * that waits for a document to the code (the workflow chose it from the environment's facts).
   */
  linkEnvironment(
    input: CaseActivityInput & { environmentId: string; staffId: string; next: 'awaiting_email_code' | null },
  ): Promise<void>;
  /**
   * Records the approval and the organisations to link (default: the matched ones, or all of them after the
   * email method), and moves the case to `cooling_off` for round `coolingOffRound` (its appointment time is
   * set once the notices went out), or, with no cooling-off (null), straight to `appointing`. Each decision
   * is refused (`conflict`) when the case changed after `version`, the one the agent decided on.
   */
  approveCase(
    input: CaseActivityInput & {
      staffId: string;
      version: string;
      organisationIds?: string[];
      coolingOffRound: number | null;
    },
  ): Promise<void>;
  /** Ends the case as rejected, with the agent's reason. */
  rejectCase(input: CaseActivityInput & { staffId: string; version: string; noteId: string }): Promise<void>;
  /** Mails the requester the rejection and its reason. */
  sendRejection(input: CaseActivityInput & { noteId: string }): Promise<void>;
  /** Sends the case back to `awaiting_document`, with the agent's reason. */
  requestDocument(
    input: CaseActivityInput & { staffId: string; version: string; noteId: string },
  ): Promise<void>;
  /** Mails the requester the agent's request for a new document and its reason. */
  sendDocumentRequest(input: CaseActivityInput & { noteId: string }): Promise<void>;
  /**
   * Mails the environment's active users and known addresses an objection link for this cooling-off; each
   * notice names the end of a whole window (`coolingOffMs`) from its own sending. Answers when the last
   * notice was handed to the mail server (the approval's time, when none was sent or the round is over).
   */
  sendCoolingOffNotices(
    input: CaseActivityInput & { round: number; coolingOffMs: number },
  ): Promise<{ lastNoticeAtMs: number }>;
  /** Sets the appointment time of round `round`, unless the case has left that cooling-off. */
  scheduleAppointment(input: CaseActivityInput & { round: number; appointAtMs: number }): Promise<void>;
  /** Records an objection on the trail. */
  recordObjection(input: CaseActivityInput & { noteId: string }): Promise<void>;
  /** Tells the requester that an objection sent their case back to an agent. */
  sendObjectionReceived(input: CaseActivityInput & { noteId: string }): Promise<void>;
  /**
   * Moves the case from `cooling_off` to `appointing`, unless it has an objection the workflow has not taken
   * up (the api kept it when it could not hand it over): then nothing moves, and the answer names its note.
   */
  startAppointment(input: CaseActivityInput): Promise<{ objectionNoteId: string | null }>;
  /**
   * In one transaction, with the environment's row locked: the requester's user (created `invited` if new)
   * becomes environment administrator and administrator of the approved organisations; the case completes.
   */
  appointAdministrator(input: CaseActivityInput): Promise<{ userId: string; newUser: boolean }>;
  /** The requester is told they are administrator (with an invitation if new); the environment's users get a notice. */
  sendAppointmentMails(input: CaseActivityInput): Promise<void>;
  /** Ends a case the requester cancelled. */
  cancelCase(input: CaseActivityInput): Promise<void>;
  /** Tells the requester their case is cancelled. */
  sendCancellation(input: CaseActivityInput): Promise<void>;
  /** Marks a case expired if it is still waiting in `awaitingStatus`; writes the event. */
  expireCase(input: CaseActivityInput & { awaitingStatus: WaitingStatus }): Promise<void>;
  /** Tells the requester their case expired (not when it waited for the confirmation: maybe not theirs). */
  sendExpiry(input: CaseActivityInput & { awaitingStatus: WaitingStatus }): Promise<void>;
  /**
   * A step failed for a reason no retry mends while the case was in `from`. With `waitForSupport` the case
   * moves to `needs_attention` (the event keeps `from`) and waits for support; otherwise (the case had
   * ended, or the step was a mail for a state it has left) the failure is only recorded. Once per failure;
   * answers the event that records it.
   */
  reportFailedStep(
    input: CaseActivityInput &
      FailedStep & {
        from: CaseStatus;
        waitForSupport: boolean;
        /** The workflow's count of failed steps, 1 for the first: the failure's key at every attempt. */
        failure: number;
      },
  ): Promise<{ failureEventId: string }>;
  /**
   * Mails the active managers about a failed step (`caseWaits`: the case waits for support), once per
   * failure: the one recorded by event `failureEventId`, or, when it could not be recorded, the step's.
   */
  sendAttentionNotice(
    input: CaseActivityInput & FailedStep & { caseWaits: boolean; failureEventId: string | null },
  ): Promise<void>;
  /**
   * Support retries the failed step: the case goes back to `to`, the state the step started in. For a
   * failed appointment, `organisationIds` (of the case's environment) replaces the approved organisations.
   */
  resumeStep(
    input: CaseActivityInput & { staffId: string; to: ResumableStatus; organisationIds?: string[] },
  ): Promise<void>;
  /** Support closes a case that needs attention, with the reason in note `noteId`. */
  closeCase(input: CaseActivityInput & { staffId: string; noteId: string }): Promise<void>;
  /** Tells the requester that support closed their case, and why (only a requester who confirmed). */
  sendClosure(input: CaseActivityInput & { noteId: string }): Promise<void>;
}

/** A step that failed: the activity's name and a reason code (a failure type, never a message). */
export interface FailedStep {
  step: RecoveryActivityName;
  reason: string;
}

/** The states a failed step can start from, to which a retry takes the case back. */
export type ResumableStatus = Exclude<CaseStatus, 'needs_attention' | FinalCaseStatus>;

export type RecoveryActivityName = keyof RecoveryActivities;

export interface InvitationActivityInput {
  userId: string;
  /** Missing when support appointed the user (a recovery), not an administrator. */
  invitedByUserId?: string;
}

/** The activities of the directory's own workflows. */
export interface DirectoryActivities {
  /** Mails an invited user their invitation; idempotent per user (a stable Message-ID). */
  sendInvitation(input: InvitationActivityInput): Promise<void>;
}

/** Everything the worker registers. */
export type WorkerActivities = RecoveryActivities & DirectoryActivities;
