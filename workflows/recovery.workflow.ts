import {
  ActivityFailure,
  ApplicationFailure,
  allHandlersFinished,
  condition,
  log,
  proxyActivities,
  setHandler,
  TimeoutFailure,
  type ActivityOptions,
} from '@temporalio/workflow';
import type { CaseAction } from '../libs/domain/src/case/case-rules';
import { isFinalStatus, type CaseStatus } from '../libs/domain/src/case/case-status';
import type { RecoveryActivities, RecoveryActivityName, ResumableStatus } from './activities.contract';
import {
  CASE_BUSY,
  cancelCaseUpdate,
  caseProgressQuery,
  closeCaseUpdate,
  confirmMailboxUpdate,
  decideUpdate,
  documentUploadedUpdate,
  emailCodeVerifiedUpdate,
  linkEnvironmentUpdate,
  objectionRaisedUpdate,
  resendEmailCodeUpdate,
  retryStepUpdate,
  UPDATE_REFUSED,
  type CaseProgress,
  type RecoveryWorkflowInput,
  type ReviewDecision,
  type StepRetry,
} from './recovery.messages';
import {
  appointmentTime,
  BUSY_MESSAGE,
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

// Every activity heartbeats while it runs (the worker wraps them all), so a worker that dies is noticed
// within the heartbeat timeout and the work goes to another one; the start-to-close timeout is the bound
// of the work itself. Mail and database outages are waited out: a mail is delayed, never lost.
const retried: ActivityOptions = {
  heartbeatTimeout: '10 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
};
/** Steps in PostgreSQL: a few queries. */
const steps = proxyActivities<RecoveryActivities>({ ...retried, startToCloseTimeout: '1 minute' });
/** Mails, one delivery per recipient: many recipients through a slow mail server take a while. */
const mails = proxyActivities<RecoveryActivities>({ ...retried, startToCloseTimeout: '10 minutes' });
/** Reading an extract has its own hard timeout inside the activity; this is the outer bound. */
const reading = proxyActivities<RecoveryActivities>({ ...retried, startToCloseTimeout: '2 minutes' });

/** A human action, accepted by an update's validator and carried out by the main loop. */
type Command =
  | { kind: 'confirm' }
  | { kind: 'codeVerified' }
  | { kind: 'resendCode' }
  | { kind: 'documentUploaded'; documentId: string }
  | { kind: 'cancel' }
  | { kind: 'decide'; decision: ReviewDecision }
  | { kind: 'link'; environmentId: string; staffId: string }
  | { kind: 'objection'; noteId: string }
  | ({ kind: 'retry' } & StepRetry)
  | { kind: 'close'; staffId: string; noteId: string };

/** A mail sent after an answer that failed for good: support is asked to look at it, and it is sent again. */
interface FailedFollowUp {
  step: RecoveryActivityName;
  error: ActivityFailure;
  send: () => Promise<void>;
  /** The state (and cooling-off round) the mail was for. */
  sentFor: { status: CaseStatus; round: number };
}

/** A reason code for a failed step, from the failure's type (never its message, which may name someone). */
function reasonOf(error: ActivityFailure): string {
  const { cause } = error;
  if (cause instanceof ApplicationFailure && cause.type && /^[a-z][a-z0-9_]{0,63}$/.test(cause.type))
    return cause.type;
  if (cause instanceof TimeoutFailure) return 'timed_out';
  return 'failed';
}

/** An accepted action, waiting for the main loop; its update answers once it is done. */
interface Pending {
  action: CaseAction;
  command: Command;
  done: boolean;
  failure?: ApplicationFailure;
}

/** An action that reached a part of the workflow that does not take it (the validators should have). */
function notNow(): ApplicationFailure {
  return ApplicationFailure.create({
    type: UPDATE_REFUSED,
    message: 'This case does not take this action now.',
    nonRetryable: true,
  });
}

/** An action accepted a moment before the case changed: the api asks again and hears the validators. */
function busyNow(): ApplicationFailure {
  return ApplicationFailure.create({ type: CASE_BUSY, message: BUSY_MESSAGE, nonRetryable: true });
}

/** The failure type of an activity that found no case (see apps/worker/src/activities/activity-failures.ts). */
const CASE_NOT_FOUND = 'case_not_found';

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
 *
 * No failure ends the workflow: a step the workflow takes by itself (or a follow-up mail) that fails for a
 * reason no retry mends moves the case to `needs_attention`, and the workflow waits for support to retry
 * the step or close the case. A failure in an action a person asked for goes back to that person.
 */
export async function recoveryWorkflow(input: RecoveryWorkflowInput): Promise<CaseStatus> {
  const { caseId, durations, limits } = input;

  const state: RecoveryState = initialState(Date.now());
  let documentId: string | undefined;

  // One action at a time: the validators answer busy to another while this is set.
  let pending: Pending | undefined;
  // While a timer's step runs (expiry, overdue, appointment) no action is accepted: it could not be answered
  // (unless the step failed and the case waits for support, whose retry or close is taken).
  let timerStepRunning = false;
  // While the loop moves the case on by itself, an action of the state it leads to waits (the api asks again).
  let ownStepRunning = false;
  // Set by the access link's follow-up when the mail server refused the address; the loop closes the case.
  const accessLink = { refused: false };

  // Failed steps reported so far: each failure's key on the trail.
  let failuresReported = 0;
  const followUps = new Set<Promise<void>>();
  // Follow-ups that failed for good, for the loop to hand to support (the loop is the only writer of state).
  const failedFollowUps: FailedFollowUp[] = [];
  /** Runs a mail after the answer; the loop does not wait for it, a deadline's step and the end do. */
  /** Counts a mail among those a deadline's step and the end wait for, until it settles. */
  const track = (running: Promise<void>): void => {
    followUps.add(running);
    void running.then(
      () => followUps.delete(running),
      () => followUps.delete(running),
    );
  };
  const followUp = (step: RecoveryActivityName, send: () => Promise<void>): void => {
    const sentFor = { status: state.status, round: state.coolingOffRound };
    track(
      send().catch((error: unknown) => {
        if (!(error instanceof ActivityFailure)) throw error;
        failedFollowUps.push({ step, error, send, sentFor });
      }),
    );
  };
  const followUpsSettled = async (): Promise<void> => {
    while (followUps.size > 0) await Promise.all([...followUps]);
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
  /** A refusal (an activity's business failure) goes back to whoever asked; anything else is not theirs. */
  const answerRefused = (accepted: Pending, error: unknown): void => {
    if (error instanceof ApplicationFailure) {
      answer(accepted, error);
      return;
    }
    if (!(error instanceof ActivityFailure && error.cause instanceof ApplicationFailure)) throw error;
    answer(
      accepted,
      ApplicationFailure.create({
        type: error.cause.type ?? UPDATE_REFUSED,
        message: error.cause.message,
        nonRetryable: true,
      }),
    );
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
  setHandler(retryStepUpdate, (retry: StepRetry) => submit('retry_step', { kind: 'retry', ...retry }), {
    validator: (_retry: StepRetry) => expectAllowed('retry_step'),
  });
  setHandler(
    closeCaseUpdate,
    (close: { staffId: string; noteId: string }) => submit('close_case', { kind: 'close', ...close }),
    {
      validator: (_close: { staffId: string; noteId: string }) => expectAllowed('close_case'),
    },
  );

  /**
   * Records a failed step and, while the case is open and `stopsCase`, moves it to `needs_attention` and
   * waits for support: answers true when support retried it (the case is back where the step started),
   * false when the case is closed (by support, or it had ended before) or went on. The managers are mailed
   * either way.
   */
  const needsAttention = async (
    ownStepName: RecoveryActivityName,
    error: ActivityFailure,
    stopsCase = true,
  ): Promise<boolean> => {
    // The activity that failed, which may be one of several the step runs.
    const step = (error.activityType as RecoveryActivityName | undefined) ?? ownStepName;
    const reason = reasonOf(error);
    const from = state.status;
    const attention = stopsCase && !isFinalStatus(from);
    log.warn('a step failed for good', { caseId, step, reason, status: from });
    // At once: an action that arrives from now on is refused by the validators, not accepted and then
    // refused (the api asks again on busy and hears why).
    if (attention) enter('needs_attention');
    let failureEventId: string | null = null;
    failuresReported += 1;
    try {
      ({ failureEventId } = await steps.reportFailedStep({
        caseId,
        step,
        reason,
        from,
        waitForSupport: attention,
        failure: failuresReported,
      }));
    } catch (reportError) {
      if (!(reportError instanceof ActivityFailure)) throw reportError;
      if (reasonOf(reportError) === CASE_NOT_FOUND) {
        // The case itself is gone (an intake undone after its start had timed out): nothing to wait for.
        log.warn('the case no longer exists; the workflow ends', { caseId });
        enter('closed');
        return false;
      }
      // The case row could not be told; the workflow still waits, and the query shows it.
      log.error('could not record a failed step', { caseId, step });
    }
    // Of this failure (also when it could not be recorded: then the managers are all that know of it).
    const notice = mails
      .sendAttentionNotice({ caseId, step, reason, caseWaits: attention, failureEventId })
      .catch((noticeError: unknown) => {
        if (!(noticeError instanceof ActivityFailure)) throw noticeError;
        log.error('could not tell the managers of a failed step', { caseId, step });
      });
    track(notice);
    // A case that ended waits for the notice before the workflow does; one that goes on does not wait.
    if (!attention) {
      if (isFinalStatus(from)) await notice;
      return false;
    }

    const resumeTo = from as ResumableStatus;
    for (;;) {
      await condition(actionWaiting);
      const accepted = pending;
      if (!accepted) continue;
      const { command } = accepted;
      try {
        if (command.kind === 'retry') {
          const { staffId, organisationIds } = command;
          await steps.resumeStep({ caseId, staffId, to: resumeTo, organisationIds });
          // A waiting window starts again (the requester could not act while the case waited for support);
          // a deadline's step that failed runs again at once.
          enter(resumeTo);
          answer(accepted);
          return true;
        }
        if (command.kind === 'close') {
          const { staffId, noteId } = command;
          await steps.closeCase({ caseId, staffId, noteId });
          enter('closed');
          answer(accepted);
          // A requester who never confirmed the mailbox may not be its owner: no mail to a stranger.
          if (resumeTo !== 'awaiting_confirmation')
            followUp('sendClosure', () => mails.sendClosure({ caseId, noteId }));
          return false;
        }
        // Accepted just before the case stopped: asked again, the validators say why it is refused now.
        answer(accepted, busyNow());
      } catch (actionError) {
        answerRefused(accepted, actionError);
      }
    }
  };

  /** A step the workflow takes by itself: a failure no retry mends waits for support, who may retry it. */
  const attend = async (step: RecoveryActivityName, run: () => Promise<void>): Promise<void> => {
    for (;;) {
      try {
        await run();
        return;
      } catch (error) {
        if (!(error instanceof ActivityFailure)) throw error;
        if (!(await needsAttention(step, error))) return;
      }
    }
  };

  /**
   * A follow-up that failed for good: support looks at it, and on a retry it is sent again. A mail for a
   * state the case has left since (the requester acted, an agent decided) is recorded and the managers
   * told, but does not stop the case.
   */
  const handOver = async ({ step, error, send, sentFor }: FailedFollowUp): Promise<void> => {
    const stillFor = state.status === sentFor.status && state.coolingOffRound === sentFor.round;
    if (await needsAttention(step, error, stillFor)) followUp(step, send);
  };

  /** Issues the next code before the answer (the requester's page shows it); mails it after. */
  const issueCode = async (): Promise<void> => {
    const sendNumber = state.codesSent + 1;
    await steps.issueEmailCode({ caseId, sendNumber });
    // Counted once issued: a code that could not be issued takes nothing from the requester's allowance.
    state.codesSent = sendNumber;
    followUp('sendEmailCode', () => mails.sendEmailCode({ caseId, sendNumber }));
  };
  const startReview = async (flagged: boolean): Promise<void> => {
    ({ reviewDueAtMs: state.reviewDueAtMs } = await steps.startReview({ caseId, flagged }));
    state.overdue = false;
    enter('awaiting_review');
  };

  /** The notices of a cooling-off round, then its appointment time: a whole window after the last one. */
  const coolingOff = async (round: number): Promise<void> => {
    const { coolingOffMs } = durations;
    const { lastNoticeAtMs } = await mails.sendCoolingOffNotices({ caseId, round, coolingOffMs });
    const stillThisRound = (): boolean => state.status === 'cooling_off' && state.coolingOffRound === round;
    if (!stillThisRound()) return;
    const appointAtMs = appointmentTime(lastNoticeAtMs, coolingOffMs);
    await steps.scheduleAppointment({ caseId, round, appointAtMs });
    if (stillThisRound()) state.appointAtMs = appointAtMs;
  };

  const carryOut = async (command: Command): Promise<void> => {
    switch (command.kind) {
      case 'confirm': {
        const stage = stageAfterConfirmation(await steps.verificationFacts({ caseId }));
        await steps.confirmMailbox({ caseId, stage });
        enter(stage);
        if (stage === 'awaiting_email_code') await issueCode();
        else followUp('sendExtractRequest', () => mails.sendExtractRequest({ caseId }));
        return;
      }
      case 'codeVerified':
        return startReview(false);
      case 'resendCode':
        return issueCode();
      case 'documentUploaded':
        await steps.startAnalysis({ caseId, documentId: command.documentId });
        // Counted once taken: an upload the case could not take leaves the allowance as it was.
        state.uploads += 1;
        documentId = command.documentId;
        enter('analysing_document');
        return;
      case 'cancel':
        // Accepted while a document was read, the case may have moved on since: to a state that allows it too.
        await steps.cancelCase({ caseId });
        enter('cancelled');
        followUp('sendCancellation', () => mails.sendCancellation({ caseId }));
        return;
      case 'link': {
        const { environmentId, staffId } = command;
        const next = stageAfterLink(state.status, await steps.verificationFacts({ caseId, environmentId }));
        const codeNow = next === 'awaiting_email_code' && state.status !== next;
        await steps.linkEnvironment({
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
        await steps.recordObjection({ caseId, noteId });
        await startReview(true);
        followUp('sendObjectionReceived', () => mails.sendObjectionReceived({ caseId, noteId }));
        return;
      }
      case 'decide':
        return decide(command.decision);
      case 'retry':
      case 'close':
        // Allowed only while the case needs attention, where needsAttention() takes them.
        throw notNow();
    }
  };

  const decide = async (decision: ReviewDecision): Promise<void> => {
    switch (decision.decision) {
      case 'approve': {
        const withCoolingOff = durations.coolingOffMs > 0;
        const round = state.coolingOffRound + 1;
        await steps.approveCase({
          caseId,
          staffId: decision.staffId,
          version: decision.version,
          organisationIds: decision.organisationIds,
          coolingOffRound: withCoolingOff ? round : null,
        });
        if (!withCoolingOff) {
          enter('appointing');
          return;
        }
        state.coolingOffRound = round;
        state.appointAtMs = undefined;
        enter('cooling_off');
        followUp('sendCoolingOffNotices', () => coolingOff(round));
        return;
      }
      case 'reject': {
        const { noteId } = decision;
        await steps.rejectCase({ caseId, staffId: decision.staffId, version: decision.version, noteId });
        enter('rejected');
        followUp('sendRejection', () => mails.sendRejection({ caseId, noteId }));
        return;
      }
      case 'request_document': {
        const { noteId } = decision;
        await steps.requestDocument({ caseId, staffId: decision.staffId, version: decision.version, noteId });
        state.uploadsWhenDocumentRequested = state.uploads;
        enter('awaiting_document');
        followUp('sendDocumentRequest', () => mails.sendDocumentRequest({ caseId, noteId }));
        return;
      }
    }
  };

  const onDeadline = async (): Promise<void> => {
    const step = timerStepFor(state.status);
    switch (step.kind) {
      case 'expire': {
        log.info('case waited too long', { caseId, status: state.status });
        const { awaitingStatus } = step;
        await attend('expireCase', async () => {
          await steps.expireCase({ caseId, awaitingStatus });
          enter('expired');
        });
        if (state.status === 'expired')
          followUp('sendExpiry', () => mails.sendExpiry({ caseId, awaitingStatus }));
        return;
      }
      case 'mark_review_overdue':
        await attend('markReviewOverdue', async () => {
          await mails.markReviewOverdue({ caseId });
          state.overdue = true;
        });
        return;
      case 'start_appointment':
        await attend('startAppointment', async () => {
          const { objectionNoteId } = await steps.startAppointment({ caseId });
          if (objectionNoteId === null) {
            enter('appointing');
            return;
          }
          // An objection made within the window that the api could not hand over (Temporal was away at
          // its end) stops the appointment as if it had come in time.
          await carryOut({ kind: 'objection', noteId: objectionNoteId });
        });
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

  await attend('matchEnvironment', () => steps.matchEnvironment({ caseId }));
  if (state.status === 'awaiting_confirmation') {
    // A follow-up, not a step the requester waits behind: whoever confirms has the link. (An attempt that
    // died while sending leaves its delivery leased for minutes, though the mail may well be out.)
    followUp('sendAccessLink', async () => {
      ({ refused: accessLink.refused } = await mails.sendAccessLink({ caseId }));
    });
  }

  while (!isFinalStatus(state.status)) {
    // An accepted action is carried out first (it was answered nothing yet); then a failed mail.
    const failed = pending === undefined ? failedFollowUps.shift() : undefined;
    if (failed) {
      await handOver(failed);
      continue;
    }
    if (accessLink.refused && pending === undefined) {
      accessLink.refused = false;
      // Nobody can confirm a case whose link cannot be delivered; the requester may ask again.
      if (state.status === 'awaiting_confirmation') {
        await ownStep(() =>
          attend('closeUnreachable', async () => {
            await steps.closeUnreachable({ caseId });
            enter('closed');
          }),
        );
      }
      continue;
    }
    if (state.status === 'analysing_document' && documentId) {
      const analysed = documentId;
      await ownStep(() =>
        attend('analyseDocument', async () => {
          const { usable } = await reading.analyseDocument({ caseId, documentId: analysed });
          if (stageAfterAnalysis(usable) === 'awaiting_review') await startReview(false);
          else enter('awaiting_document');
        }),
      );
      continue;
    }
    if (state.status === 'appointing') {
      const appointment = { done: false };
      await ownStep(() =>
        attend('appointAdministrator', async () => {
          await steps.appointAdministrator({ caseId });
          enter('completed');
          appointment.done = true;
        }),
      );
      // Unless support closed the case instead.
      if (appointment.done) followUp('sendAppointmentMails', () => mails.sendAppointmentMails({ caseId }));
      continue;
    }

    const due = deadlineOf(state, durations);
    // A failed follow-up wakes the loop too, and so does a deadline that became known (the appointment).
    const woken = (): boolean =>
      pending !== undefined ||
      failedFollowUps.length > 0 ||
      accessLink.refused ||
      deadlineOf(state, durations) !== due;
    const arrived =
      due === undefined
        ? await condition(woken).then(() => true)
        : await condition(woken, Math.max(1, due - Date.now()));
    // An action that came in the same moment as the deadline is taken first; the deadline is looked at again.
    if (!arrived && pending === undefined) {
      // A timer never overtakes the mails of the step before it (the cooling-off's notices above all).
      await followUpsSettled();
      if (actionWaiting() || failedFollowUps.length > 0 || accessLink.refused) continue;
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
      answerRefused(accepted, error);
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
  // The mails of the last step go out, and the update that ended the case answers, before the workflow
  // closes; a last mail that failed for good is recorded and the managers are told.
  await followUpsSettled();
  for (const failed of failedFollowUps.splice(0)) await needsAttention(failed.step, failed.error);
  await condition(allHandlersFinished);
  return state.status;
}
