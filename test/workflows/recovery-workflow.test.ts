import { WorkflowUpdateStage } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import {
  cancelCaseUpdate,
  confirmMailboxUpdate,
  decideUpdate,
  documentUploadedUpdate,
  emailCodeVerifiedUpdate,
  linkEnvironmentUpdate,
  objectionRaisedUpdate,
  RECOVERY_WORKFLOW_TYPE,
  resendEmailCodeUpdate,
  CASE_BUSY,
  UPDATE_REFUSED,
} from '@app/workflows/recovery.messages';
import { eventually } from '../support/eventually';
import { FakeRecoveryActivities } from '../support/fake-recovery-activities';
import {
  HOUR_MS,
  SHORT_MS,
  STAFF_ID,
  HANG_MS,
  failureOf,
  expectRefused,
  BUSY,
  stepsOf,
  answerOf,
  progressOf,
  waitForStatus,
  within,
  bringToReview,
  approve,
  recoveryWorkflowHarness,
} from './recovery-workflow-harness';

describe(RECOVERY_WORKFLOW_TYPE, () => {
  const { withCase } = recoveryWorkflowHarness();

  it('completes an email-method case: code, a second code, review, approval without cooling-off', async () => {
    const fake = new FakeRecoveryActivities({ verification: 'awaiting_email_code' });
    await withCase(fake, {}, async ({ caseId, handle }) => {
      expect(await handle.executeUpdate(confirmMailboxUpdate)).toEqual({
        status: 'awaiting_email_code',
        codeResendsLeft: 3,
        uploadsLeft: 3,
      });
      expect(await handle.executeUpdate(resendEmailCodeUpdate)).toEqual({
        status: 'awaiting_email_code',
        codeResendsLeft: 2,
        uploadsLeft: 3,
      });
      expect(await handle.executeUpdate(emailCodeVerifiedUpdate)).toMatchObject({
        status: 'awaiting_review',
      });
      expect(
        await handle.executeUpdate(decideUpdate, { args: [{ ...approve, organisationIds: ['org-1'] }] }),
      ).toMatchObject({ status: 'appointing' });

      expect(await handle.result()).toBe('completed');
      expect(stepsOf(fake)).toEqual([
        'matchEnvironment',
        'verificationFacts',
        'confirmMailbox',
        'issueEmailCode',
        'issueEmailCode',
        'startReview',
        'approveCase',
        'appointAdministrator',
      ]);
      expect(fake.inputsOf('issueEmailCode')).toEqual([
        { caseId, sendNumber: 1 },
        { caseId, sendNumber: 2 },
      ]);
      // Each code is mailed after it was issued; the appointment's mails after the appointment.
      const names = fake.names();
      expect(names.indexOf('sendEmailCode')).toBeGreaterThan(names.indexOf('issueEmailCode'));
      expect(names.at(-1)).toBe('sendAppointmentMails');
      expect(fake.inputsOf('sendEmailCode')).toEqual([
        { caseId, sendNumber: 1 },
        { caseId, sendNumber: 2 },
      ]);
      expect(fake.inputsOf('startReview')).toEqual([{ caseId, flagged: false }]);
      expect(fake.inputsOf('approveCase')).toEqual([
        { caseId, staffId: STAFF_ID, version: '0', organisationIds: ['org-1'], coolingOffRound: null },
      ]);
    });
  });

  it('completes an extract case: upload, analysis, review, approval, cooling-off, appointment', async () => {
    const fake = new FakeRecoveryActivities({ verification: 'awaiting_document', usableDocuments: [true] });
    const coolingOffMs = 500;
    await withCase(fake, { durations: { coolingOffMs } }, async ({ caseId, handle }) => {
      expect(await handle.executeUpdate(confirmMailboxUpdate)).toMatchObject({ status: 'awaiting_document' });
      expect(
        await handle.executeUpdate(documentUploadedUpdate, { args: [{ documentId: 'doc-1' }] }),
      ).toMatchObject({ status: 'analysing_document', uploadsLeft: 2 });
      await waitForStatus(handle, 'awaiting_review');

      expect(await handle.executeUpdate(decideUpdate, { args: [approve] })).toMatchObject({
        status: 'cooling_off',
      });

      expect(await handle.result()).toBe('completed');
      expect(fake.inputsOf('sendCoolingOffNotices')).toEqual([{ caseId, round: 1, coolingOffMs }]);
      expect(stepsOf(fake)).toEqual([
        'matchEnvironment',
        'verificationFacts',
        'confirmMailbox',
        'startAnalysis',
        'analyseDocument',
        'startReview',
        'approveCase',
        'startAppointment',
        'appointAdministrator',
      ]);
      expect(fake.inputsOf('sendExtractRequest')).toEqual([{ caseId }]);
      expect(fake.inputsOf('startAnalysis')).toEqual([{ caseId, documentId: 'doc-1' }]);
      expect(fake.inputsOf('analyseDocument')).toEqual([{ caseId, documentId: 'doc-1' }]);
      expect(fake.inputsOf('approveCase')).toEqual([
        { caseId, staffId: STAFF_ID, version: '0', organisationIds: undefined, coolingOffRound: 1 },
      ]);
      const [notices] = fake.callsOf('sendCoolingOffNotices');
      const [schedule] = fake.callsOf('scheduleAppointment');
      const [appointment] = fake.callsOf('startAppointment');
      if (!notices || !schedule || !appointment) throw new Error('the cooling-off should have run');
      // The whole window counts from the last notice (the fake answers the moment it ran), and the
      // appointment starts no earlier than it was scheduled.
      expect(schedule.input).toMatchObject({ caseId, round: 1 });
      expect(schedule.input.appointAtMs).toBeGreaterThanOrEqual(notices.atMs + coolingOffMs);
      expect(appointment.atMs).toBeGreaterThanOrEqual(schedule.input.appointAtMs);
    });
  });

  it('takes a good document after an unusable one', async () => {
    const fake = new FakeRecoveryActivities({
      verification: 'awaiting_document',
      usableDocuments: [false, true],
    });
    await withCase(fake, { limits: { maxUploads: 2 } }, async ({ caseId, handle }) => {
      await handle.executeUpdate(confirmMailboxUpdate);
      await handle.executeUpdate(documentUploadedUpdate, { args: [{ documentId: 'doc-1' }] });
      expect(await waitForStatus(handle, 'awaiting_document')).toMatchObject({ uploadsLeft: 1 });
      await handle.executeUpdate(documentUploadedUpdate, { args: [{ documentId: 'doc-2' }] });
      expect(await waitForStatus(handle, 'awaiting_review')).toMatchObject({ uploadsLeft: 0 });

      expect(fake.inputsOf('analyseDocument')).toEqual([
        { caseId, documentId: 'doc-1' },
        { caseId, documentId: 'doc-2' },
      ]);
      expect(fake.count('startReview')).toBe(1);
      await handle.executeUpdate(cancelCaseUpdate);
      expect(await handle.result()).toBe('cancelled');
    });
  });

  it('refuses an upload beyond the limit, leaving no trace of it in history', async () => {
    const fake = new FakeRecoveryActivities({
      verification: 'awaiting_document',
      usableDocuments: [false, false],
    });
    await withCase(fake, { limits: { maxUploads: 2 } }, async ({ handle }) => {
      await handle.executeUpdate(confirmMailboxUpdate);
      for (const documentId of ['doc-1', 'doc-2']) {
        await handle.executeUpdate(documentUploadedUpdate, { args: [{ documentId }] });
        await waitForStatus(handle, 'awaiting_document');
      }
      const callsBefore = fake.calls.length;

      await expectRefused(
        handle.executeUpdate(documentUploadedUpdate, { args: [{ documentId: 'doc-3' }] }),
        /No more documents can be uploaded/,
      );
      expect(fake.calls).toHaveLength(callsBefore);
      expect(await progressOf(handle)).toMatchObject({ status: 'awaiting_document', uploadsLeft: 0 });

      await handle.executeUpdate(cancelCaseUpdate);
      expect(await handle.result()).toBe('cancelled');
      const { events } = await handle.fetchHistory();
      const accepted = (events ?? []).flatMap(
        (event) => event.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.name ?? [],
      );
      expect(accepted).toEqual(['confirmMailbox', 'documentUploaded', 'documentUploaded', 'cancelCase']);
      expect(fake.count('startAnalysis')).toBe(2);
    });
  });

  it('ends a rejected case with the agent and the note', async () => {
    const fake = new FakeRecoveryActivities();
    await withCase(fake, {}, async ({ caseId, handle }) => {
      await bringToReview(handle);
      expect(
        await handle.executeUpdate(decideUpdate, {
          args: [{ decision: 'reject', staffId: STAFF_ID, version: '0', noteId: 'note-1' }],
        }),
      ).toMatchObject({ status: 'rejected' });

      expect(await handle.result()).toBe('rejected');
      expect(fake.inputsOf('rejectCase')).toEqual([
        { caseId, staffId: STAFF_ID, version: '0', noteId: 'note-1' },
      ]);
      expect(fake.count('approveCase')).toBe(0);
      expect(fake.names().slice(-2)).toEqual(['rejectCase', 'sendRejection']);
      expect(fake.inputsOf('sendRejection')).toEqual([{ caseId, noteId: 'note-1' }]);
    });
  });

  it('returns the case to awaiting_document on request, with one more upload past the limit', async () => {
    const fake = new FakeRecoveryActivities({
      verification: 'awaiting_document',
      usableDocuments: [false, true, true],
    });
    await withCase(fake, { limits: { maxUploads: 2 } }, async ({ caseId, handle }) => {
      await handle.executeUpdate(confirmMailboxUpdate);
      await handle.executeUpdate(documentUploadedUpdate, { args: [{ documentId: 'doc-1' }] });
      await waitForStatus(handle, 'awaiting_document');
      await handle.executeUpdate(documentUploadedUpdate, { args: [{ documentId: 'doc-2' }] });
      expect(await waitForStatus(handle, 'awaiting_review')).toMatchObject({ uploadsLeft: 0 });

      expect(
        await handle.executeUpdate(decideUpdate, {
          args: [{ decision: 'request_document', staffId: STAFF_ID, version: '0', noteId: 'note-1' }],
        }),
      ).toEqual({ status: 'awaiting_document', codeResendsLeft: 3, uploadsLeft: 1 });
      expect(fake.inputsOf('requestDocument')).toEqual([
        { caseId, staffId: STAFF_ID, version: '0', noteId: 'note-1' },
      ]);
      await eventually(
        () => expect(fake.inputsOf('sendDocumentRequest')).toEqual([{ caseId, noteId: 'note-1' }]),
        15_000,
        25,
      );

      expect(
        await handle.executeUpdate(documentUploadedUpdate, { args: [{ documentId: 'doc-3' }] }),
      ).toMatchObject({ status: 'analysing_document', uploadsLeft: 0 });
      await waitForStatus(handle, 'awaiting_review');
      expect(fake.inputsOf('startReview')).toEqual([
        { caseId, flagged: false },
        { caseId, flagged: false },
      ]);

      await handle.executeUpdate(decideUpdate, { args: [approve] });
      expect(await handle.result()).toBe('completed');
    });
  });

  it('expires a case that waits too long for a confirmation, a code or a document', async () => {
    const expiry = async (
      awaitingStatus: 'awaiting_confirmation' | 'awaiting_email_code' | 'awaiting_document',
    ): Promise<void> => {
      const fake = new FakeRecoveryActivities({
        verification: awaitingStatus === 'awaiting_document' ? 'awaiting_document' : 'awaiting_email_code',
      });
      const durations = {
        awaiting_confirmation: { confirmationExpiryMs: SHORT_MS },
        awaiting_email_code: { emailCodeStageExpiryMs: SHORT_MS },
        awaiting_document: { documentStageExpiryMs: SHORT_MS },
      }[awaitingStatus];
      await withCase(fake, { durations }, async ({ caseId, handle }) => {
        if (awaitingStatus !== 'awaiting_confirmation') {
          expect(await handle.executeUpdate(confirmMailboxUpdate)).toMatchObject({ status: awaitingStatus });
        }
        expect(await handle.result()).toBe('expired');
        expect(fake.inputsOf('expireCase')).toEqual([{ caseId, awaitingStatus }]);
        // The requester is told after the case expired (the activity decides whether to mail).
        expect(fake.names().slice(-2)).toEqual(['expireCase', 'sendExpiry']);
      });
    };
    // Three cases side by side: their timers run at the same time.
    await Promise.all([
      expiry('awaiting_confirmation'),
      expiry('awaiting_email_code'),
      expiry('awaiting_document'),
    ]);
  });

  it('cancels a case waiting for review', async () => {
    const fake = new FakeRecoveryActivities();
    await withCase(fake, {}, async ({ caseId, handle }) => {
      await bringToReview(handle);
      expect(await handle.executeUpdate(cancelCaseUpdate)).toMatchObject({ status: 'cancelled' });
      expect(await handle.result()).toBe('cancelled');
      expect(fake.inputsOf('cancelCase')).toEqual([{ caseId }]);
      expect(fake.names().slice(-2)).toEqual(['cancelCase', 'sendCancellation']);
    });
  });

  it('refuses a cancellation while appointing and once completed', async () => {
    const fake = new FakeRecoveryActivities();
    await withCase(fake, {}, async ({ handle }) => {
      await bringToReview(handle);
      const appointing = fake.hold('appointAdministrator');
      await handle.executeUpdate(decideUpdate, { args: [approve] });
      await appointing.reached;
      await expectRefused(
        handle.executeUpdate(cancelCaseUpdate),
        /can no longer be cancelled \(the case is appointing\)/,
      );

      const mailing = fake.hold('sendAppointmentMails');
      appointing.release();
      await mailing.reached;
      await expectRefused(
        handle.executeUpdate(cancelCaseUpdate),
        /can no longer be cancelled \(the case is completed\)/,
      );
      mailing.release();

      expect(await handle.result()).toBe('completed');
      // The workflow is closed now: the server answers for it.
      await expect(handle.executeUpdate(cancelCaseUpdate)).rejects.toThrow(/already completed/i);
      expect(fake.count('cancelCase')).toBe(0);
    });
  });

  it('returns an objected case to review, flagged, and starts a second cooling-off on approval', async () => {
    const fake = new FakeRecoveryActivities();
    await withCase(fake, { durations: { coolingOffMs: HOUR_MS } }, async ({ caseId, handle }) => {
      await bringToReview(handle);
      expect(await handle.executeUpdate(decideUpdate, { args: [approve] })).toMatchObject({
        status: 'cooling_off',
      });
      expect(
        await handle.executeUpdate(objectionRaisedUpdate, { args: [{ noteId: 'objection-1' }] }),
      ).toMatchObject({ status: 'awaiting_review' });
      expect(fake.inputsOf('recordObjection')).toEqual([{ caseId, noteId: 'objection-1' }]);
      expect(fake.inputsOf('startReview')).toEqual([
        { caseId, flagged: false },
        { caseId, flagged: true },
      ]);

      expect(await handle.executeUpdate(decideUpdate, { args: [approve] })).toMatchObject({
        status: 'cooling_off',
      });
      expect(fake.count('startAppointment')).toBe(0);

      await handle.executeUpdate(cancelCaseUpdate);
      expect(await handle.result()).toBe('cancelled');
      expect(fake.inputsOf('sendCoolingOffNotices')).toEqual([
        { caseId, round: 1, coolingOffMs: HOUR_MS },
        { caseId, round: 2, coolingOffMs: HOUR_MS },
      ]);
      expect(fake.inputsOf('sendObjectionReceived')).toEqual([{ caseId, noteId: 'objection-1' }]);
      expect(stepsOf(fake).slice(-5)).toEqual([
        'approveCase',
        'recordObjection',
        'startReview',
        'approveCase',
        'cancelCase',
      ]);
    });
  });

  it('takes up a kept objection when the appointment is due: review, flagged, nothing appointed', async () => {
    // The api kept an objection it could not hand over (Temporal away at the window's end).
    const fake = new FakeRecoveryActivities({ keptObjections: ['kept-objection'] });
    await withCase(fake, { durations: { coolingOffMs: SHORT_MS } }, async ({ caseId, handle }) => {
      await bringToReview(handle);
      await handle.executeUpdate(decideUpdate, { args: [approve] });
      await eventually(async () => expect((await progressOf(handle)).status).toBe('awaiting_review'));
      expect(fake.inputsOf('recordObjection')).toEqual([{ caseId, noteId: 'kept-objection' }]);
      expect(fake.inputsOf('startReview').at(-1)).toEqual({ caseId, flagged: true });
      await eventually(() =>
        expect(fake.inputsOf('sendObjectionReceived')).toEqual([{ caseId, noteId: 'kept-objection' }]),
      );
      expect(fake.count('appointAdministrator')).toBe(0);

      // Approved again, the next round's appointment finds nothing kept and goes ahead.
      await handle.executeUpdate(decideUpdate, { args: [approve] });
      expect(await handle.result()).toBe('completed');
      expect(fake.count('startAppointment')).toBe(2);
      expect(fake.count('appointAdministrator')).toBe(1);
    });
  });

  it('takes one of two decisions sent at once and refuses the other', async () => {
    const fake = new FakeRecoveryActivities();
    await withCase(fake, {}, async ({ handle }) => {
      await bringToReview(handle);
      const approval = handle.executeUpdate(decideUpdate, { args: [approve] });
      const rejection = handle.executeUpdate(decideUpdate, {
        args: [{ decision: 'reject', staffId: 'staff-2', version: '0', noteId: 'note-1' }],
      });
      const [approved, rejected] = await Promise.allSettled([approval, rejection]);

      expect([approved.status, rejected.status].sort()).toEqual(['fulfilled', 'rejected']);
      const approveWon = approved.status === 'fulfilled';
      // Refused while the other was carried out (the same action twice), or by the state the other left.
      await expectRefused(
        approveWon ? rejection : approval,
        approveWon
          ? /^(Another action on this case is being handled right now|This case does not wait for a decision \(the case is (appointing|completed)\))\./
          : /^(Another action on this case is being handled right now|This case does not wait for a decision \(the case is rejected\))\./,
      );
      expect(fake.count('approveCase') + fake.count('rejectCase')).toBe(1);
      expect(await handle.result()).toBe(approveWon ? 'completed' : 'rejected');
    });
  });

  it('takes one of two new codes asked for at once (a double click) and refuses the other', async () => {
    const fake = new FakeRecoveryActivities({ verification: 'awaiting_email_code' });
    await withCase(fake, {}, async ({ caseId, handle }) => {
      await handle.executeUpdate(confirmMailboxUpdate);
      const issuing = fake.hold('issueEmailCode');
      const first = handle.executeUpdate(resendEmailCodeUpdate);
      await issuing.reached;
      const second = await failureOf(handle.executeUpdate(resendEmailCodeUpdate));
      expect({ type: second.type, message: second.message }).toEqual({ type: UPDATE_REFUSED, message: BUSY });
      issuing.release();
      expect(await first).toMatchObject({ codeResendsLeft: 2 });
      expect(fake.inputsOf('issueEmailCode')).toEqual([
        { caseId, sendNumber: 1 },
        { caseId, sendNumber: 2 },
      ]);
      await handle.executeUpdate(cancelCaseUpdate);
      expect(await handle.result()).toBe('cancelled');
    });
  });

  it('marks a review overdue once when its due time passes, and still takes a decision', async () => {
    const fake = new FakeRecoveryActivities({ reviewDueInMs: SHORT_MS });
    await withCase(fake, {}, async ({ caseId, handle }) => {
      await bringToReview(handle);
      await eventually(() => expect(fake.inputsOf('markReviewOverdue')).toEqual([{ caseId }]), 15_000, 25);
      expect(await progressOf(handle)).toMatchObject({ status: 'awaiting_review' });

      await handle.executeUpdate(decideUpdate, { args: [approve] });
      expect(await handle.result()).toBe('completed');
      expect(fake.count('markReviewOverdue')).toBe(1);
      const names = fake.names();
      expect(names.indexOf('markReviewOverdue')).toBeLessThan(names.indexOf('approveCase'));
    });
  });

  it('retries a failing activity and goes on, the access link without holding up the requester', async () => {
    // Only the first attempt fails: the retry comes after the policy's first interval (1 s), not 1 s + 2 s.
    const fake = new FakeRecoveryActivities().on('sendAccessLink', (_input, attempt) => {
      if (attempt < 2) throw new Error('SMTP server down');
    });
    await withCase(fake, {}, async ({ handle }) => {
      // Carried out at once: whoever confirms has the link, even while its mail is being retried (an attempt
      // that died while sending holds its delivery for minutes, though the mail may be out).
      expect(await handle.executeUpdate(confirmMailboxUpdate)).toMatchObject({
        status: 'awaiting_email_code',
      });
      expect(stepsOf(fake).slice(-2)).toEqual(['confirmMailbox', 'issueEmailCode']);
      // The retry comes a second after the first attempt; the confirmation did not wait for it.
      expect(fake.callsOf('sendAccessLink').map((call) => call.attempt)).toEqual([1]);
      await eventually(() => {
        expect(fake.callsOf('sendAccessLink').map((call) => call.attempt)).toEqual([1, 2]);
      });
      await handle.executeUpdate(cancelCaseUpdate);
      expect(await handle.result()).toBe('cancelled');
    });
  });

  it('fails an approval an activity refuses for good, and keeps the case in review', async () => {
    const fake = new FakeRecoveryActivities().on('approveCase', ({ organisationIds }) => {
      if (organisationIds?.includes('org-of-another-environment')) {
        throw ApplicationFailure.nonRetryable('An organisation is not in this environment', 'invalid_input');
      }
    });
    await withCase(fake, {}, async ({ handle }) => {
      await bringToReview(handle);
      const failure = await failureOf(
        handle.executeUpdate(decideUpdate, {
          args: [{ ...approve, organisationIds: ['org-of-another-environment'] }],
        }),
      );
      expect({ type: failure.type, message: failure.message }).toEqual({
        type: 'invalid_input',
        message: 'An organisation is not in this environment',
      });
      expect(await progressOf(handle)).toMatchObject({ status: 'awaiting_review' });
      expect(fake.callsOf('approveCase').map((call) => call.attempt)).toEqual([1]);

      expect(
        await handle.executeUpdate(decideUpdate, { args: [{ ...approve, organisationIds: ['org-1'] }] }),
      ).toMatchObject({ status: 'appointing' });
      expect(await handle.result()).toBe('completed');
      expect(fake.count('approveCase')).toBe(2);
    });
  });

  describe('validators', () => {
    it('refuse a second confirmation, a decision before review and a code past the resends', async () => {
      const fake = new FakeRecoveryActivities({ verification: 'awaiting_email_code' });
      await withCase(fake, { limits: { maxCodeResends: 1 } }, async ({ handle }) => {
        await expectRefused(
          handle.executeUpdate(decideUpdate, { args: [approve] }),
          /does not wait for a decision \(the case is awaiting confirmation\)/,
        );
        await handle.executeUpdate(confirmMailboxUpdate);
        await expectRefused(
          handle.executeUpdate(confirmMailboxUpdate),
          /does not wait for a confirmation \(the case is awaiting email code\)/,
        );
        expect(await handle.executeUpdate(resendEmailCodeUpdate)).toMatchObject({ codeResendsLeft: 0 });
        await expectRefused(handle.executeUpdate(resendEmailCodeUpdate), /No new code can be sent/);

        expect(fake.count('confirmMailbox')).toBe(1);
        expect(fake.count('issueEmailCode')).toBe(2);
        expect(fake.count('approveCase')).toBe(0);
        await handle.executeUpdate(cancelCaseUpdate);
        expect(await handle.result()).toBe('cancelled');
      });
    });

    it('refuse a verified code while the case waits for a document', async () => {
      const fake = new FakeRecoveryActivities({ verification: 'awaiting_document' });
      await withCase(fake, {}, async ({ handle }) => {
        await handle.executeUpdate(confirmMailboxUpdate);
        await expectRefused(
          handle.executeUpdate(emailCodeVerifiedUpdate),
          /does not wait for a code \(the case is awaiting document\)/,
        );
        expect(fake.count('startReview')).toBe(0);
        await handle.executeUpdate(cancelCaseUpdate);
        expect(await handle.result()).toBe('cancelled');
      });
    });
  });

  it('sends a code when an agent links a case waiting for a document to an environment', async () => {
    const fake = new FakeRecoveryActivities({
      verification: 'awaiting_document',
      linkedHasKnownAddresses: true,
    });
    await withCase(fake, {}, async ({ caseId, handle }) => {
      await handle.executeUpdate(confirmMailboxUpdate);
      expect(
        await handle.executeUpdate(linkEnvironmentUpdate, {
          args: [{ environmentId: 'env-1', staffId: STAFF_ID }],
        }),
      ).toMatchObject({ status: 'awaiting_email_code' });
      expect(fake.inputsOf('linkEnvironment')).toEqual([
        { caseId, environmentId: 'env-1', staffId: STAFF_ID, next: 'awaiting_email_code' },
      ]);
      expect(fake.inputsOf('verificationFacts')).toEqual([{ caseId }, { caseId, environmentId: 'env-1' }]);
      expect(fake.inputsOf('issueEmailCode')).toEqual([{ caseId, sendNumber: 1 }]);
      await handle.executeUpdate(emailCodeVerifiedUpdate);
      await handle.executeUpdate(cancelCaseUpdate);
      expect(await handle.result()).toBe('cancelled');
    });
  });

  describe('answers first, mails after', () => {
    it('answers a confirmation and a new code while their mails are still on their way', async () => {
      const fake = new FakeRecoveryActivities({ verification: 'awaiting_email_code' });
      const mailing = fake.hold('sendEmailCode');
      await withCase(fake, {}, async ({ caseId, handle }) => {
        expect(
          await within(handle.executeUpdate(confirmMailboxUpdate), HANG_MS, 'the confirmation'),
        ).toMatchObject({ status: 'awaiting_email_code', codeResendsLeft: 3 });
        await mailing.reached;
        // The first mail is held: the code is issued and the next action is taken meanwhile.
        expect(fake.inputsOf('issueEmailCode')).toEqual([{ caseId, sendNumber: 1 }]);
        expect(
          await within(handle.executeUpdate(resendEmailCodeUpdate), HANG_MS, 'the new code'),
        ).toMatchObject({ status: 'awaiting_email_code', codeResendsLeft: 2 });
        mailing.release();

        await handle.executeUpdate(cancelCaseUpdate);
        expect(await handle.result()).toBe('cancelled');
        expect(fake.inputsOf('sendEmailCode')).toEqual([
          { caseId, sendNumber: 1 },
          { caseId, sendNumber: 2 },
        ]);
      });
    });

    it('starts no appointment before the cooling-off notices are out', async () => {
      const fake = new FakeRecoveryActivities();
      const mailing = fake.hold('sendCoolingOffNotices');
      await withCase(fake, { durations: { coolingOffMs: SHORT_MS } }, async ({ handle }) => {
        await bringToReview(handle);
        expect(await handle.executeUpdate(decideUpdate, { args: [approve] })).toMatchObject({
          status: 'cooling_off',
        });
        await mailing.reached;
        // Well past the appointment time, the notices still held: the timer waits for them.
        await new Promise((resolve) => setTimeout(resolve, SHORT_MS * 3));
        expect(fake.count('startAppointment')).toBe(0);
        mailing.release();

        expect(await within(handle.result(), HANG_MS, 'the appointed case closing')).toBe('completed');
        expect(fake.count('startAppointment')).toBe(1);
      });
    });

    it('answers a decision sent while the review starts as busy, not refused, and takes it after', async () => {
      const fake = new FakeRecoveryActivities({ verification: 'awaiting_document', usableDocuments: [true] });
      const reviewing = fake.hold('startReview');
      await withCase(fake, {}, async ({ handle }) => {
        await handle.executeUpdate(confirmMailboxUpdate);
        await handle.executeUpdate(documentUploadedUpdate, { args: [{ documentId: 'doc-1' }] });
        // The activity has moved the row to awaiting_review; the workflow has not finished the step.
        await reviewing.reached;
        const failure = await failureOf(handle.executeUpdate(decideUpdate, { args: [approve] }));
        expect({ type: failure.type, message: failure.message }).toEqual({ type: CASE_BUSY, message: BUSY });
        // An action no next state allows is refused at once, busy or not.
        await expectRefused(
          handle.executeUpdate(confirmMailboxUpdate),
          /does not wait for a confirmation \(the case is analysing document\)/,
        );
        reviewing.release();

        await waitForStatus(handle, 'awaiting_review');
        expect(await handle.executeUpdate(decideUpdate, { args: [approve] })).toMatchObject({
          status: 'appointing',
        });
        expect(await handle.result()).toBe('completed');
      });
    });
  });

  describe('actions that arrive while a timer is being handled', () => {
    // The timer's activity runs while the case is still in its waiting state. The validators answer every
    // action meanwhile as busy (the api asks again, and then hears the state the step left), and the
    // timer's step finishes and closes the case.

    it('answers a confirmation that arrives while the case expires', async () => {
      const fake = new FakeRecoveryActivities();
      const expiring = fake.hold('expireCase');
      await withCase(fake, { durations: { confirmationExpiryMs: SHORT_MS } }, async ({ handle }) => {
        await expiring.reached;
        const started = handle.startUpdate(confirmMailboxUpdate, {
          waitForStage: WorkflowUpdateStage.ACCEPTED,
        });
        const answer = Promise.allSettled([started.then((update) => update.result())]);
        await started.catch(() => undefined); // accepted or refused: the validator has run
        expiring.release();

        const [outcome] = await within(answer, HANG_MS, 'the confirmation accepted during the expiry');
        expect(outcome.status).toBe('rejected');
        expect(answerOf(outcome)).toEqual({ type: CASE_BUSY, message: BUSY });
        expect(await within(handle.result(), HANG_MS, 'the expired case closing')).toBe('expired');
        expect(fake.count('confirmMailbox')).toBe(0);
      });
    });

    it('answers an objection that arrives while the appointment starts', async () => {
      const fake = new FakeRecoveryActivities();
      const starting = fake.hold('startAppointment');
      await withCase(fake, { durations: { coolingOffMs: SHORT_MS } }, async ({ handle }) => {
        await bringToReview(handle);
        await handle.executeUpdate(decideUpdate, { args: [approve] });
        await starting.reached;
        const started = handle.startUpdate(objectionRaisedUpdate, {
          args: [{ noteId: 'late-objection' }],
          waitForStage: WorkflowUpdateStage.ACCEPTED,
        });
        const answer = Promise.allSettled([started.then((update) => update.result())]);
        await started.catch(() => undefined); // accepted or refused: the validator has run
        starting.release();

        const [outcome] = await within(
          answer,
          HANG_MS,
          'the objection accepted while the appointment started',
        );
        // Refused: the appointment has begun, and the case completes.
        expect(outcome.status).toBe('rejected');
        expect(answerOf(outcome)).toEqual({ type: CASE_BUSY, message: BUSY });
        expect(await within(handle.result(), HANG_MS, 'the appointed case closing')).toBe('completed');
        expect(fake.count('recordObjection')).toBe(0);
        expect(fake.count('appointAdministrator')).toBe(1);
      });
    });
  });
});
