// The pure part of the recovery workflow: where a case stands, what it waits for, which action it accepts,
// and which state follows from a fact an activity found. No Temporal here, so it is unit-tested as it is;
// the workflow keeps only the waiting, the activities and the updates.
import {
  actionRefusal,
  canTransition,
  deadlineKindOf,
  isActionAllowed,
  type CaseAction,
} from '../libs/domain/src/case/case-rules';
import { CASE_STATUSES, type CaseStatus } from '../libs/domain/src/case/case-status';
import { requesterAllowances, type RequesterLimits } from '../libs/domain/src/case/requester-allowances';
import type { VerificationFacts, VerificationStage, WaitingStatus } from './activities.contract';
import type { CaseProgress, RecoveryWorkflowInput } from './recovery.messages';

/** Everything the workflow knows of its case between steps: ids, states, counts and times only. */
export interface RecoveryState {
  status: CaseStatus;
  /** When the case entered its state (the waiting windows count from here). */
  enteredAtMs: number;
  codesSent: number;
  uploads: number;
  /** Uploads made when an agent last asked for a new document; null while no agent asked. */
  uploadsWhenDocumentRequested: number | null;
  reviewDueAtMs: number | undefined;
  /** The review's due time passed and the managers were told: no second reminder in this review. */
  overdue: boolean;
  coolingOffRound: number;
  /** Unknown until the cooling-off's notices went out (the whole window counts from the last one). */
  appointAtMs: number | undefined;
}

export function initialState(nowMs: number): RecoveryState {
  return {
    status: 'awaiting_confirmation',
    enteredAtMs: nowMs,
    codesSent: 0,
    uploads: 0,
    uploadsWhenDocumentRequested: null,
    reviewDueAtMs: undefined,
    overdue: false,
    coolingOffRound: 0,
    appointAtMs: undefined,
  };
}

export function progressOf(state: RecoveryState, limits: RequesterLimits): CaseProgress {
  return { status: state.status, ...requesterAllowances(limits, state) };
}

/** When the state stops waiting for people, or undefined when it waits for them only. */
export function deadlineOf(
  state: RecoveryState,
  durations: RecoveryWorkflowInput['durations'],
): number | undefined {
  switch (deadlineKindOf(state.status)) {
    case 'confirmation_window':
      return state.enteredAtMs + durations.confirmationExpiryMs;
    case 'email_code_window':
      return state.enteredAtMs + durations.emailCodeStageExpiryMs;
    case 'document_window':
      return state.enteredAtMs + durations.documentStageExpiryMs;
    case 'review_due':
      return state.overdue ? undefined : state.reviewDueAtMs;
    case 'appointment':
      return state.appointAtMs;
    case 'none':
      return undefined;
  }
}

/** What the workflow does when a deadline passes. */
export type TimerStep =
  | { kind: 'expire'; awaitingStatus: WaitingStatus }
  | { kind: 'mark_review_overdue' }
  | { kind: 'start_appointment' }
  | { kind: 'none' };

export function timerStepFor(status: CaseStatus): TimerStep {
  switch (status) {
    case 'awaiting_confirmation':
    case 'awaiting_email_code':
    case 'awaiting_document':
      return { kind: 'expire', awaitingStatus: status };
    case 'awaiting_review':
      return { kind: 'mark_review_overdue' };
    case 'cooling_off':
      return { kind: 'start_appointment' };
    case 'analysing_document':
    case 'appointing':
    case 'needs_attention':
    case 'completed':
    case 'rejected':
    case 'expired':
    case 'cancelled':
    case 'closed':
      return { kind: 'none' };
  }
}

/** What the workflow is doing when an action arrives. */
export interface WorkInProgress {
  /** The accepted action being carried out, if any. */
  pendingAction: CaseAction | undefined;
  /** A deadline's step runs (expiry, overdue, the start of the appointment). */
  timerStepRunning: boolean;
  /** The workflow moves the case on by itself (reading an extract, appointing). */
  ownStepRunning: boolean;
}

/** Whether a state the case may move to next allows the action (so it may be allowed in a moment). */
function allowedNext(action: CaseAction, status: CaseStatus): boolean {
  return CASE_STATUSES.some((next) => canTransition(status, next) && isActionAllowed(action, next));
}

/**
 * Why an update is refused. `busy`: the workflow is finishing a step and will be ready in a moment (the
 * api waits and asks again, since the case row may already show the state that step leads to);
 * `refused`: the case's state or the requester's allowances do not allow it.
 */
export type ActionRefusal = { kind: 'busy' | 'refused'; message: string };

export const BUSY_MESSAGE = 'Another action on this case is being handled right now. Look at the case again.';

/**
 * The validators' rule: one action at a time, only in the states that allow it, within the allowances. A
 * second action of the kind being carried out is refused, not made to wait: a double click asks once.
 */
export function refusalOf(
  action: CaseAction,
  state: RecoveryState,
  limits: RequesterLimits,
  work: WorkInProgress,
): ActionRefusal | undefined {
  if (work.pendingAction === action) return { kind: 'refused', message: BUSY_MESSAGE };
  // A case that needs attention waits for support only, whatever step it stopped in.
  if (state.status === 'needs_attention') {
    if (!isActionAllowed(action, state.status))
      return { kind: 'refused', message: actionRefusal(action, state.status) };
    return work.pendingAction === undefined ? undefined : { kind: 'busy', message: BUSY_MESSAGE };
  }
  if (work.pendingAction !== undefined || work.timerStepRunning)
    return { kind: 'busy', message: BUSY_MESSAGE };
  if (!isActionAllowed(action, state.status)) {
    // The row may already show the state the running step leads to: ask again rather than refuse.
    return work.ownStepRunning && allowedNext(action, state.status)
      ? { kind: 'busy', message: BUSY_MESSAGE }
      : { kind: 'refused', message: actionRefusal(action, state.status) };
  }
  const allowances = requesterAllowances(limits, state);
  if (action === 'resend_email_code' && allowances.codeResendsLeft === 0) {
    return {
      kind: 'refused',
      message: 'No new code can be sent for this case. Upload a Chamber of Commerce extract instead.',
    };
  }
  if (action === 'upload_document' && allowances.uploadsLeft === 0) {
    return { kind: 'refused', message: 'No more documents can be uploaded for this case.' };
  }
  return undefined;
}

/**
 * After the requester confirmed their mailbox: the code when they chose the email method and the
 * environment has addresses of its own to send it to, the extract otherwise.
 */
export function stageAfterConfirmation(facts: VerificationFacts): VerificationStage {
  return facts.method === 'email' && facts.knownAddressesExist ? 'awaiting_email_code' : 'awaiting_document';
}

/**
 * After an agent linked an environment: an email-method case that fell back to the extract for want of an
 * environment, and has no upload yet, gets its code now; every other case stays where it is.
 */
export function stageAfterLink(status: CaseStatus, facts: VerificationFacts): CaseStatus {
  const codeNowPossible =
    status === 'awaiting_document' &&
    facts.documentsUploaded === 0 &&
    stageAfterConfirmation(facts) === 'awaiting_email_code';
  return codeNowPossible ? 'awaiting_email_code' : status;
}

/** After an extract was read: a readable extract goes to review, anything else back to the requester. */
export function stageAfterAnalysis(usable: boolean): 'awaiting_review' | 'awaiting_document' {
  return usable ? 'awaiting_review' : 'awaiting_document';
}

/**
 * When the cooling-off ends: a whole window after the last notice was handed to the mail server. Each
 * notice names the end of a window from its own sending, so no reader is given less than they were told.
 */
export function appointmentTime(lastNoticeAtMs: number, coolingOffMs: number): number {
  return lastNoticeAtMs + coolingOffMs;
}
