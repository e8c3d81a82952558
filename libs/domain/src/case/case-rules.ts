import { CASE_STATUSES, type CaseStatus } from './case-status';

/**
 * The rules of a recovery case in one place: which state may follow which, how long each state waits and
 * what ends the wait, what the requester is asked to do in it, and which state allows which action. The
 * workflow's validators and deadlines, the api's checks, the activities' guards, the case row's
 * transitions and the requester's next step all read these tables; none keeps a copy.
 */

/** What someone asks of a case; each is allowed in some states only. */
export const CASE_ACTIONS = [
  'confirm_mailbox',
  'enter_email_code',
  'resend_email_code',
  'upload_document',
  'cancel',
  'decide',
  'link_environment',
  'object',
  'retry_step',
  'close_case',
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

/**
 * What ends a state when nobody acts: a window that expires the case, the review's due time (which marks
 * it overdue and waits on), the appointment time, or nothing (a step the workflow itself is carrying out,
 * or an end).
 */
export type DeadlineKind =
  'confirmation_window' | 'email_code_window' | 'document_window' | 'review_due' | 'appointment' | 'none';

/** What the requester should do next, as the status endpoint and the case page tell it. */
export type NextStep =
  | 'confirm_mailbox'
  | 'enter_email_code'
  | 'upload_document'
  | 'wait_for_analysis'
  | 'wait_for_review'
  | 'wait_for_appointment'
  | 'wait_for_support'
  | 'none';

interface StateRule {
  /** The states a case may move to from this one. */
  readonly next: readonly CaseStatus[];
  readonly deadline: DeadlineKind;
  readonly nextStep: NextStep;
}

const STATE_RULES: Readonly<Record<CaseStatus, StateRule>> = {
  awaiting_confirmation: {
    // Closed when the requester's own address refuses the access link: nobody can confirm it.
    next: ['awaiting_email_code', 'awaiting_document', 'expired', 'cancelled', 'needs_attention', 'closed'],
    deadline: 'confirmation_window',
    nextStep: 'confirm_mailbox',
  },
  awaiting_email_code: {
    // An upload while the code waits switches the case to the extract.
    next: [
      'awaiting_review',
      'awaiting_document',
      'analysing_document',
      'expired',
      'cancelled',
      'needs_attention',
    ],
    deadline: 'email_code_window',
    nextStep: 'enter_email_code',
  },
  awaiting_document: {
    next: ['analysing_document', 'awaiting_email_code', 'expired', 'cancelled', 'needs_attention'],
    deadline: 'document_window',
    nextStep: 'upload_document',
  },
  analysing_document: {
    next: ['awaiting_review', 'awaiting_document', 'expired', 'cancelled', 'needs_attention'],
    deadline: 'none',
    nextStep: 'wait_for_analysis',
  },
  awaiting_review: {
    next: [
      'cooling_off',
      'appointing',
      'awaiting_document',
      'rejected',
      'expired',
      'cancelled',
      'needs_attention',
    ],
    deadline: 'review_due',
    nextStep: 'wait_for_review',
  },
  cooling_off: {
    next: ['appointing', 'awaiting_review', 'cancelled', 'needs_attention'],
    deadline: 'appointment',
    nextStep: 'wait_for_appointment',
  },
  appointing: { next: ['completed', 'needs_attention'], deadline: 'none', nextStep: 'wait_for_appointment' },
  // A retry takes the case back to the state its failed step started from; or support closes it.
  needs_attention: {
    next: [
      'awaiting_confirmation',
      'awaiting_email_code',
      'awaiting_document',
      'analysing_document',
      'awaiting_review',
      'cooling_off',
      'appointing',
      'closed',
    ],
    deadline: 'none',
    nextStep: 'wait_for_support',
  },
  completed: { next: [], deadline: 'none', nextStep: 'none' },
  rejected: { next: [], deadline: 'none', nextStep: 'none' },
  expired: { next: [], deadline: 'none', nextStep: 'none' },
  cancelled: { next: [], deadline: 'none', nextStep: 'none' },
  closed: { next: [], deadline: 'none', nextStep: 'none' },
};

export function canTransition(from: CaseStatus, to: CaseStatus): boolean {
  return STATE_RULES[from].next.includes(to);
}

export function deadlineKindOf(status: CaseStatus): DeadlineKind {
  return STATE_RULES[status].deadline;
}

export function nextStepFor(status: CaseStatus): NextStep {
  return STATE_RULES[status].nextStep;
}

/** Open states the requester may still cancel (and an agent may still link): all but the appointment. */
export const CANCELLABLE_STATUSES: readonly CaseStatus[] = CASE_STATUSES.filter((status) =>
  canTransition(status, 'cancelled'),
);

interface ActionRule {
  readonly allowedIn: readonly CaseStatus[];
  /** Said, with the state the case is in, when the action comes in another state. */
  readonly refusal: string;
}

const ACTION_RULES: Readonly<Record<CaseAction, ActionRule>> = {
  confirm_mailbox: {
    allowedIn: ['awaiting_confirmation'],
    refusal: 'This case does not wait for a confirmation',
  },
  enter_email_code: { allowedIn: ['awaiting_email_code'], refusal: 'This case does not wait for a code' },
  resend_email_code: { allowedIn: ['awaiting_email_code'], refusal: 'This case does not wait for a code' },
  // An extract is taken while the code waits too: the requester may not reach a known mailbox.
  upload_document: {
    allowedIn: ['awaiting_document', 'awaiting_email_code'],
    refusal: 'This case does not wait for a document',
  },
  cancel: { allowedIn: CANCELLABLE_STATUSES, refusal: 'This case can no longer be cancelled' },
  decide: { allowedIn: ['awaiting_review'], refusal: 'This case does not wait for a decision' },
  link_environment: {
    allowedIn: CANCELLABLE_STATUSES,
    refusal: 'This case can no longer be linked to an environment',
  },
  object: { allowedIn: ['cooling_off'], refusal: 'This case no longer takes objections' },
  // Support's answers to a failed step (SPEC: needs attention).
  retry_step: { allowedIn: ['needs_attention'], refusal: 'This case has no failed step to retry' },
  close_case: { allowedIn: ['needs_attention'], refusal: 'This case cannot be closed by support now' },
};

export function isActionAllowed(action: CaseAction, status: CaseStatus): boolean {
  return ACTION_RULES[action].allowedIn.includes(status);
}

/** The states in which `action` is allowed (the state a step that carries it out starts from). */
export function statesAllowing(action: CaseAction): readonly CaseStatus[] {
  return ACTION_RULES[action].allowedIn;
}

/** Why `action` is refused in `status`, in words for the person who asked. */
export function actionRefusal(action: CaseAction, status: CaseStatus): string {
  return `${ACTION_RULES[action].refusal} (the case is ${status.replace(/_/g, ' ')}).`;
}
