import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { DataSource } from 'typeorm';
import { ObjectionTokenRepository } from '@app/persistence';
import { randomToken, SecretHasher } from '@app/secrets';
import { recoveryWorkflowId } from '@app/workflows/recovery.messages';
import { objectionTokenIn } from '../../tools/mail-catcher/mail-contents';
import { caseIdOf } from '../support/case-settled';
import { newCase } from '../support/cases';
import { openScratchDatabase, openTestDatabase } from '../support/database';
import { newEnvironment } from '../support/directory';
import { eventually } from '../support/eventually';
import { caseAwaitingDocument, documentSettled, extractOf, storedDocuments } from '../support/extract-case';
import { newRecoveryRequest } from '../support/factories';
import { bearer, requestJson, type JsonResponse } from '../support/http-client';
import { codeFrom, decide, requesterAction, uploadDocument } from '../support/recovery-flow';
import { submitAndOpenMail, type AccessLink } from '../support/requester';
import { newStaff, signIn } from '../support/staff';
import { plainPdf } from '../support/test-pdfs';
import { testConfig, unreachableTemporal } from '../support/test-config';
import { startApi, startTestService, type TestService } from '../support/test-service';

/** An error answer of the api: the stable `code` is what programs read. */
interface ErrorAnswer {
  statusCode: number;
  code: string;
  message: string;
}

/** The notes kept for a case, by kind and body: what a refused command must not leave behind. */
const notesOf = (db: DataSource, caseId: string): Promise<{ kind: string; body: string }[]> =>
  db.query('SELECT kind, body FROM case_notes WHERE case_id = $1 ORDER BY created_at', [caseId]);

/** When the objection link with this hash was used; null while it can still be used. */
async function linkUsedAt(db: DataSource, tokenHash: Buffer): Promise<Date | null> {
  const [link] = await db.query<{ used_at: Date | null }[]>(
    'SELECT used_at FROM objection_tokens WHERE token_hash = $1',
    [tokenHash],
  );
  if (!link) throw new Error('no such objection link');
  return link.used_at;
}

describe('a case command the workflow does not take leaves nothing behind', () => {
  describe('refused by the workflow', () => {
    let service: TestService;
    let db: DataSource;
    let agentToken: string;

    beforeAll(async () => {
      // One upload per case, so that the second is refused by the workflow (the api's own check passes it).
      // Long windows: no timer fires while a test runs.
      [service, db] = await Promise.all([
        startTestService({ DOCUMENT_MAX_UPLOADS: '1', RECOVERY_COOLING_OFF: 'PT1H', REVIEW_SLA: 'PT8H' }),
        openTestDatabase(),
      ]);
      agentToken = await signIn(service.baseUrl, await newStaff(db, { role: 'agent' }));
    });

    afterAll(async () => {
      await service.close();
      await db.destroy();
    });

    /** An email-method case of an orphaned environment (one active user), its code entered: in review. */
    async function caseInReview(): Promise<{ link: AccessLink; userEmail: string; contactEmail: string }> {
      const { environment, organisations, users } = await newEnvironment(db, {
        organisations: 1,
        users: [{ role: 'administrator', status: 'deactivated' }, { role: 'user' }],
      });
      const link = await submitAndOpenMail(
        service,
        newRecoveryRequest({ method: 'email', kvkNumber: organisations[0]?.kvkNumber }),
      );
      expect((await requesterAction(service, link, 'confirm')).status).toBe(200);
      const mail = await service.mail.waitForMail(
        (m) => m.subject.includes(link.reference) && m.to.includes(environment.contactEmail),
      );
      const entered = await requesterAction(service, link, 'email-code', { code: codeFrom(mail) });
      expect(entered.body.status).toBe('awaiting_review');
      return { link, userEmail: users[1]?.email ?? '', contactEmail: environment.contactEmail };
    }

    it('a decision on a case that moved on: 409 invalid_state, and its reason is not kept', async () => {
      const { link } = await caseInReview();
      const caseId = await caseIdOf(db, link.reference);
      const rejected = await decide(service, agentToken, link.reference, {
        decision: 'reject',
        reason: 'The requester is not an officer.',
      });
      expect(rejected.status).toBe(200);

      const late = await decide(service, agentToken, link.reference, {
        decision: 'request_document',
        reason: 'Please send an extract.',
      });
      expect(late).toMatchObject({ status: 409, body: { code: 'invalid_state' } });
      expect(await notesOf(db, caseId)).toEqual([
        { kind: 'rejection_reason', body: 'The requester is not an officer.' },
      ]);
    });

    it('an upload when none is left: 409 invalid_state, and the file is not stored', async () => {
      const kase = await caseAwaitingDocument(service, db);
      const notAnExtract = await plainPdf('Dear Sir or Madam,\nThank you for your letter.');
      expect((await uploadDocument(service, kase.link, notAnExtract)).status).toBe(202);
      const refused = await documentSettled(service, kase.link, 1);
      expect(refused).toMatchObject({ status: 'awaiting_document', allowances: { uploadsLeft: 0 } });

      const [organisation] = kase.organisations;
      if (!organisation) throw new Error('no organisation');
      const second = await uploadDocument(service, kase.link, await extractOf(organisation));
      expect(second).toMatchObject({ status: 409, body: { code: 'invalid_state' } });
      expect(second.body.message).toMatch(/No more documents can be uploaded/);
      expect(await storedDocuments(db, kase.link.reference)).toEqual([
        { sequence: 1, status: 'refused', refusal_reason: 'not_an_extract' },
      ]);
    });

    it('an objection while another one is handled: 409 invalid_state, no reason kept, its link usable again', async () => {
      const { link, userEmail, contactEmail } = await caseInReview();
      const caseId = await caseIdOf(db, link.reference);
      expect((await decide(service, agentToken, link.reference, { decision: 'approve' })).status).toBe(200);
      const [first, second] = await Promise.all(
        [userEmail, contactEmail].map(async (address) => {
          const notice = await service.mail.waitForMail(
            (m) => m.to.includes(address) && m.text.includes('/objections/'),
          );
          return objectionTokenIn(notice);
        }),
      );
      if (!first || !second) throw new Error('no objection link in a notice');
      const secondHash = service.api.get(SecretHasher).hash('objection_token', second);

      // The first objection's step waits for the case row: the workflow has taken it and takes no other.
      const runner = db.createQueryRunner();
      await runner.connect();
      await runner.startTransaction();
      let firstAnswer: Promise<JsonResponse> | undefined;
      try {
        await runner.query('SELECT id FROM recovery_cases WHERE id = $1 FOR NO KEY UPDATE', [caseId]);
        firstAnswer = requestJson(service.baseUrl, 'POST', `/api/objections/${first}`, {
          body: { reason: 'Our administrator is on holiday.' },
        });
        const workflow = service.temporalClient.workflow.getHandle(recoveryWorkflowId(caseId));
        await eventually(async () => {
          const { raw } = await workflow.describe();
          expect(raw.pendingActivities?.map((a) => a.activityType?.name)).toContain('recordObjection');
        }, 15_000);

        const refused = await requestJson<ErrorAnswer>(service.baseUrl, 'POST', `/api/objections/${second}`, {
          body: { reason: 'We did not ask for this.' },
        });
        expect(refused).toMatchObject({ status: 409, body: { code: 'invalid_state' } });
        expect(refused.body.message).toMatch(/Another action on this case is being handled/);
        // Looked at before the first objection goes on (it retires every other link of the case).
        expect(await notesOf(db, caseId)).toEqual([
          { kind: 'objection_reason', body: 'Our administrator is on holiday.' },
        ]);
        expect(await linkUsedAt(db, secondHash)).toBeNull();
      } finally {
        await runner.commitTransaction();
        await runner.release();
      }
      expect((await firstAnswer).status).toBe(202);
    });
  });

  describe('with Temporal away', () => {
    // A database of its own: nothing but this api writes to it, so every row it keeps is counted exactly.
    let scratch: Awaited<ReturnType<typeof openScratchDatabase>>;
    let db: DataSource;
    let api: NestFastifyApplication;
    let baseUrl: string;

    beforeAll(async () => {
      scratch = await openScratchDatabase('case_commands');
      db = scratch.db;
      ({ api, baseUrl } = await startApi(
        testConfig({ ...(await unreachableTemporal()), DATABASE_URL: scratch.url }),
      ));
    });

    afterAll(async () => {
      await api.close();
      await scratch.drop();
    });

    /** Rows of every table an intake writes to. */
    const intakeRows = async (): Promise<Record<string, number>> => {
      const [counts] = await db.query<Record<string, number>[]>(
        `SELECT (SELECT count(*)::int FROM recovery_cases) AS cases,
                (SELECT count(*)::int FROM case_events) AS events,
                (SELECT count(*)::int FROM pending_secrets) AS pending_secrets,
                (SELECT count(*)::int FROM intake_idempotency_keys) AS idempotency_keys`,
      );
      if (!counts) throw new Error('no counts');
      return counts;
    };

    it('an intake: 503 unavailable, and no case, event, sealed link or Idempotency-Key is kept', async () => {
      const before = await intakeRows();
      const request = newRecoveryRequest();
      const answer = await requestJson<ErrorAnswer>(baseUrl, 'POST', '/api/recovery-requests', {
        body: request,
        headers: { 'idempotency-key': `case-commands-${randomToken()}` },
      });
      expect(answer).toMatchObject({ status: 503, body: { code: 'unavailable' } });
      expect(await intakeRows()).toEqual(before);
    });

    it('a rejection: 503 unavailable, and its reason kept, since the workflow may still take the decision', async () => {
      const kase = await newCase(db, { status: 'awaiting_review' });
      const token = await signIn(baseUrl, await newStaff(db, { role: 'agent' }));
      const answer = await requestJson<ErrorAnswer>(
        baseUrl,
        'POST',
        `/api/cases/${kase.reference}/decision`,
        {
          headers: bearer(token),
          body: { decision: 'reject', reason: 'The extract names someone else.', version: '0' },
        },
      );
      expect(answer).toMatchObject({ status: 503, body: { code: 'unavailable' } });
      expect(await notesOf(db, kase.id)).toEqual([
        { kind: 'rejection_reason', body: 'The extract names someone else.' },
      ]);
    });

    it('an objection: kept for the workflow to take up before the appointment (202), its link used', async () => {
      const kase = await newCase(db, { status: 'cooling_off', appointAt: new Date(Date.now() + 3_600_000) });
      const token = randomToken();
      const tokenHash = api.get(SecretHasher).hash('objection_token', token);
      await new ObjectionTokenRepository(db).insertAll([
        { tokenHash, caseId: kase.id, round: 1, recipientEmail: 'colleague@env.example' },
      ]);
      const answer = await requestJson<ErrorAnswer>(baseUrl, 'POST', `/api/objections/${token}`, {
        body: { reason: 'Our administrator is on holiday.' },
      });
      // The one command kept: the appointment must not run over an objection made within its window
      // (test/e2e/objection-kept.test.ts follows one to the workflow).
      expect(answer.status).toBe(202);
      expect(await notesOf(db, kase.id)).toEqual([
        { kind: 'objection_reason', body: 'Our administrator is on holiday.' },
      ]);
      expect(await linkUsedAt(db, tokenHash)).not.toBeNull();
    });
  });
});
