import {
  ActivityFailure,
  ApplicationFailure,
  allHandlersFinished,
  condition,
  log,
  proxyActivities,
  setHandler,
} from '@temporalio/workflow';
import {
  actionRefusal,
  deadlineKindOf,
  isActionAllowed,
  type CaseAction,
} from '../libs/domain/src/case/case-rules';
import { isFinalStatus, type CaseStatus } from '../libs/domain/src/case/case-status';
import { requesterAllowances } from '../libs/domain/src/case/requester-allowances';
import type { RecoveryActivities, WaitingStatus } from './activities.contract';
import {
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
  command: Command;
  done: boolean;
  failure?: ApplicationFailure;
}

function refuse(message: string): never {
  throw ApplicationFailure.create({ type: UPDATE_REFUSED, message, nonRetryable: true });
}

/**
 * The life of one recovery case (SPEC section 5), from the mailed link to the appointed administrator or
 * one of the ends. Human actions arrive as updates; their validators refuse what the state does not allow
 * (so the API can answer 409 at once, and a refused update never enters history), and the main loop
 * carries them out one at a time with activities. The loop is the only writer of the state, so two
 * actions racing each other are taken in turn: the second finds the first done, or is refused.
 */
export async function recoveryWorkflow(input: RecoveryWorkflowInput): Promise<CaseStatus> {
  const { caseId, durations, limits } = input;

  // Cast, not annotated: TypeScript would otherwise narrow it to its first value (handlers change it).
  let status = 'awaiting_confirmation' as CaseStatus;
  let enteredAt = Date.now();
  let codesSent = 0;
  let uploads = 0;
  let uploadsWhenDocumentRequested: number | null = null;
  let documentId: string | undefined;
  let reviewDueAtMs: number | undefined;
  let overdue = false;
  let coolingOffRound = 0;
  let appointAt = 0;

  // One action at a time: the validators refuse a second while this is set.
  let pending: Pending | undefined;
  // While a timer's step runs (expiry, overdue, appointment) no action is accepted: it could not be answered.
  let timerBusy = false;

  const progress = (): CaseProgress => ({
    status,
    ...requesterAllowances(limits, { codesSent, uploads, uploadsWhenDocumentRequested }),
  });
  const enter = (next: CaseStatus): void => {
    status = next;
    enteredAt = Date.now();
  };

  /** The validators' common part: one action at a time, and only in the states that allow it. */
  const expectAllowed = (action: CaseAction): void => {
    if (pending || timerBusy) {
      refuse('Another action on this case is being handled right now. Look at the case again.');
    }
    if (!isActionAllowed(action, status)) refuse(actionRefusal(action, status));
  };

  const submit = async (command: Command): Promise<CaseProgress> => {
    const accepted: Pending = { command, done: false };
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
  setHandler(confirmMailboxUpdate, () => submit({ kind: 'confirm' }), {
    validator: () => expectAllowed('confirm_mailbox'),
  });
  setHandler(emailCodeVerifiedUpdate, () => submit({ kind: 'codeVerified' }), {
    validator: () => expectAllowed('enter_email_code'),
  });
  setHandler(resendEmailCodeUpdate, () => submit({ kind: 'resendCode' }), {
    validator: () => {
      expectAllowed('resend_email_code');
      if (progress().codeResendsLeft === 0) {
        refuse('No new code can be sent for this case. Upload a Chamber of Commerce extract instead.');
      }
    },
  });
  setHandler(
    documentUploadedUpdate,
    ({ documentId: id }: { documentId: string }) => submit({ kind: 'documentUploaded', documentId: id }),
    {
      validator: (_upload: { documentId: string }) => {
        expectAllowed('upload_document');
        if (progress().uploadsLeft === 0) refuse('No more documents can be uploaded for this case.');
      },
    },
  );
  setHandler(cancelCaseUpdate, () => submit({ kind: 'cancel' }), {
    validator: () => expectAllowed('cancel'),
  });
  setHandler(decideUpdate, (decision: ReviewDecision) => submit({ kind: 'decide', decision }), {
    validator: (_decision: ReviewDecision) => expectAllowed('decide'),
  });
  setHandler(
    linkEnvironmentUpdate,
    (link: { environmentId: string; staffId: string }) => submit({ kind: 'link', ...link }),
    {
      validator: (_link: { environmentId: string; staffId: string }) => expectAllowed('link_environment'),
    },
  );
  setHandler(
    objectionRaisedUpdate,
    ({ noteId }: { noteId: string }) => submit({ kind: 'objection', noteId }),
    {
      validator: (_objection: { noteId: string }) => expectAllowed('object'),
    },
  );

  const sendCode = async (): Promise<void> => {
    codesSent += 1;
    await activities.sendEmailCode({ caseId, sendNumber: codesSent });
  };
  const startReview = async (flagged: boolean): Promise<void> => {
    ({ reviewDueAtMs } = await activities.startReview({ caseId, flagged }));
    overdue = false;
    enter('awaiting_review');
  };

  const carryOut = async (command: Command): Promise<void> => {
    switch (command.kind) {
      case 'confirm': {
        const { status: next } = await activities.confirmMailbox({ caseId });
        enter(next);
        if (next === 'awaiting_email_code') await sendCode();
        else await activities.sendExtractRequest({ caseId });
        return;
      }
      case 'codeVerified':
        return startReview(false);
      case 'resendCode':
        return sendCode();
      case 'documentUploaded':
        uploads += 1;
        documentId = command.documentId;
        await activities.startAnalysis({ caseId, documentId });
        enter('analysing_document');
        return;
      case 'cancel':
        // Accepted while a document was read: by now the case may have moved on, but it is still open.
        if (!isActionAllowed('cancel', status)) return;
        await activities.cancelCase({ caseId });
        enter('cancelled');
        return;
      case 'link': {
        const { status: next } = await activities.linkEnvironment({
          caseId,
          environmentId: command.environmentId,
          staffId: command.staffId,
        });
        if (next === 'awaiting_email_code' && status !== next) {
          enter(next);
          await sendCode();
        }
        return;
      }
      case 'objection':
        await activities.recordObjection({ caseId, noteId: command.noteId });
        return startReview(true);
      case 'decide':
        return decide(command.decision);
    }
  };

  const decide = async (decision: ReviewDecision): Promise<void> => {
    switch (decision.decision) {
      case 'approve': {
        const appointAtMs = durations.coolingOffMs > 0 ? Date.now() + durations.coolingOffMs : null;
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
        coolingOffRound += 1;
        appointAt = appointAtMs;
        enter('cooling_off');
        await activities.sendCoolingOffNotices({ caseId, round: coolingOffRound });
        return;
      }
      case 'reject':
        await activities.rejectCase({ caseId, staffId: decision.staffId, noteId: decision.noteId });
        enter('rejected');
        return;
      case 'request_document':
        await activities.requestDocument({ caseId, staffId: decision.staffId, noteId: decision.noteId });
        uploadsWhenDocumentRequested = uploads;
        enter('awaiting_document');
        return;
    }
  };

  /** When the current state stops waiting, or undefined when it waits for people only. */
  const deadline = (): number | undefined => {
    const kind = deadlineKindOf(status);
    switch (kind) {
      case 'confirmation_window':
        return enteredAt + durations.confirmationExpiryMs;
      case 'email_code_window':
        return enteredAt + durations.emailCodeStageExpiryMs;
      case 'document_window':
        return enteredAt + durations.documentStageExpiryMs;
      case 'review_due':
        return overdue ? undefined : reviewDueAtMs;
      case 'appointment':
        return appointAt;
      case 'none':
        return undefined;
    }
  };

  const onDeadline = async (): Promise<void> => {
    switch (status) {
      case 'awaiting_confirmation':
      case 'awaiting_email_code':
      case 'awaiting_document': {
        const awaitingStatus: WaitingStatus = status;
        log.info('case waited too long', { caseId, status });
        await activities.expireCase({ caseId, awaitingStatus });
        enter('expired');
        return;
      }
      case 'awaiting_review':
        await activities.markReviewOverdue({ caseId });
        overdue = true;
        return;
      case 'cooling_off':
        await activities.startAppointment({ caseId });
        enter('appointing');
        return;
      case 'analysing_document':
      case 'appointing':
      case 'completed':
      case 'rejected':
      case 'expired':
      case 'cancelled':
        return;
    }
  };

  await activities.matchEnvironment({ caseId });
  await activities.sendCaseLink({ caseId });

  while (!isFinalStatus(status)) {
    if (status === 'analysing_document' && documentId) {
      const { usable } = await activities.analyseDocument({ caseId, documentId });
      if (usable) await startReview(false);
      else enter('awaiting_document');
      continue;
    }
    if (status === 'appointing') {
      await activities.appointAdministrator({ caseId });
      enter('completed');
      await activities.sendAppointmentMails({ caseId });
      continue;
    }

    const due = deadline();
    const arrived =
      due === undefined
        ? await condition(() => pending !== undefined).then(() => true)
        : await condition(() => pending !== undefined, Math.max(1, due - Date.now()));
    // An action that came in the same moment as the deadline is taken first; the deadline is looked at again.
    if (!arrived && pending === undefined) {
      timerBusy = true;
      try {
        await onDeadline();
      } finally {
        timerBusy = false;
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
  // Let the update that ended the case answer its caller before the workflow closes.
  await condition(allHandlersFinished);
  return status;
}
