import {
  actionRefusal,
  CANCELLABLE_STATUSES,
  CASE_ACTIONS,
  canTransition,
  deadlineKindOf,
  isActionAllowed,
  nextStepFor,
  statesAllowing,
  type CaseAction,
  type NextStep,
} from './case-rules';
import { CASE_STATUSES, isCaseStatus, isFinalStatus, type CaseStatus } from './case-status';

/** Written out here, not taken from the code under test. */
const OPEN_BEFORE_APPOINTMENT: readonly CaseStatus[] = [
  'awaiting_confirmation',
  'awaiting_email_code',
  'awaiting_document',
  'analysing_document',
  'awaiting_review',
  'cooling_off',
];

describe('case states', () => {
  it('follows the main path of SPEC section 5', () => {
    const path = [
      'awaiting_confirmation',
      'awaiting_document',
      'analysing_document',
      'awaiting_review',
      'cooling_off',
      'appointing',
      'completed',
    ] as const;
    for (let i = 1; i < path.length; i++) expect(canTransition(path[i - 1]!, path[i]!)).toBe(true);
    expect(canTransition('awaiting_confirmation', 'awaiting_email_code')).toBe(true);
    expect(canTransition('awaiting_email_code', 'awaiting_review')).toBe(true);
  });

  it('lets no case skip verification or review', () => {
    expect(canTransition('awaiting_confirmation', 'awaiting_review')).toBe(false);
    expect(canTransition('awaiting_email_code', 'appointing')).toBe(false);
    expect(canTransition('analysing_document', 'cooling_off')).toBe(false);
  });

  it('ends for good in completed, rejected, expired, cancelled and closed', () => {
    for (const end of ['completed', 'rejected', 'expired', 'cancelled', 'closed'] as const) {
      expect(isFinalStatus(end)).toBe(true);
      for (const to of CASE_STATUSES) expect(canTransition(end, to)).toBe(false);
    }
    expect(isFinalStatus('awaiting_review')).toBe(false);
  });

  it('sends any open case to support when a step fails, and back to any open state or closed', () => {
    const open = [...OPEN_BEFORE_APPOINTMENT, 'appointing'] as const;
    for (const from of open) {
      expect(canTransition(from, 'needs_attention')).toBe(true);
      expect(canTransition('needs_attention', from)).toBe(true);
    }
    expect(canTransition('needs_attention', 'closed')).toBe(true);
    expect(canTransition('needs_attention', 'cancelled')).toBe(false);
    expect(canTransition('completed', 'needs_attention')).toBe(false);
    // Closed by the service only before confirmation: the access link could not be delivered.
    expect(CASE_STATUSES.filter((from) => canTransition(from, 'closed'))).toEqual([
      'awaiting_confirmation',
      'needs_attention',
    ]);
  });

  it('lists the open states before the appointment as cancellable', () => {
    expect(CANCELLABLE_STATUSES).toEqual(OPEN_BEFORE_APPOINTMENT);
  });

  it('cannot be cancelled once the appointment runs', () => {
    expect(canTransition('cooling_off', 'cancelled')).toBe(true);
    expect(canTransition('appointing', 'cancelled')).toBe(false);
  });

  it('recognises its own names only', () => {
    expect(isCaseStatus('awaiting_review')).toBe(true);
    expect(isCaseStatus('lost')).toBe(false);
  });

  it('tells the requester a next step for every state', () => {
    expect(nextStepFor('awaiting_confirmation')).toBe('confirm_mailbox');
    expect(nextStepFor('awaiting_document')).toBe('upload_document');
    expect(CASE_STATUSES.filter(isFinalStatus).map(nextStepFor)).toEqual([
      'none',
      'none',
      'none',
      'none',
      'none',
    ]);
    expect(nextStepFor('needs_attention')).toBe('wait_for_support');
  });
});

/** Every action, and the states that allow it: written out, so that a change to the rules shows here. */
const ALLOWED: Record<CaseAction, readonly CaseStatus[]> = {
  confirm_mailbox: ['awaiting_confirmation'],
  enter_email_code: ['awaiting_email_code'],
  resend_email_code: ['awaiting_email_code'],
  upload_document: ['awaiting_email_code', 'awaiting_document'],
  cancel: OPEN_BEFORE_APPOINTMENT,
  decide: ['awaiting_review'],
  link_environment: OPEN_BEFORE_APPOINTMENT,
  object: ['cooling_off'],
  retry_step: ['needs_attention'],
  close_case: ['needs_attention'],
};

describe('case actions', () => {
  const pairs = CASE_ACTIONS.flatMap((action) =>
    CASE_STATUSES.map((status) => ({ action, status, allowed: ALLOWED[action].includes(status) })),
  );

  it.each(pairs)('$action in $status: allowed $allowed', ({ action, status, allowed }) => {
    expect(isActionAllowed(action, status)).toBe(allowed);
    if (!allowed)
      expect(actionRefusal(action, status)).toMatch(
        new RegExp(`\\(the case is ${status.replace(/_/g, ' ')}\\)\\.$`),
      );
  });

  it('allows nothing in an end state, and every action in some state', () => {
    for (const status of CASE_STATUSES.filter(isFinalStatus)) {
      expect(CASE_ACTIONS.filter((action) => isActionAllowed(action, status))).toEqual([]);
    }
    for (const action of CASE_ACTIONS) expect(statesAllowing(action).length).toBeGreaterThan(0);
  });

  it('asks the requester to act exactly where a requester action is allowed', () => {
    const asked: Partial<Record<NextStep, CaseAction>> = {
      confirm_mailbox: 'confirm_mailbox',
      enter_email_code: 'enter_email_code',
      upload_document: 'upload_document',
    };
    for (const status of CASE_STATUSES) {
      const action = asked[nextStepFor(status)];
      if (action) expect([status, isActionAllowed(action, status)]).toEqual([status, true]);
    }
  });
});

describe('deadlines', () => {
  it('gives every waiting state its deadline, and none to a step in progress or an end', () => {
    expect(Object.fromEntries(CASE_STATUSES.map((status) => [status, deadlineKindOf(status)]))).toEqual({
      awaiting_confirmation: 'confirmation_window',
      awaiting_email_code: 'email_code_window',
      awaiting_document: 'document_window',
      analysing_document: 'none',
      awaiting_review: 'review_due',
      cooling_off: 'appointment',
      appointing: 'none',
      needs_attention: 'none',
      completed: 'none',
      rejected: 'none',
      expired: 'none',
      cancelled: 'none',
      closed: 'none',
    });
  });
});
