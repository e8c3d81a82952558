import { WorkflowUpdateFailedError, type WorkflowExecutionDescription } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { CaseStatus } from '@app/domain';
import type { RecoveryActivities, RecoveryActivityName } from '@app/workflows/activities.contract';
import {
  CASE_BUSY,
  cancelCaseUpdate,
  closeCaseUpdate,
  confirmMailboxUpdate,
  decideUpdate,
  documentUploadedUpdate,
  emailCodeVerifiedUpdate,
  linkEnvironmentUpdate,
  objectionRaisedUpdate,
  resendEmailCodeUpdate,
  retryStepUpdate,
} from '@app/workflows/recovery.messages';
import { eventually } from '../support/eventually';
import { FakeRecoveryActivities } from '../support/fake-recovery-activities';
import {
  approve,
  bringToReview,
  failureOf,
  HOUR_MS,
  progressOf,
  recoveryWorkflowHarness,
  SHORT_MS,
  STAFF_ID,
  waitForStatus,
  type CaseOptions,
  type RecoveryHandle,
} from './recovery-workflow-harness';

// A failure no retry mends, injected into every activity in turn: no workflow ever fails. A step the
// workflow takes by itself (or a mail after an answer) sends the case to support, who retry it; a step a
// person asked for answers that person, and the case stays where it was; a mail after the end is recorded.

type FakeScript = ConstructorParameters<typeof FakeRecoveryActivities>[0];

const REASON = 'not_found';
const retry = { staffId: STAFF_ID };

/** Drives a case until the failing activity has run. */
type Drive = (handle: RecoveryHandle) => Promise<unknown>;

type Scenario =
  | {
      /** A step of the workflow's own, or a mail after an answer: the case waits for support in `from`. */
      expect: 'attention';
      activity: RecoveryActivityName;
      from: CaseStatus;
      script?: FakeScript;
      options?: CaseOptions;
      reach: Drive;
      /** After support retried the step: on to the end. */
      finish: Drive;
      end: CaseStatus;
    }
  | {
      /** A mail after the case ended: recorded, the managers told, the workflow ends as it would have. */
      expect: 'recorded';
      activity: RecoveryActivityName;
      script?: FakeScript;
      options?: CaseOptions;
      reach: Drive;
      end: CaseStatus;
    }
  | {
      /** Part of an action someone asked for: that action is refused with the failure's type, then taken. */
      expect: 'refused';
      activity: RecoveryActivityName;
      script?: FakeScript;
      options?: CaseOptions;
      before?: Drive;
      act: Drive;
      /** Where the case stays after the refusal. */
      stays: CaseStatus;
      /** The action that then succeeds (default: `act` again). */
      again?: Drive;
      finish: Drive;
      end: CaseStatus;
    };

const extractCase: FakeScript = { verification: 'awaiting_document' };
const upload = (handle: RecoveryHandle) =>
  handle.executeUpdate(documentUploadedUpdate, { args: [{ documentId: 'doc-1' }] });
/** As the api sends it: asked again while the workflow answers busy (a retried step still runs). */
const approveNow = async (handle: RecoveryHandle) => {
  for (let tries = 1; ; tries++) {
    try {
      await handle.executeUpdate(decideUpdate, { args: [approve] });
      return;
    } catch (error) {
      const busy =
        error instanceof WorkflowUpdateFailedError &&
        error.cause instanceof ApplicationFailure &&
        error.cause.type === CASE_BUSY;
      if (!busy || tries >= 50) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
};
const reviewThenApprove = async (handle: RecoveryHandle) => {
  await waitForStatus(handle, 'awaiting_review');
  await approveNow(handle);
};
const nothing: Drive = () => Promise.resolve();
const reject = (handle: RecoveryHandle) =>
  handle.executeUpdate(decideUpdate, {
    args: [{ decision: 'reject', staffId: STAFF_ID, version: '0', noteId: 'note-1' }],
  });
const requestDocument = (handle: RecoveryHandle) =>
  handle.executeUpdate(decideUpdate, {
    args: [{ decision: 'request_document', staffId: STAFF_ID, version: '0', noteId: 'note-1' }],
  });
const object = (handle: RecoveryHandle) =>
  handle.executeUpdate(objectionRaisedUpdate, { args: [{ noteId: 'objection-1' }] });
const inCoolingOff = async (handle: RecoveryHandle) => {
  await bringToReview(handle);
  await approveNow(handle);
};

const SCENARIOS: Scenario[] = [
  // The workflow's own steps.
  {
    expect: 'attention',
    activity: 'matchEnvironment',
    from: 'awaiting_confirmation',
    reach: nothing,
    finish: inCoolingOff,
    end: 'completed',
  },
  {
    expect: 'attention',
    activity: 'sendAccessLink',
    from: 'awaiting_confirmation',
    reach: nothing,
    finish: inCoolingOff,
    end: 'completed',
  },
  {
    expect: 'attention',
    activity: 'closeUnreachable',
    from: 'awaiting_confirmation',
    script: { accessLinkRefused: true },
    reach: nothing,
    finish: nothing,
    end: 'closed',
  },
  {
    expect: 'attention',
    activity: 'analyseDocument',
    from: 'analysing_document',
    script: extractCase,
    reach: async (handle) => {
      await handle.executeUpdate(confirmMailboxUpdate);
      await upload(handle);
    },
    finish: reviewThenApprove,
    end: 'completed',
  },
  {
    expect: 'attention',
    activity: 'startReview',
    from: 'analysing_document',
    script: extractCase,
    reach: async (handle) => {
      await handle.executeUpdate(confirmMailboxUpdate);
      await upload(handle);
    },
    finish: reviewThenApprove,
    end: 'completed',
  },
  {
    expect: 'attention',
    activity: 'appointAdministrator',
    from: 'appointing',
    reach: inCoolingOff,
    finish: nothing,
    end: 'completed',
  },
  {
    expect: 'attention',
    activity: 'startAppointment',
    from: 'cooling_off',
    options: { durations: { coolingOffMs: SHORT_MS } },
    reach: inCoolingOff,
    finish: nothing,
    end: 'completed',
  },
  {
    expect: 'attention',
    activity: 'scheduleAppointment',
    from: 'cooling_off',
    options: { durations: { coolingOffMs: SHORT_MS } },
    reach: inCoolingOff,
    finish: nothing,
    end: 'completed',
  },
  {
    expect: 'attention',
    activity: 'expireCase',
    from: 'awaiting_confirmation',
    options: { durations: { confirmationExpiryMs: SHORT_MS } },
    reach: nothing,
    finish: nothing,
    end: 'expired',
  },
  {
    expect: 'attention',
    activity: 'markReviewOverdue',
    from: 'awaiting_review',
    script: { reviewDueInMs: SHORT_MS },
    reach: bringToReview,
    finish: approveNow,
    end: 'completed',
  },
  // Mails after an answer, while the case is open.
  {
    expect: 'attention',
    activity: 'sendEmailCode',
    from: 'awaiting_email_code',
    reach: (handle) => handle.executeUpdate(confirmMailboxUpdate),
    finish: async (handle) => {
      await handle.executeUpdate(emailCodeVerifiedUpdate);
      await approveNow(handle);
    },
    end: 'completed',
  },
  {
    expect: 'attention',
    activity: 'sendExtractRequest',
    from: 'awaiting_document',
    script: extractCase,
    reach: (handle) => handle.executeUpdate(confirmMailboxUpdate),
    finish: async (handle) => {
      await upload(handle);
      await reviewThenApprove(handle);
    },
    end: 'completed',
  },
  {
    expect: 'attention',
    activity: 'sendCoolingOffNotices',
    from: 'cooling_off',
    options: { durations: { coolingOffMs: SHORT_MS } },
    reach: inCoolingOff,
    finish: nothing,
    end: 'completed',
  },
  {
    expect: 'attention',
    activity: 'sendObjectionReceived',
    from: 'awaiting_review',
    options: { durations: { coolingOffMs: HOUR_MS } },
    reach: async (handle) => {
      await inCoolingOff(handle);
      await object(handle);
    },
    finish: (handle) => handle.executeUpdate(cancelCaseUpdate),
    end: 'cancelled',
  },
  {
    expect: 'attention',
    activity: 'sendDocumentRequest',
    from: 'awaiting_document',
    reach: async (handle) => {
      await bringToReview(handle);
      await requestDocument(handle);
    },
    finish: async (handle) => {
      await upload(handle);
      await reviewThenApprove(handle);
    },
    end: 'completed',
  },
  // Mails after the end.
  {
    expect: 'recorded',
    activity: 'sendRejection',
    reach: async (handle) => {
      await bringToReview(handle);
      await reject(handle);
    },
    end: 'rejected',
  },
  {
    expect: 'recorded',
    activity: 'sendExpiry',
    options: { durations: { emailCodeStageExpiryMs: SHORT_MS } },
    reach: (handle) => handle.executeUpdate(confirmMailboxUpdate),
    end: 'expired',
  },
  {
    expect: 'recorded',
    activity: 'sendCancellation',
    reach: (handle) => handle.executeUpdate(cancelCaseUpdate),
    end: 'cancelled',
  },
  { expect: 'recorded', activity: 'sendAppointmentMails', reach: inCoolingOff, end: 'completed' },
  // Parts of an action someone asked for.
  ...(['verificationFacts', 'confirmMailbox'] as const).map((activity): Scenario => ({
    expect: 'refused',
    activity,
    act: (handle) => handle.executeUpdate(confirmMailboxUpdate),
    stays: 'awaiting_confirmation',
    finish: async (handle) => {
      await handle.executeUpdate(emailCodeVerifiedUpdate);
      await approveNow(handle);
    },
    end: 'completed',
  })),
  {
    // The mailbox is confirmed before the code is issued: the case waits for a code, and a new one is asked.
    expect: 'refused',
    activity: 'issueEmailCode',
    act: (handle) => handle.executeUpdate(confirmMailboxUpdate),
    stays: 'awaiting_email_code',
    again: (handle) => handle.executeUpdate(resendEmailCodeUpdate),
    finish: async (handle) => {
      await handle.executeUpdate(emailCodeVerifiedUpdate);
      await approveNow(handle);
    },
    end: 'completed',
  },
  {
    expect: 'refused',
    activity: 'startAnalysis',
    script: extractCase,
    before: (handle) => handle.executeUpdate(confirmMailboxUpdate),
    act: upload,
    stays: 'awaiting_document',
    finish: reviewThenApprove,
    end: 'completed',
  },
  {
    expect: 'refused',
    activity: 'cancelCase',
    act: (handle) => handle.executeUpdate(cancelCaseUpdate),
    stays: 'awaiting_confirmation',
    finish: nothing,
    end: 'cancelled',
  },
  {
    expect: 'refused',
    activity: 'linkEnvironment',
    act: (handle) =>
      handle.executeUpdate(linkEnvironmentUpdate, { args: [{ environmentId: 'env-1', staffId: STAFF_ID }] }),
    stays: 'awaiting_confirmation',
    finish: inCoolingOff,
    end: 'completed',
  },
  {
    expect: 'refused',
    activity: 'recordObjection',
    options: { durations: { coolingOffMs: HOUR_MS } },
    before: inCoolingOff,
    act: object,
    stays: 'cooling_off',
    finish: (handle) => handle.executeUpdate(cancelCaseUpdate),
    end: 'cancelled',
  },
  ...(
    [
      ['approveCase', approveNow, 'completed'],
      ['rejectCase', reject, 'rejected'],
    ] as const
  ).map(([activity, act, end]): Scenario => ({
    expect: 'refused',
    activity,
    before: bringToReview,
    act,
    stays: 'awaiting_review',
    finish: nothing,
    end,
  })),
  {
    expect: 'refused',
    activity: 'requestDocument',
    before: bringToReview,
    act: requestDocument,
    stays: 'awaiting_review',
    finish: (handle) => handle.executeUpdate(cancelCaseUpdate),
    end: 'cancelled',
  },
];

/** Support's own steps: they fail while a case already waits for support. */
const SUPPORT_STEPS = [
  'reportFailedStep',
  'sendAttentionNotice',
  'resumeStep',
  'closeCase',
  'sendClosure',
] as const;

/** Waits until the case is with support: the failure recorded (the state changes a moment before). */
async function waitForSupport(fake: FakeRecoveryActivities): Promise<void> {
  await eventually(() => expect(fake.count('sendAttentionNotice')).toBeGreaterThan(0));
}

/** Fails the first call of `activity` for good; every later call (a retry support asked for) succeeds. */
function failOnce(fake: FakeRecoveryActivities, activity: RecoveryActivityName): void {
  let failed = false;
  fake.on(activity, () => {
    if (failed) return;
    failed = true;
    throw ApplicationFailure.nonRetryable(`injected failure of ${activity}`, REASON);
  });
}

describe('recoveryWorkflow under failures no retry mends', () => {
  const { withCase } = recoveryWorkflowHarness();

  it('covers every activity', () => {
    const covered = new Set<string>([...SCENARIOS.map((scenario) => scenario.activity), ...SUPPORT_STEPS]);
    const all = Object.keys(new FakeRecoveryActivities().activities) as (keyof RecoveryActivities)[];
    expect(all.filter((activity) => !covered.has(activity))).toEqual([]);
  });

  async function expectCompleted(handle: RecoveryHandle, end: CaseStatus): Promise<void> {
    expect(await handle.result()).toBe(end);
    const description: WorkflowExecutionDescription = await handle.describe();
    expect(description.status.name).toBe('COMPLETED');
  }

  it.each(SCENARIOS.map((scenario) => [`${scenario.activity} (${scenario.expect})`, scenario] as const))(
    '%s',
    async (_name, scenario) => {
      const fake = new FakeRecoveryActivities(scenario.script);
      failOnce(fake, scenario.activity);
      await withCase(
        fake,
        { durations: { coolingOffMs: 0 }, ...scenario.options },
        async ({ caseId, handle }) => {
          switch (scenario.expect) {
            case 'attention': {
              await scenario.reach(handle);
              await waitForSupport(fake);
              expect(fake.inputsOf('reportFailedStep')).toEqual([
                {
                  caseId,
                  step: scenario.activity,
                  reason: REASON,
                  from: scenario.from,
                  waitForSupport: true,
                  failure: 1,
                },
              ]);
              // Nothing but support's answer is taken meanwhile.
              expect((await failureOf(handle.executeUpdate(cancelCaseUpdate))).message).toContain(
                '(the case is needs attention)',
              );
              expect(await handle.executeUpdate(retryStepUpdate, { args: [retry] })).toMatchObject({
                status: scenario.from,
              });
              expect(fake.inputsOf('resumeStep')).toEqual([{ caseId, staffId: STAFF_ID, to: scenario.from }]);
              await scenario.finish(handle);
              await expectCompleted(handle, scenario.end);
              // Of the failure as recorded.
              expect(fake.inputsOf('sendAttentionNotice')).toEqual([
                {
                  caseId,
                  step: scenario.activity,
                  reason: REASON,
                  caseWaits: true,
                  failureEventId: 'failure-1',
                },
              ]);
              return;
            }
            case 'recorded': {
              await scenario.reach(handle);
              await expectCompleted(handle, scenario.end);
              expect(fake.inputsOf('reportFailedStep')).toEqual([
                {
                  caseId,
                  step: scenario.activity,
                  reason: REASON,
                  from: scenario.end,
                  waitForSupport: false,
                  failure: 1,
                },
              ]);
              expect(fake.count('sendAttentionNotice')).toBe(1);
              return;
            }
            case 'refused': {
              await scenario.before?.(handle);
              const refusal = await failureOf(scenario.act(handle));
              expect(refusal.type).toBe(REASON);
              expect((await progressOf(handle)).status).toBe(scenario.stays);
              await (scenario.again ?? scenario.act)(handle);
              await scenario.finish(handle);
              await expectCompleted(handle, scenario.end);
              expect(fake.count('reportFailedStep')).toBe(0);
              return;
            }
          }
        },
      );
    },
  );

  it.each(['reportFailedStep', 'sendAttentionNotice'] as const)(
    'still waits for support, and takes a retry, when %s fails',
    async (supportStep) => {
      const fake = new FakeRecoveryActivities();
      failOnce(fake, 'matchEnvironment');
      failOnce(fake, supportStep);
      await withCase(fake, {}, async ({ handle }) => {
        await waitForSupport(fake);
        await handle.executeUpdate(retryStepUpdate, { args: [retry] });
        await inCoolingOff(handle);
        await expectCompleted(handle, 'completed');
      });
    },
  );

  it('ends when its case is gone (an intake undone after its start had timed out)', async () => {
    const fake = new FakeRecoveryActivities();
    failOnce(fake, 'matchEnvironment');
    fake.on('reportFailedStep', () => {
      throw ApplicationFailure.nonRetryable('case does not exist', 'case_not_found');
    });
    await withCase(fake, {}, async ({ handle }) => {
      await expectCompleted(handle, 'closed');
      expect(fake.count('sendAccessLink')).toBe(0);
    });
  });

  it('refuses a retry whose resumeStep fails, and takes the next one', async () => {
    const fake = new FakeRecoveryActivities();
    failOnce(fake, 'matchEnvironment');
    failOnce(fake, 'resumeStep');
    await withCase(fake, {}, async ({ handle }) => {
      await waitForSupport(fake);
      expect((await failureOf(handle.executeUpdate(retryStepUpdate, { args: [retry] }))).type).toBe(REASON);
      expect((await progressOf(handle)).status).toBe('needs_attention');
      await handle.executeUpdate(retryStepUpdate, { args: [retry] });
      await inCoolingOff(handle);
      await expectCompleted(handle, 'completed');
    });
  });

  it('closes a case that needs attention, tells the requester, and records a closure mail that fails', async () => {
    const fake = new FakeRecoveryActivities();
    failOnce(fake, 'sendEmailCode');
    failOnce(fake, 'closeCase');
    failOnce(fake, 'sendClosure');
    await withCase(fake, {}, async ({ caseId, handle }) => {
      await handle.executeUpdate(confirmMailboxUpdate);
      await waitForSupport(fake);
      const close = { staffId: STAFF_ID, noteId: 'closure-1' };
      expect((await failureOf(handle.executeUpdate(closeCaseUpdate, { args: [close] }))).type).toBe(REASON);
      expect(await handle.executeUpdate(closeCaseUpdate, { args: [close] })).toMatchObject({
        status: 'closed',
      });
      await expectCompleted(handle, 'closed');
      expect(fake.inputsOf('sendClosure')).toEqual([{ caseId, noteId: 'closure-1' }]);
      expect(fake.inputsOf('reportFailedStep')).toEqual([
        {
          caseId,
          step: 'sendEmailCode',
          reason: REASON,
          from: 'awaiting_email_code',
          waitForSupport: true,
          failure: 1,
        },
        { caseId, step: 'sendClosure', reason: REASON, from: 'closed', waitForSupport: false, failure: 2 },
      ]);
      // Each failure's own notice.
      expect(fake.inputsOf('sendAttentionNotice')).toEqual([
        { caseId, step: 'sendEmailCode', reason: REASON, caseWaits: true, failureEventId: 'failure-1' },
        { caseId, step: 'sendClosure', reason: REASON, caseWaits: false, failureEventId: 'failure-2' },
      ]);
    });
  });

  it('records a mail for a state the case has left, tells the managers, and lets the case go on', async () => {
    const fake = new FakeRecoveryActivities(extractCase);
    // The extract request fails for good only after the requester, who saw the request on their page,
    // has uploaded: the mail is for a state the case has left.
    let uploaded!: () => void;
    const afterUpload = new Promise<void>((resolve) => (uploaded = resolve));
    fake.on('sendExtractRequest', async () => {
      await afterUpload;
      throw ApplicationFailure.nonRetryable('injected failure of sendExtractRequest', REASON);
    });
    await withCase(fake, {}, async ({ caseId, handle }) => {
      await handle.executeUpdate(confirmMailboxUpdate);
      await upload(handle);
      uploaded();
      await eventually(() => expect(fake.count('sendAttentionNotice')).toBe(1));
      const [reported, ...more] = fake.inputsOf('reportFailedStep');
      expect(more).toEqual([]);
      expect(reported).toMatchObject({
        caseId,
        step: 'sendExtractRequest',
        reason: REASON,
        waitForSupport: false,
      });
      expect(['analysing_document', 'awaiting_review']).toContain(reported?.from);
      await reviewThenApprove(handle);
      await expectCompleted(handle, 'completed');
      expect(fake.count('resumeStep')).toBe(0);
    });
  });

  it('mails no closure to a mailbox nobody confirmed', async () => {
    const fake = new FakeRecoveryActivities();
    failOnce(fake, 'matchEnvironment');
    await withCase(fake, {}, async ({ handle }) => {
      await waitForSupport(fake);
      const close = { staffId: STAFF_ID, noteId: 'closure-1' };
      await handle.executeUpdate(closeCaseUpdate, { args: [close] });
      await expectCompleted(handle, 'closed');
      expect(fake.count('sendClosure')).toBe(0);
    });
  });

  it('takes a retry that chooses the organisations again for a failed appointment', async () => {
    const fake = new FakeRecoveryActivities();
    failOnce(fake, 'appointAdministrator');
    await withCase(fake, { durations: { coolingOffMs: 0 } }, async ({ caseId, handle }) => {
      await inCoolingOff(handle);
      await waitForSupport(fake);
      await handle.executeUpdate(retryStepUpdate, {
        args: [{ staffId: STAFF_ID, organisationIds: ['org-2'] }],
      });
      await expectCompleted(handle, 'completed');
      expect(fake.inputsOf('resumeStep')).toEqual([
        { caseId, staffId: STAFF_ID, to: 'appointing', organisationIds: ['org-2'] },
      ]);
      expect(fake.count('appointAdministrator')).toBe(2);
    });
  });
});
