import {
  ActivityFailure,
  ApplicationFailure,
  allHandlersFinished,
  condition,
  log,
  proxyActivities,
  setHandler,
} from '@temporalio/workflow';
import type { CaseAction } from '../libs/domain/src/case/case-rules';
import { isFinalStatus, type CaseStatus } from '../libs/domain/src/case/case-status';
import type { RecoveryActivities } from './activities.contract';
import {
  CASE_BUSY,
  cancelCaseUpdate,
  caseProgressQuery,
  confirmMailboxUpdate,
  decideUpdate,
  documentUploadedUpdate,
  emailCodeVerifiedUpdate,
  linkEnvironmentUpdate,
  objectionRaisedUpdate,
  resendEmailCodeUpdate,
  UPDATE_REFUSED,
  type CaseProgress,
  type RecoveryWorkflowInput,
  type ReviewDecision,
} from './recovery.messages';
import {
  appointmentTime,
  deadlineOf,
  initialState,
  progressOf,
  refusalOf,
  stageAfterAnalysis,
  stageAfterConfirmation,
  stageAfterLink,
  timerStepFor,
  type ActionRefusal,
  type RecoveryState,
} from './recovery-state';

const activities = proxyActivities<RecoveryActivities>({
  // Reading an extract has its own hard timeout (inside the activity); this is the outer bound.
  startToCloseTimeout: '2 minutes',
  // Mail and database outages are waited out: a mail is delayed, never lost.
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

/** A human action, accepted by an update's validator and carried out by the main loop. */
type Command =
  | { kind: 'confirm' }
  | { kind: 'codeVerified' }
  | { kind: 'resendCode' }
  | { kind: 'documentUploaded'; documentId: string }
  | { kind: 'cancel' }
  | { kind: 'decide'; decision: ReviewDecision }
  | { kind: 'link'; environmentId: string; staffId: string }
  | { kind: 'objection'; noteId: string };

/** An accepted action, waiting for the main loop; its update answers once it is done. */
interface Pending {
  action: CaseAction;
  command: Command;
  done: boolean;
  failure?: ApplicationFailure;
}

function refuse({ kind, message }: ActionRefusal): never {
  throw ApplicationFailure.create({
    type: kind === 'busy' ? CASE_BUSY : UPDATE_REFUSED,
    message,
    nonRetryable: true,
  });
}

/**
 * The life of one recovery case (SPEC section 5), from the mailed link to the appointed administrator or
 * one of the ends. Human actions arrive as updates; their validators refuse what the state does not allow
 * (so the API can answer 409 at once, and a refused update never enters history) or answer busy while
 * a step is being finished (the api asks again), and the main loop carries them out one at a time with
 * activities. The loop is the only writer of the state, so two actions racing each other are taken in
 * turn: the second finds the first done, or is refused.
 *
 * An update answers once its action is recorded; the mails that follow it are sent after the answer
 * ("follow-ups"), while the loop already waits for the next action. A deadline's step waits for them, so
 * that a timer never overtakes the mails of the step before it. Which state comes next is chosen here,
 * from the facts the activities report, by the pure rules in recovery-state.ts.
 */
export async function recoveryWorkflow(input: RecoveryWorkflowInput): Promise<CaseStatus> {
  const { caseId, durations, limits } = input;

  const state: RecoveryState = initialState(Date.now());
  let documentId: string | undefined;

  // One action at a time: the validators answer busy to another while this is set.
  let pending: Pending | undefined;
  // While a timer's step runs (expiry, overdue, appointment) no action is accepted: it could not be answered.
  let timerStepRunning = false;
  // While the loop moves the case on by itself, an action of the state it leads to waits (the api asks again).
  let ownStepRunning = false;

  const followUps = new Set<Promise<void>>();
  // A mail that failed for good (an activity's non-retryable failure) fails the workflow, as any step's does.
  let followUpFailure: Error | undefined;
  /** Runs a mail after the answer; the loop does not wait for it, a deadline's step and the end do. */
  const followUp = (send: () => Promise<void>): void => {
    const running: Promise<void> = send()
      .catch((error: unknown) => {
        followUpFailure ??= error instanceof Error ? error : ApplicationFailure.nonRetryable(String(error));
      })
      .finally(() => followUps.delete(running));
    followUps.add(running);
  };
  const throwIfFollowUpFailed = (): void => {
    if (followUpFailure !== undefined) throw followUpFailure;
  };
  const followUpsDone = async (): Promise<void> => {
    while (followUps.size > 0) await Promise.all([...followUps]);
    throwIfFollowUpFailed();
  };

  const progress = (): CaseProgress => progressOf(state, limits);
  // A function, not a test of `pending` in place: an update may set it while the loop awaits.
  const actionWaiting = (): boolean => pending !== undefined;
  const enter = (next: CaseStatus): void => {
    state.status = next;
    state.enteredAtMs = Date.now();
  };

  const expectAllowed = (action: CaseAction): void => {
    const refusal = refusalOf(action, state, limits, {
      pendingAction: pending?.action,
      timerStepRunning,
      ownStepRunning,
    });
    if (refusal) refuse(refusal);
  };

  const submit = async (action: CaseAction, command: Command): Promise<CaseProgress> => {
    const accepted: Pending = { action, command, done: false };
    pending = accepted;
    await condition(() => accepted.done);
    if (accepted.failure) throw accepted.failure;
    return progress();
  };
  const answer = (accepted: Pending, failure?: ApplicationFailure): void => {
    accepted.failure = failure;
    accepted.done = true;
    pending = undefined;
  };

  setHandler(caseProgressQuery, progress);
  setHandler(confirmMailboxUpdate, () => submit('confirm_mailbox', { kind: 'confirm' }), {
    validator: () => expectAllowed('confirm_mailbox'),
  });
  setHandler(emailCodeVerifiedUpdate, () => submit('enter_email_code', { kind: 'codeVerified' }), {
    validator: () => expectAllowed('enter_email_code'),
  });
  setHandler(resendEmailCodeUpdate, () => submit('resend_email_code', { kind: 'resendCode' }), {
    validator: () => expectAllowed('resend_email_code'),
  });
  setHandler(
    documentUploadedUpdate,
    ({ documentId: id }: { documentId: string }) =>
      submit('upload_document', { kind: 'documentUploaded', documentId: id }),
    {
      validator: (_upload: { documentId: string }) => expectAllowed('upload_document'),
    },
  );
  setHandler(cancelCaseUpdate, () => submit('cancel', { kind: 'cancel' }), {
    validator: () => expectAllowed('cancel'),
  });
  setHandler(decideUpdate, (decision: ReviewDecision) => submit('decide', { kind: 'decide', decision }), {
    validator: (_decision: ReviewDecision) => expectAllowed('decide'),
  });
  setHandler(
    linkEnvironmentUpdate,
    (link: { environmentId: string; staffId: string }) =>
      submit('link_environment', { kind: 'link', ...link }),
    {
      validator: (_link: { environmentId: string; staffId: string }) => expectAllowed('link_environment'),
    },
  );
  setHandler(
    objectionRaisedUpdate,
    ({ noteId }: { noteId: string }) => submit('object', { kind: 'objection', noteId }),
    {
      validator: (_objection: { noteId: string }) => expectAllowed('object'),
    },
  );

  /** Issues the next code before the answer (the requester's page shows it); mails it after. */
  const issueCode = async (): Promise<void> => {
    state.codesSent += 1;
    const sendNumber = state.codesSent;
    await activities.issueEmailCode({ caseId, sendNumber });
    followUp(() => activities.sendEmailCode({ caseId, sendNumber }));
  };
  const startReview = async (flagged: boolean): Promise<void> => {
    ({ reviewDueAtMs: state.reviewDueAtMs } = await activities.startReview({ caseId, flagged }));
    state.overdue = false;
    enter('awaiting_review');
  };

  const carryOut = async (command: Command): Promise<void> => {
    switch (command.kind) {
      case 'confirm': {
        const stage = stageAfterConfirmation(await activities.verificationFacts({ caseId }));
        await activities.confirmMailbox({ caseId, stage });
        enter(stage);
        if (stage === 'awaiting_email_code') await issueCode();
        else followUp(() => activities.sendExtractRequest({ caseId }));
        return;
      }
      case 'codeVerified':
        return startReview(false);
      case 'resendCode':
        return issueCode();
      case 'documentUploaded':
        state.uploads += 1;
        documentId = command.documentId;
        await activities.startAnalysis({ caseId, documentId });
        enter('analysing_document');
        return;
      case 'cancel':
        // Accepted while a document was read, the case may have moved on since: to a state that allows it too.
        await activities.cancelCase({ caseId });
        enter('cancelled');
        followUp(() => activities.sendCancellation({ caseId }));
        return;
      case 'link': {
        const { environmentId, staffId } = command;
        const next = stageAfterLink(
          state.status,
          await activities.verificationFacts({ caseId, environmentId }),
        );
        const codeNow = next === 'awaiting_email_code' && state.status !== next;
        await activities.linkEnvironment({
          caseId,
          environmentId,
          staffId,
          next: codeNow ? 'awaiting_email_code' : null,
        });
        if (codeNow) {
          enter(next);
          await issueCode();
        }
        return;
      }
      case 'objection': {
        const { noteId } = command;
        await activities.recordObjection({ caseId, noteId });
        await startReview(true);
        followUp(() => activities.sendObjectionReceived({ caseId, noteId }));
        return;
      }
      case 'decide':
        return decide(command.decision);
    }
  };

  const decide = async (decision: ReviewDecision): Promise<void> => {
    switch (decision.decision) {
      case 'approve': {
        const appointAtMs = appointmentTime(Date.now(), durations.coolingOffMs);
        await activities.approveCase({
          caseId,
          staffId: decision.staffId,
          organisationIds: decision.organisationIds,
          appointAtMs,
        });
        if (appointAtMs === null) {
          enter('appointing');
          return;
        }
        state.coolingOffRound += 1;
        state.appointAtMs = appointAtMs;
        enter('cooling_off');
        const round = state.coolingOffRound;
        followUp(() => activities.sendCoolingOffNotices({ caseId, round }));
        return;
      }
      case 'reject': {
        const { noteId } = decision;
        await activities.rejectCase({ caseId, staffId: decision.staffId, noteId });
        enter('rejected');
        followUp(() => activities.sendRejection({ caseId, noteId }));
        return;
      }
      case 'request_document': {
        const { noteId } = decision;
        await activities.requestDocument({ caseId, staffId: decision.staffId, noteId });
        state.uploadsWhenDocumentRequested = state.uploads;
        enter('awaiting_document');
        followUp(() => activities.sendDocumentRequest({ caseId, noteId }));
        return;
      }
    }
  };

  const onDeadline = async (): Promise<void> => {
    const step = timerStepFor(state.status);
    switch (step.kind) {
      case 'expire':
        log.info('case waited too long', { caseId, status: state.status });
        await activities.expireCase({ caseId, awaitingStatus: step.awaitingStatus });
        enter('expired');
        return;
      case 'mark_review_overdue':
        await activities.markReviewOverdue({ caseId });
        state.overdue = true;
        return;
      case 'start_appointment':
        await activities.startAppointment({ caseId });
        enter('appointing');
        return;
      case 'none':
        return;
    }
  };

  /** A step the loop takes by itself: actions of the state it leads to wait until it is done. */
  const ownStep = async (step: () => Promise<void>): Promise<void> => {
    ownStepRunning = true;
    try {
      await step();
    } finally {
      ownStepRunning = false;
    }
  };

  await activities.matchEnvironment({ caseId });
  await activities.sendAccessLink({ caseId });

  while (!isFinalStatus(state.status)) {
    throwIfFollowUpFailed();
    if (state.status === 'analysing_document' && documentId) {
      const analysed = documentId;
      await ownStep(async () => {
        const { usable } = await activities.analyseDocument({ caseId, documentId: analysed });
        if (stageAfterAnalysis(usable) === 'awaiting_review') await startReview(false);
        else enter('awaiting_document');
      });
      continue;
    }
    if (state.status === 'appointing') {
      await ownStep(async () => {
        await activities.appointAdministrator({ caseId });
        enter('completed');
      });
      followUp(() => activities.sendAppointmentMails({ caseId }));
      continue;
    }

    const due = deadlineOf(state, durations);
    // A mail that failed for good wakes the loop too, so that the failure is not left waiting for an action.
    const woken = (): boolean => pending !== undefined || followUpFailure !== undefined;
    const arrived =
      due === undefined
        ? await condition(woken).then(() => true)
        : await condition(woken, Math.max(1, due - Date.now()));
    throwIfFollowUpFailed();
    // An action that came in the same moment as the deadline is taken first; the deadline is looked at again.
    if (!arrived && pending === undefined) {
      // A timer never overtakes the mails of the step before it (the cooling-off's notices above all).
      await followUpsDone();
      if (actionWaiting()) continue;
      timerStepRunning = true;
      try {
        await onDeadline();
      } finally {
        timerStepRunning = false;
      }
      continue;
    }
    const accepted = pending;
    if (!accepted) continue;
    try {
      await carryOut(accepted.command);
      answer(accepted);
    } catch (error) {
      // A business refusal from an activity (for example organisations of another environment) goes back
      // to the person who asked; the case stays where it was.
      if (!(error instanceof ActivityFailure && error.cause instanceof ApplicationFailure)) throw error;
      answer(
        accepted,
        ApplicationFailure.create({
          type: error.cause.type ?? UPDATE_REFUSED,
          message: error.cause.message,
          nonRetryable: true,
        }),
      );
    }
  }

  // An action accepted in the last moment finds the case closed: it is refused rather than left unanswered.
  if (pending) {
    answer(
      pending,
      ApplicationFailure.create({
        type: UPDATE_REFUSED,
        message: 'This case is closed.',
        nonRetryable: true,
      }),
    );
  }
  // The mails of the last step go out, and the update that ended the case answers, before the workflow closes.
  await followUpsDone();
  await condition(allHandlersFinished);
  return state.status;
}
