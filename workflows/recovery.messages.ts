// The recovery workflow's input, id, updates and query, defined once and shared with the API.
// Everything here carries ids and states only: names, addresses, reasons and documents stay in PostgreSQL.
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { CaseStatus } from '../libs/domain/src/case/case-status';
import type { RequesterLimits } from '../libs/domain/src/case/requester-allowances';

export interface RecoveryWorkflowInput {
  caseId: string;
  /** Durations come from configuration through the input, so tests can use seconds. */
  durations: {
    /** How long a case waits for the requester to confirm their mailbox. */
    confirmationExpiryMs: number;
    /** How long a case waits for the emailed code to be entered. */
    emailCodeStageExpiryMs: number;
    /** How long a case waits for an extract to be uploaded. */
    documentStageExpiryMs: number;
    /** The objection window: from the last cooling-off notice to the appointment; 0 skips it. */
    coolingOffMs: number;
  };
  /** The limits stored on the case at intake (the api counts with the same). */
  limits: RequesterLimits;
}

/** What every update answers: where the case now stands, as the workflow sees it. */
export interface CaseProgress {
  status: CaseStatus;
  codeResendsLeft: number;
  uploadsLeft: number;
}

/** An agent's decision, with the version of the case it was made on (the activity refuses an older one). */
export type ReviewDecision = { staffId: string; version: string } & (
  | { decision: 'approve'; organisationIds?: string[] }
  | { decision: 'reject'; noteId: string }
  | { decision: 'request_document'; noteId: string }
);

export const RECOVERY_WORKFLOW_TYPE = 'recoveryWorkflow';

/** One workflow per case: the id is derived from the case, so a second start finds the first. */
export function recoveryWorkflowId(caseId: string): string {
  return `recovery-case-${caseId}`;
}

/**
 * The failure type of an update the workflow refuses (wrong state, the same action twice, no tries left).
 * The API answers 409 with the message.
 */
export const UPDATE_REFUSED = 'update_refused';

/**
 * The failure type of an update that came while the workflow was finishing a step (another action, a
 * deadline, reading an extract): the api asks again for a few seconds before it answers 409.
 */
export const CASE_BUSY = 'case_busy';

export const confirmMailboxUpdate = defineUpdate<CaseProgress>('confirmMailbox');
export const emailCodeVerifiedUpdate = defineUpdate<CaseProgress>('emailCodeVerified');
export const resendEmailCodeUpdate = defineUpdate<CaseProgress>('resendEmailCode');
export const documentUploadedUpdate = defineUpdate<CaseProgress, [{ documentId: string }]>(
  'documentUploaded',
);
export const cancelCaseUpdate = defineUpdate<CaseProgress>('cancelCase');
export const decideUpdate = defineUpdate<CaseProgress, [ReviewDecision]>('decide');
export const linkEnvironmentUpdate = defineUpdate<CaseProgress, [{ environmentId: string; staffId: string }]>(
  'linkEnvironment',
);
export const objectionRaisedUpdate = defineUpdate<CaseProgress, [{ noteId: string }]>('objectionRaised');
/** Support retries a case's failed step (see `resumeStep` for the organisations). */
export interface StepRetry {
  staffId: string;
  organisationIds?: string[];
}
export const retryStepUpdate = defineUpdate<CaseProgress, [StepRetry]>('retryStep');
/** Support closes a case that needs attention; the reason is note `noteId`. */
export const closeCaseUpdate = defineUpdate<CaseProgress, [{ staffId: string; noteId: string }]>('closeCase');
export const caseProgressQuery = defineQuery<CaseProgress>('caseProgress');
