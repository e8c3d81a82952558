import { CASE_ACTIONS, isActionAllowed } from '../libs/domain/src/case/case-rules';
import { CASE_STATUSES, type CaseStatus } from '../libs/domain/src/case/case-status';
import {
  appointmentTime,
  deadlineOf,
  initialState,
  refusalOf,
  stageAfterAnalysis,
  stageAfterConfirmation,
  stageAfterLink,
  timerStepFor,
  type RecoveryState,
  type WorkInProgress,
} from './recovery-state';

const durations = {
  confirmationExpiryMs: 1_000,
  emailCodeStageExpiryMs: 2_000,
  documentStageExpiryMs: 3_000,
  coolingOffMs: 4_000,
};
const limits = { maxUploads: 2, maxCodeResends: 1 };
const idle: WorkInProgress = { pendingAction: undefined, timerStepRunning: false, ownStepRunning: false };

function stateIn(status: CaseStatus, overrides: Partial<RecoveryState> = {}): RecoveryState {
  return { ...initialState(10_000), status, ...overrides };
}

describe('deadlineOf', () => {
  const state = (status: CaseStatus, overrides: Partial<RecoveryState> = {}) =>
    stateIn(status, { enteredAtMs: 100, reviewDueAtMs: 5_000, appointAtMs: 9_000, ...overrides });

  it.each<[CaseStatus, number | undefined]>([
    ['awaiting_confirmation', 1_100],
    ['awaiting_email_code', 2_100],
    ['awaiting_document', 3_100],
    ['analysing_document', undefined],
    ['awaiting_review', 5_000],
    ['cooling_off', 9_000],
    ['appointing', undefined],
    ['needs_attention', undefined],
    ['completed', undefined],
    ['rejected', undefined],
    ['expired', undefined],
    ['cancelled', undefined],
    ['closed', undefined],
  ])('%s waits until %s', (status, due) => {
    expect(deadlineOf(state(status), durations)).toBe(due);
  });

  it('has no appointment time while the cooling-off notices are still going out', () => {
    expect(deadlineOf(state('cooling_off', { appointAtMs: undefined }), durations)).toBeUndefined();
  });

  it('has no deadline for a review that is overdue already (one reminder per review)', () => {
    expect(deadlineOf(state('awaiting_review', { overdue: true }), durations)).toBeUndefined();
  });
});

describe('timerStepFor', () => {
  it('expires the waiting states, reminds of a review, starts an appointment, and does nothing else', () => {
    expect(Object.fromEntries(CASE_STATUSES.map((status) => [status, timerStepFor(status)]))).toEqual({
      awaiting_confirmation: { kind: 'expire', awaitingStatus: 'awaiting_confirmation' },
      awaiting_email_code: { kind: 'expire', awaitingStatus: 'awaiting_email_code' },
      awaiting_document: { kind: 'expire', awaitingStatus: 'awaiting_document' },
      analysing_document: { kind: 'none' },
      awaiting_review: { kind: 'mark_review_overdue' },
      cooling_off: { kind: 'start_appointment' },
      appointing: { kind: 'none' },
      needs_attention: { kind: 'none' },
      completed: { kind: 'none' },
      rejected: { kind: 'none' },
      expired: { kind: 'none' },
      cancelled: { kind: 'none' },
      closed: { kind: 'none' },
    });
  });
});

describe('refusalOf', () => {
  const pairs = CASE_STATUSES.flatMap((status) => CASE_ACTIONS.map((action) => [status, action] as const));

  it.each(pairs)('in %s, %s is accepted exactly when the case rules allow it', (status, action) => {
    const refusal = refusalOf(action, stateIn(status), limits, idle);
    if (isActionAllowed(action, status)) expect(refusal).toBeUndefined();
    else {
      expect(refusal?.kind).toBe('refused');
      expect(refusal?.message).toContain('(the case is');
    }
  });

  const pairsBeforeSupport = pairs.filter(([status]) => status !== 'needs_attention');
  it.each(pairsBeforeSupport)(
    'in %s, %s is busy while another action or a timer step runs',
    (status, action) => {
      const other = action === 'cancel' ? 'decide' : 'cancel';
      for (const work of [
        { ...idle, pendingAction: other },
        { ...idle, timerStepRunning: true },
      ] as const) {
        expect(refusalOf(action, stateIn(status), limits, work)?.kind).toBe('busy');
      }
    },
  );

  it.each(pairs)(
    'in %s, %s is refused while the same action is carried out (a double click)',
    (status, action) => {
      expect(refusalOf(action, stateIn(status), limits, { ...idle, pendingAction: action })?.kind).toBe(
        'refused',
      );
    },
  );

  it('waits for support only in needs_attention: a retry or a close, one at a time, whatever step stopped', () => {
    const waiting = stateIn('needs_attention');
    for (const action of CASE_ACTIONS) {
      const supportAction = action === 'retry_step' || action === 'close_case';
      // The step that failed may have been a timer's or the workflow's own: it is not running any more.
      for (const work of [idle, { ...idle, timerStepRunning: true, ownStepRunning: true }]) {
        expect({ action, kind: refusalOf(action, waiting, limits, work)?.kind }).toEqual({
          action,
          kind: supportAction ? undefined : 'refused',
        });
      }
      const other = action === 'retry_step' ? 'close_case' : 'retry_step';
      expect({
        action,
        kind: refusalOf(action, waiting, limits, { ...idle, pendingAction: other })?.kind,
      }).toEqual({
        action,
        kind: supportAction ? 'busy' : 'refused',
      });
    }
  });

  // The workflow moves a case on by itself only while it reads an extract and while it appoints; either
  // may fail into needs_attention, where support's retry or close is taken.
  it.each([
    // Reading leads to review or back to the requester: a decision or an upload may be allowed in a moment.
    [
      'analysing_document',
      ['cancel', 'link_environment'],
      ['upload_document', 'decide', 'retry_step', 'close_case'],
    ],
    // Appointing leads to completed, where nothing is allowed, or to needs_attention.
    ['appointing', [], ['retry_step', 'close_case']],
  ] as const)(
    'while the case is %s and the workflow moves it on, accepts %j and waits with %j',
    (status, accepted, busy) => {
      const work = { ...idle, ownStepRunning: true };
      for (const action of CASE_ACTIONS) {
        const refusal = refusalOf(action, stateIn(status), limits, work);
        const expected = (accepted as readonly string[]).includes(action)
          ? undefined
          : (busy as readonly string[]).includes(action)
            ? 'busy'
            : 'refused';
        expect({ action, kind: refusal?.kind }).toEqual({ action, kind: expected });
      }
    },
  );

  it('waits with a decision while an extract is read (the review may start), refuses it while appointing', () => {
    const reading = { ...idle, ownStepRunning: true };
    expect(refusalOf('decide', stateIn('analysing_document'), limits, reading)?.kind).toBe('busy');
    const refusal = refusalOf('cancel', stateIn('appointing'), limits, reading);
    expect(refusal?.kind).toBe('refused');
    expect(refusal?.message).toContain('(the case is appointing)');
  });

  it('refuses a new code past the resends and an upload past the uploads, with what to do instead', () => {
    expect(
      refusalOf('resend_email_code', stateIn('awaiting_email_code', { codesSent: 1 }), limits, idle),
    ).toBe(undefined);
    const noResend = refusalOf(
      'resend_email_code',
      stateIn('awaiting_email_code', { codesSent: 2 }),
      limits,
      idle,
    );
    expect(noResend?.kind).toBe('refused');
    expect(noResend?.message).toContain('Upload a Chamber of Commerce extract');
    expect(refusalOf('upload_document', stateIn('awaiting_document', { uploads: 1 }), limits, idle)).toBe(
      undefined,
    );
    expect(refusalOf('upload_document', stateIn('awaiting_document', { uploads: 2 }), limits, idle)).toEqual({
      kind: 'refused',
      message: 'No more documents can be uploaded for this case.',
    });
    // An agent asked for a new document after the last try: one more.
    expect(
      refusalOf(
        'upload_document',
        stateIn('awaiting_document', { uploads: 2, uploadsWhenDocumentRequested: 2 }),
        limits,
        idle,
      ),
    ).toBeUndefined();
  });
});

describe('the next state from a fact', () => {
  it.each([
    ['email', true, 'awaiting_email_code'],
    ['email', false, 'awaiting_document'],
    ['chamber_extract', true, 'awaiting_document'],
    ['chamber_extract', false, 'awaiting_document'],
  ] as const)('confirms a %s case (known addresses: %s) into %s', (method, knownAddressesExist, stage) => {
    expect(stageAfterConfirmation({ method, knownAddressesExist, documentsUploaded: 0 })).toBe(stage);
  });

  it('sends the code after a link only to an email case that waits for its first document', () => {
    const email = { method: 'email', knownAddressesExist: true, documentsUploaded: 0 } as const;
    expect(stageAfterLink('awaiting_document', email)).toBe('awaiting_email_code');
    expect(stageAfterLink('awaiting_document', { ...email, documentsUploaded: 1 })).toBe('awaiting_document');
    expect(stageAfterLink('awaiting_document', { ...email, knownAddressesExist: false })).toBe(
      'awaiting_document',
    );
    expect(stageAfterLink('awaiting_document', { ...email, method: 'chamber_extract' })).toBe(
      'awaiting_document',
    );
    expect(stageAfterLink('awaiting_review', email)).toBe('awaiting_review');
    expect(stageAfterLink('awaiting_confirmation', email)).toBe('awaiting_confirmation');
  });

  it('reviews a readable extract and asks again for an unreadable one', () => {
    expect(stageAfterAnalysis(true)).toBe('awaiting_review');
    expect(stageAfterAnalysis(false)).toBe('awaiting_document');
  });

  it('appoints a whole cooling-off after the last notice went out', () => {
    expect(appointmentTime(1_000, 4_000)).toBe(5_000);
  });
});
