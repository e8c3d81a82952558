import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import type { CaseStatus } from '@app/domain';
import { caseProgressQuery, recoveryWorkflowId } from '@app/workflows/recovery.messages';
import { objectionTokenIn } from '../../tools/mail-catcher/mail-contents';
import { caseWithBrokenAppointment } from '../support/attention-case';
import { caseIdOf, caseSettledAfter } from '../support/case-settled';
import { openTestDatabase } from '../support/database';
import { newEnvironment, uniqueKvkNumber, type TestEnvironment } from '../support/directory';
import { eventually } from '../support/eventually';
import { caseAwaitingDocument, documentSettled, extractOf, REQUESTER_NAME } from '../support/extract-case';
import { newRecoveryRequest } from '../support/factories';
import { requestJson } from '../support/http-client';
import { codeFrom, decide, requesterAction, staffPost, uploadDocument } from '../support/recovery-flow';
import { submitAndOpenMail, type AccessLink } from '../support/requester';
import { newStaff, signIn, type TestStaff } from '../support/staff';
import { plainPdf } from '../support/test-pdfs';
import { startTestService, type TestService } from '../support/test-service';
import {
  addressesIn,
  HISTORIES_DIR,
  payloadTextsOf,
  RECORDED_PATHS,
  type RecordedPath,
} from './history-fixtures';
import { historyToJson } from './history-json';

// Records the history of every path of the recovery workflow, driven end to end through the real api,
// worker, PostgreSQL, SMTP and Temporal, into test/workflows/histories/ (one JSON file per path), for the
// replay test. Not part of `npm test`: run it on purpose, with `npm run workflow:record-histories`, and
// `KEEP_HISTORIES_AS=<folder>` to keep the current files in histories/<folder>/ first (the README says when).

/** The reason an agent or an objector types: it stays in PostgreSQL, never in a history. */
const REASON = 'A reason that must never reach Temporal.';

let db: DataSource;
let agent: TestStaff;
const recorded = new Set<RecordedPath>();

// Before anything starts: a bad name stops the run at once.
keepCurrentHistories(process.env.KEEP_HISTORIES_AS);

beforeAll(async () => {
  db = await openTestDatabase();
  agent = await newStaff(db, { role: 'agent' });
  // The overdue reminder goes to every active manager.
  await newStaff(db, { role: 'manager' });
});

afterAll(async () => {
  await db.destroy();
});

/** Copies the current recording into `histories/<name>/`, for as long as cases of that version run. */
function keepCurrentHistories(name: string | undefined): void {
  if (!name) return;
  if (!/^[A-Za-z0-9][A-Za-z0-9.-]*$/.test(name)) {
    throw new Error(
      `KEEP_HISTORIES_AS must be a folder name (before-<change-id>, or the old workflow type), not "${name}"`,
    );
  }
  const target = join(HISTORIES_DIR, name);
  if (existsSync(target)) throw new Error(`${target} exists already: choose another name`);
  mkdirSync(target);
  for (const file of readdirSync(HISTORIES_DIR).filter((entry) => entry.endsWith('.json'))) {
    copyFileSync(join(HISTORIES_DIR, file), join(target, file));
  }
}

interface RunningService {
  service: TestService;
  agentToken: string;
}

/** The whole service with these settings, started for the paths of one `describe`. */
function serviceWith(env: NodeJS.ProcessEnv): () => RunningService {
  let running: RunningService | undefined;
  beforeAll(async () => {
    const service = await startTestService(env);
    running = { service, agentToken: await signIn(service.baseUrl, agent) };
  });
  afterAll(async () => {
    await running?.service.close();
  });
  return () => {
    if (!running) throw new Error('the service has not started');
    return running;
  };
}

/**
 * The history without the recording machine's names: every `identity` and sticky task queue is
 * `<pid>@<host name>`. Replay reads neither.
 */
function withoutMachineNames(json: unknown): unknown {
  if (Array.isArray(json)) return json.map(withoutMachineNames);
  if (typeof json !== 'object' || json === null) return json;
  const sticky = 'kind' in json && json.kind === 'TASK_QUEUE_KIND_STICKY';
  return Object.fromEntries(
    Object.entries(json).map(([key, value]) => {
      if (key === 'identity' && typeof value === 'string') return [key, 'recorder'];
      if (key === 'name' && sticky) return [key, 'recorder-sticky'];
      return [key, withoutMachineNames(value)];
    }),
  );
}

/**
 * Waits for the case's workflow to end in the path's status, and saves its history, once it is shown to
 * carry none of `personal` (names, addresses, reasons of this case) and no mail address at all.
 */
async function recordHistory(
  service: TestService,
  reference: string,
  path: RecordedPath,
  personal: readonly string[],
): Promise<void> {
  const handle = service.temporalClient.workflow.getHandle(recoveryWorkflowId(await caseIdOf(db, reference)));
  expect(await handle.result()).toBe(RECORDED_PATHS[path]);
  const json = withoutMachineNames(historyToJson(await handle.fetchHistory()));
  const texts = [JSON.stringify(json), ...payloadTextsOf(json)];
  const found = [...personal, REASON].filter((value) => texts.some((text) => text.includes(value)));
  expect([path, found, addressesIn(texts)]).toEqual([path, [], []]);

  mkdirSync(HISTORIES_DIR, { recursive: true });
  const file = join(HISTORIES_DIR, `${path}.json`);
  writeFileSync(file, JSON.stringify(json));
  // As `npm run format:check` wants it. Prettier's API needs ES modules, which Jest runs without here.
  execFileSync(process.execPath, [
    require.resolve('prettier/bin/prettier.cjs'),
    '--log-level=warn',
    '--write',
    file,
  ]);
  recorded.add(path);
}

/**
 * Waits until the case's workflow itself is in `status`: after a step of its own (an extract read, an
 * objection) the database can show the new state a moment before the workflow takes actions in it.
 */
function workflowReaches(service: TestService, reference: string, status: CaseStatus): Promise<void> {
  return eventually(async () => {
    const handle = service.temporalClient.workflow.getHandle(
      recoveryWorkflowId(await caseIdOf(db, reference)),
    );
    expect((await handle.query(caseProgressQuery)).status).toBe(status);
  }, 20_000);
}

/** What of a request and its environment must never be in a history. */
function personalDataOf(request: Record<string, unknown>, directory?: TestEnvironment): string[] {
  return [
    String(request.requesterEmail),
    String(request.requesterName),
    String(request.companyName),
    ...(directory
      ? [
          directory.environment.name,
          directory.environment.contactEmail,
          ...directory.organisations.map((organisation) => organisation.name),
          ...directory.users.flatMap((user) => [user.name, user.email]),
        ]
      : []),
  ];
}

/** An orphaned environment: its only administrator deactivated, two organisations, one active user. */
function orphanedEnvironment(): Promise<TestEnvironment> {
  return newEnvironment(db, {
    organisations: 2,
    users: [{ role: 'administrator', status: 'deactivated' }, { role: 'user' }],
  });
}

interface EmailCase {
  link: AccessLink;
  request: Record<string, unknown>;
  directory: TestEnvironment;
}

/** An email-method case, confirmed: its code is mailed to the environment's known addresses. */
async function emailCaseAwaitingCode(service: TestService): Promise<EmailCase> {
  const directory = await orphanedEnvironment();
  const request = newRecoveryRequest({ method: 'email', kvkNumber: directory.organisations[0]?.kvkNumber });
  const link = await submitAndOpenMail(service, request);
  const confirmed = await requesterAction(service, link, 'confirm');
  expect(confirmed.body.status).toBe('awaiting_email_code');
  return { link, request, directory };
}

/** The codes mailed for the case to the environment's contact address, oldest first. */
function codesMailed(service: TestService, { link, directory }: EmailCase): string[] {
  return service.mail.mails
    .filter((m) => m.subject.includes(link.reference) && m.to.includes(directory.environment.contactEmail))
    .map(codeFrom);
}

/** An email-method case whose code was entered: it waits for an agent. */
async function emailCaseInReview(service: TestService): Promise<EmailCase> {
  const kase = await emailCaseAwaitingCode(service);
  const [code] = await eventually(() => {
    expect(codesMailed(service, kase)).toHaveLength(1);
    return codesMailed(service, kase);
  });
  const entered = await requesterAction(service, kase.link, 'email-code', { code });
  expect(entered.body.status).toBe('awaiting_review');
  return kase;
}

describe('recording the recovery workflow histories', () => {
  describe('without cooling-off', () => {
    const running = serviceWith({ RECOVERY_COOLING_OFF: '0' });

    it('extract-approved', async () => {
      const { service, agentToken } = running();
      const kase = await caseAwaitingDocument(service, db);
      const [organisation] = kase.organisations;
      expect((await uploadDocument(service, kase.link, await extractOf(organisation!))).status).toBe(202);
      await workflowReaches(service, kase.link.reference, 'awaiting_review');
      expect((await decide(service, agentToken, kase.link.reference, { decision: 'approve' })).status).toBe(
        200,
      );
      await recordHistory(
        service,
        kase.link.reference,
        'extract-approved',
        personalDataOf(kase.request, kase),
      );
    });

    it('unusable-document', async () => {
      const { service, agentToken } = running();
      const kase = await caseAwaitingDocument(service, db);
      const [organisation] = kase.organisations;
      expect((await uploadDocument(service, kase.link, await plainPdf('Invoice 2024-001'))).status).toBe(202);
      expect((await documentSettled(service, kase.link, 1)).latestDocument?.status).toBe('refused');
      expect((await uploadDocument(service, kase.link, await extractOf(organisation!))).status).toBe(202);
      await workflowReaches(service, kase.link.reference, 'awaiting_review');
      expect((await decide(service, agentToken, kase.link.reference, { decision: 'approve' })).status).toBe(
        200,
      );
      await recordHistory(
        service,
        kase.link.reference,
        'unusable-document',
        personalDataOf(kase.request, kase),
      );
    });

    it('new-document-requested', async () => {
      const { service, agentToken } = running();
      const kase = await caseAwaitingDocument(service, db);
      const [organisation] = kase.organisations;
      expect((await uploadDocument(service, kase.link, await extractOf(organisation!))).status).toBe(202);
      await workflowReaches(service, kase.link.reference, 'awaiting_review');
      const requested = await decide(service, agentToken, kase.link.reference, {
        decision: 'request_document',
        reason: REASON,
      });
      expect(requested.body.status).toBe('awaiting_document');
      expect((await uploadDocument(service, kase.link, await extractOf(organisation!))).status).toBe(202);
      await workflowReaches(service, kase.link.reference, 'awaiting_review');
      expect((await decide(service, agentToken, kase.link.reference, { decision: 'approve' })).status).toBe(
        200,
      );
      await recordHistory(
        service,
        kase.link.reference,
        'new-document-requested',
        personalDataOf(kase.request, kase),
      );
    });

    it('staff-link', async () => {
      const { service, agentToken } = running();
      // A KvK number no environment has: nothing matches, so the case asks for an extract at first.
      const request = newRecoveryRequest({ method: 'email', kvkNumber: uniqueKvkNumber() });
      const link = await submitAndOpenMail(service, request);
      expect((await requesterAction(service, link, 'confirm')).body.status).toBe('awaiting_document');
      const directory = await orphanedEnvironment();
      const linked = await staffPost<{ status: string }>(
        service,
        agentToken,
        `/api/cases/${link.reference}/environment`,
        { environmentId: directory.environment.id },
      );
      expect(linked.body.status).toBe('awaiting_email_code');
      const codeMail = await service.mail.waitForMail(
        (m) => m.subject.includes(link.reference) && m.to.includes(directory.environment.contactEmail),
      );
      const entered = await requesterAction(service, link, 'email-code', { code: codeFrom(codeMail) });
      expect(entered.body.status).toBe('awaiting_review');
      expect((await decide(service, agentToken, link.reference, { decision: 'approve' })).status).toBe(200);
      await recordHistory(service, link.reference, 'staff-link', personalDataOf(request, directory));
    });

    it('staff-link-extract', async () => {
      const { service, agentToken } = running();
      const company = { kvkNumber: uniqueKvkNumber(), name: 'Unknown Here B.V.' };
      const request = newRecoveryRequest({
        method: 'chamber_extract',
        requesterName: REQUESTER_NAME,
        kvkNumber: company.kvkNumber,
        companyName: company.name,
      });
      const link = await submitAndOpenMail(service, request);
      expect((await requesterAction(service, link, 'confirm')).body.status).toBe('awaiting_document');
      const directory = await orphanedEnvironment();
      const linked = await staffPost<{ status: string }>(
        service,
        agentToken,
        `/api/cases/${link.reference}/environment`,
        { environmentId: directory.environment.id },
      );
      expect(linked.body.status).toBe('awaiting_document');
      expect((await uploadDocument(service, link, await extractOf(company))).status).toBe(202);
      await workflowReaches(service, link.reference, 'awaiting_review');
      const approved = await decide(service, agentToken, link.reference, {
        decision: 'approve',
        organisationIds: [directory.organisations[0]?.id],
      });
      expect(approved.status).toBe(200);
      await recordHistory(service, link.reference, 'staff-link-extract', personalDataOf(request, directory));
    });
  });

  describe('with a cooling-off of seconds', () => {
    const running = serviceWith({ RECOVERY_COOLING_OFF: 'PT2S' });

    it('email-approved', async () => {
      const { service, agentToken } = running();
      const kase = await emailCaseAwaitingCode(service);
      await eventually(() => expect(codesMailed(service, kase)).toHaveLength(1));
      expect((await requesterAction(service, kase.link, 'email-code/resend')).status).toBe(200);
      // The second code replaces the first.
      const codes = await eventually(() => {
        expect(codesMailed(service, kase)).toHaveLength(2);
        return codesMailed(service, kase);
      });
      const entered = await requesterAction(service, kase.link, 'email-code', { code: codes[1] });
      expect(entered.body.status).toBe('awaiting_review');
      const approved = await decide(service, agentToken, kase.link.reference, { decision: 'approve' });
      expect(approved.body.status).toBe('cooling_off');
      await recordHistory(
        service,
        kase.link.reference,
        'email-approved',
        personalDataOf(kase.request, kase.directory),
      );
    });

    it('needs-attention-retried', async () => {
      const { service, agentToken } = running();
      const broken = await caseWithBrokenAppointment(service, db, agentToken);
      const remaining = broken.directory.organisations[1]?.id;
      const retried = await staffPost(service, agentToken, `/api/cases/${broken.link.reference}/retry`, {
        organisationIds: [remaining],
      });
      expect(retried.status).toBe(200);
      await recordHistory(
        service,
        broken.link.reference,
        'needs-attention-retried',
        personalDataOf(broken.request, broken.directory),
      );
    });
  });

  describe('with a cooling-off of an hour', () => {
    const running = serviceWith({ RECOVERY_COOLING_OFF: 'PT1H' });

    it('rejected', async () => {
      const { service, agentToken } = running();
      const kase = await emailCaseInReview(service);
      const rejected = await decide(service, agentToken, kase.link.reference, {
        decision: 'reject',
        reason: REASON,
      });
      expect(rejected.body.status).toBe('rejected');
      await recordHistory(
        service,
        kase.link.reference,
        'rejected',
        personalDataOf(kase.request, kase.directory),
      );
    });

    it('objection', async () => {
      const { service, agentToken } = running();
      const kase = await emailCaseInReview(service);
      const approved = await decide(service, agentToken, kase.link.reference, { decision: 'approve' });
      expect(approved.body.status).toBe('cooling_off');
      const colleague = kase.directory.users[1]?.email ?? '-';
      const notice = await service.mail.waitForMail(
        (m) => m.to.includes(colleague) && m.text.includes('/objections/'),
      );
      const objected = await requestJson(
        service.baseUrl,
        'POST',
        `/api/objections/${objectionTokenIn(notice)}`,
        {
          body: { reason: REASON },
        },
      );
      expect(objected.status).toBe(202);
      await workflowReaches(service, kase.link.reference, 'awaiting_review');
      const rejected = await decide(service, agentToken, kase.link.reference, {
        decision: 'reject',
        reason: REASON,
      });
      expect(rejected.body.status).toBe('rejected');
      await recordHistory(
        service,
        kase.link.reference,
        'objection',
        personalDataOf(kase.request, kase.directory),
      );
    });

    it('cancelled', async () => {
      const { service } = running();
      const kase = await emailCaseAwaitingCode(service);
      expect((await requesterAction(service, kase.link, 'cancel')).body.status).toBe('cancelled');
      await recordHistory(
        service,
        kase.link.reference,
        'cancelled',
        personalDataOf(kase.request, kase.directory),
      );
    });
  });

  describe('with a review SLA of seconds', () => {
    const running = serviceWith({
      RECOVERY_COOLING_OFF: 'PT1H',
      REVIEW_SLA: 'PT2S',
      // Always working time, so that the SLA runs out in seconds whatever the day.
      REVIEW_WORKING_DAYS: '1-7',
      REVIEW_WORKING_HOURS: '00:00-24:00',
    });

    it('review-overdue', async () => {
      const { service, agentToken } = running();
      const kase = await emailCaseInReview(service);
      await caseSettledAfter(service, db, kase.link.reference, 'review_overdue');
      const rejected = await decide(service, agentToken, kase.link.reference, {
        decision: 'reject',
        reason: REASON,
      });
      expect(rejected.body.status).toBe('rejected');
      await recordHistory(
        service,
        kase.link.reference,
        'review-overdue',
        personalDataOf(kase.request, kase.directory),
      );
    });
  });

  describe('with a confirmation window of seconds', () => {
    const running = serviceWith({ RECOVERY_CONFIRMATION_EXPIRY: 'PT2S' });

    it('expired-awaiting-confirmation', async () => {
      const { service } = running();
      const request = newRecoveryRequest();
      const link = await submitAndOpenMail(service, request);
      await recordHistory(service, link.reference, 'expired-awaiting-confirmation', personalDataOf(request));
    });
  });

  describe('with verification windows of seconds', () => {
    const running = serviceWith({ RECOVERY_EMAIL_CODE_WINDOW: 'PT2S', RECOVERY_DOCUMENT_WINDOW: 'PT2S' });

    it('expired-awaiting-email-code', async () => {
      const { service } = running();
      const kase = await emailCaseAwaitingCode(service);
      await recordHistory(
        service,
        kase.link.reference,
        'expired-awaiting-email-code',
        personalDataOf(kase.request, kase.directory),
      );
    });

    it('expired-awaiting-document', async () => {
      const { service } = running();
      const kase = await caseAwaitingDocument(service, db);
      await recordHistory(
        service,
        kase.link.reference,
        'expired-awaiting-document',
        personalDataOf(kase.request, kase),
      );
    });
  });

  it('has recorded every path', () => {
    expect([...recorded].sort()).toEqual(Object.keys(RECORDED_PATHS).sort());
  });
});
