import { setTimeout as sleep } from 'node:timers/promises';
import { ApplicationFailure } from '@temporalio/common';
import type { DataSource } from 'typeorm';
import { caseVersion, type CaseEventType, type VersionedEvent } from '@app/domain';
import {
  CaseNoteRepository,
  ObjectionTokenRepository,
  PendingSecretRepository,
  StaffAccountRepository,
  type CaseEntity,
  type CaseNoteEntity,
} from '@app/persistence';
import { randomBytes, SecretHasher } from '@app/secrets';
import type { WorkerActivities } from '@app/workflows/activities.contract';
import type { CapturedMail } from '../../tools/mail-catcher/captured-mail';
import { accessLinkIn, codeIn, objectionTokenIn } from '../../tools/mail-catcher/mail-contents';
import { addCaseDocument, caseWithSealedLink, newCase } from '../support/cases';
import { openTestDatabase } from '../support/database';
import { newEnvironment, uniqueKvkNumber, type TestEnvironment } from '../support/directory';
import { extractOf, REQUESTER_NAME } from '../support/extract-case';
import { newStaff, type TestStaff } from '../support/staff';
import {
  lastMailId,
  mailsAfter,
  startWorkerActivities,
  type WorkerActivitiesContext,
} from '../support/worker-activities';

// Temporal runs an activity again after a crash between its commit and its acknowledgement, and may run it
// twice at once when an attempt outlives its timeout. Every activity the worker registers, on the real
// database and SMTP server: run twice in a row, and (on a fresh case) twice at the same moment, it must do
// its work once and answer the same. Every mail goes through the mail deliveries: one row per mail and
// recipient, sent once.

/** One activity, set up on a fresh case, ready to be attempted as often as a test likes. */
interface Attempts {
  /** One attempt, with the input the workflow gives it (the same at every retry). */
  run(): Promise<unknown>;
  /** The case whose trail it writes (none for the invitation, which is about a user). */
  caseId?: string;
  /** Everyone it mails. */
  recipients: string[];
  /** The rows it writes besides the trail, by what they are; each list must have `rowCounts` entries. */
  rows?(): Promise<Record<string, unknown[]>>;
  rowCounts?: Record<string, number>;
  /** What one attempt answers, when it is known before. */
  answer?: unknown;
  /** More to check once the attempts are over: what the mails carry, say. */
  check?(mails: CapturedMail[]): Promise<void>;
}

interface RetryRow {
  activity: keyof WorkerActivities;
  /** The situation, when an activity has rows for more than one. */
  situation?: string;
  /** The events one attempt writes on the case's trail (once each, whatever the number of attempts). */
  writes: CaseEventType[];
  prepare(): Promise<Attempts>;
}

const HOUR_MS = 3_600_000;

let context: WorkerActivitiesContext;
let db: DataSource;
let agent: TestStaff;
let activities: WorkerActivities;

/** An orphaned environment: its administrator deactivated (still a known address), one active user. */
function orphanedEnvironment(): Promise<TestEnvironment> {
  return newEnvironment(db, {
    organisations: 2,
    users: [{ role: 'administrator', status: 'deactivated' }, { role: 'user' }],
  });
}

function first<T>(list: readonly T[], what: string): T {
  const [item] = list;
  if (item === undefined) throw new Error(`no ${what}`);
  return item;
}

/** A case of an orphaned environment, matched by the KvK number of its first organisation. */
async function matchedCase(overrides: Partial<CaseEntity>): Promise<{ kase: CaseEntity } & TestEnvironment> {
  const environment = await orphanedEnvironment();
  const organisation = first(environment.organisations, 'organisation');
  const kase = await newCase(db, {
    environmentId: environment.environment.id,
    matchKind: 'kvk_number',
    matchedOrganisationIds: [organisation.id],
    kvkNumber: organisation.kvkNumber,
    companyName: organisation.name,
    ...overrides,
  });
  return { kase, ...environment };
}

function noteOf(kase: CaseEntity, kind: CaseNoteEntity['kind']): Promise<CaseNoteEntity> {
  return new CaseNoteRepository(db).insert({
    caseId: kase.id,
    kind,
    body: `Reason ${kind} for ${kase.reference}`,
    authorType: kind === 'objection_reason' ? 'environment_user' : 'agent',
    authorId: kind === 'objection_reason' ? null : agent.id,
  });
}

const rowsOf = (sql: string, ...params: unknown[]): Promise<unknown[]> => db.query<unknown[]>(sql, params);

/** The case's version as its page gives it to the agent. */
async function versionOf(caseId: string): Promise<string> {
  const events = await db.query<VersionedEvent[]>('SELECT id, type FROM case_events WHERE case_id = $1', [
    caseId,
  ]);
  return caseVersion(events);
}

/** An agent's decision that carries a reason (a note); the mail that tells it is an activity of its own. */
function decisionWithReason(
  activity: 'rejectCase' | 'requestDocument',
  kind: CaseNoteEntity['kind'],
  event: CaseEventType,
): RetryRow {
  return {
    activity,
    writes: [event],
    async prepare() {
      const { kase } = await matchedCase({ status: 'awaiting_review' });
      const note = await noteOf(kase, kind);
      const version = await versionOf(kase.id);
      return {
        caseId: kase.id,
        recipients: [],
        run: () => activities[activity]({ caseId: kase.id, staffId: agent.id, version, noteId: note.id }),
      };
    },
  };
}

/** The mail that tells the requester an agent's decision and its reason. */
function decisionMail(
  activity: 'sendRejection' | 'sendDocumentRequest',
  status: 'rejected' | 'awaiting_document',
  kind: CaseNoteEntity['kind'],
): RetryRow {
  return {
    activity,
    writes: [],
    async prepare() {
      const { kase } = await matchedCase({ status });
      const note = await noteOf(kase, kind);
      return {
        caseId: kase.id,
        recipients: [kase.requesterEmail],
        run: () => activities[activity]({ caseId: kase.id, noteId: note.id }),
        async check(mails) {
          for (const mail of mails) expect(mail.text).toContain(note.body);
        },
      };
    },
  };
}

const ROWS: RetryRow[] = [
  {
    activity: 'verificationFacts',
    situation: 'the email method, with addresses known for the environment',
    writes: [],
    async prepare() {
      const { kase } = await matchedCase({ status: 'awaiting_confirmation', method: 'email' });
      return {
        caseId: kase.id,
        recipients: [],
        answer: { method: 'email', knownAddressesExist: true, documentsUploaded: 0 },
        run: () => activities.verificationFacts({ caseId: kase.id }),
      };
    },
  },
  {
    activity: 'verificationFacts',
    situation: 'an environment an agent is about to link, a case without one',
    writes: [],
    async prepare() {
      const { environment } = await orphanedEnvironment();
      const kase = await newCase(db, { status: 'awaiting_document', method: 'chamber_extract' });
      await addCaseDocument(db, kase.id, { sequence: 1, status: 'refused' });
      return {
        caseId: kase.id,
        recipients: [],
        answer: { method: 'chamber_extract', knownAddressesExist: true, documentsUploaded: 1 },
        run: () => activities.verificationFacts({ caseId: kase.id, environmentId: environment.id }),
      };
    },
  },
  {
    activity: 'matchEnvironment',
    situation: 'a KvK number that matches',
    writes: ['environment_matched'],
    async prepare() {
      const { organisations } = await orphanedEnvironment();
      const kase = await newCase(db, {
        status: 'awaiting_confirmation',
        kvkNumber: first(organisations, 'organisation').kvkNumber,
      });
      return { caseId: kase.id, recipients: [], run: () => activities.matchEnvironment({ caseId: kase.id }) };
    },
  },
  {
    activity: 'matchEnvironment',
    situation: 'nothing that matches',
    writes: ['environment_not_matched'],
    async prepare() {
      const kase = await newCase(db, { status: 'awaiting_confirmation', kvkNumber: uniqueKvkNumber() });
      return { caseId: kase.id, recipients: [], run: () => activities.matchEnvironment({ caseId: kase.id }) };
    },
  },
  {
    activity: 'sendAccessLink',
    writes: ['case_link_sent'],
    async prepare() {
      const { kase, token } = await caseWithSealedLink(db, context.worker);
      return {
        caseId: kase.id,
        recipients: [kase.requesterEmail],
        run: () => activities.sendAccessLink({ caseId: kase.id }),
        answer: { refused: false },
        // The sealed token is gone once mailed.
        rows: async () => ({
          pendingSecrets: await rowsOf('SELECT purpose FROM pending_secrets WHERE case_id = $1', kase.id),
        }),
        rowCounts: { pendingSecrets: 0 },
        async check(mails) {
          for (const mail of mails) expect(accessLinkIn(mail)?.token).toBe(token);
        },
      };
    },
  },
  {
    activity: 'closeUnreachable',
    writes: ['access_link_refused'],
    async prepare() {
      const kase = await newCase(db, { status: 'awaiting_confirmation' });
      await new PendingSecretRepository(db).put(kase.id, 'case_link', randomBytes(48));
      return {
        caseId: kase.id,
        recipients: [],
        run: () => activities.closeUnreachable({ caseId: kase.id }),
        // The sealed link that can never be delivered goes with the case's end.
        rows: async () => ({
          pendingSecrets: await rowsOf('SELECT purpose FROM pending_secrets WHERE case_id = $1', kase.id),
        }),
        rowCounts: { pendingSecrets: 0 },
      };
    },
  },
  {
    activity: 'confirmMailbox',
    situation: 'the email method, with addresses known for the environment',
    writes: ['case_confirmed'],
    async prepare() {
      const { kase } = await matchedCase({ status: 'awaiting_confirmation', method: 'email' });
      return {
        caseId: kase.id,
        recipients: [],
        run: () => activities.confirmMailbox({ caseId: kase.id, stage: 'awaiting_email_code' }),
        rows: async () => ({
          atCode: await rowsOf(
            "SELECT id FROM recovery_cases WHERE id = $1 AND status = 'awaiting_email_code'",
            kase.id,
          ),
        }),
        rowCounts: { atCode: 1 },
      };
    },
  },
  {
    activity: 'confirmMailbox',
    situation: 'the email method, without an environment',
    writes: ['case_confirmed', 'extract_requested'],
    async prepare() {
      const kase = await newCase(db, { status: 'awaiting_confirmation', method: 'email' });
      return {
        caseId: kase.id,
        recipients: [],
        run: () => activities.confirmMailbox({ caseId: kase.id, stage: 'awaiting_document' }),
      };
    },
  },
  {
    activity: 'issueEmailCode',
    writes: ['email_code_sent'],
    async prepare() {
      const { kase } = await matchedCase({ status: 'awaiting_email_code', method: 'email' });
      return {
        caseId: kase.id,
        recipients: [],
        run: () => activities.issueEmailCode({ caseId: kase.id, sendNumber: 1 }),
        rows: async () => ({
          codes: await rowsOf('SELECT send_number FROM case_email_codes WHERE case_id = $1', kase.id),
        }),
        rowCounts: { codes: 1 },
      };
    },
  },
  {
    activity: 'sendEmailCode',
    writes: [],
    async prepare() {
      const { kase, environment } = await matchedCase({
        status: 'awaiting_email_code',
        method: 'email',
      });
      await activities.issueEmailCode({ caseId: kase.id, sendNumber: 1 });
      const codes = () =>
        db.query<{ code_hash: Buffer }[]>(
          'SELECT send_number, code_hash, expires_at FROM case_email_codes WHERE case_id = $1',
          [kase.id],
        );
      return {
        caseId: kase.id,
        // The environment's contact only: its administrator is deactivated (codeRecipients).
        recipients: [environment.contactEmail],
        run: () => activities.sendEmailCode({ caseId: kase.id, sendNumber: 1 }),
        rows: async () => ({ codes: await codes() }),
        rowCounts: { codes: 1 },
        async check(mails) {
          // The code in every mail is the one whose hash was stored when it was issued.
          const stored = first(await codes(), 'stored code');
          const hasher = context.worker.get(SecretHasher);
          for (const mail of mails) {
            expect(hasher.matches('email_code', codeIn(mail) ?? '', stored.code_hash)).toBe(true);
          }
        },
      };
    },
  },
  {
    activity: 'sendExtractRequest',
    writes: [],
    async prepare() {
      const kase = await newCase(db, { status: 'awaiting_document', method: 'email' });
      return {
        caseId: kase.id,
        recipients: [kase.requesterEmail],
        run: () => activities.sendExtractRequest({ caseId: kase.id }),
      };
    },
  },
  {
    activity: 'linkEnvironment',
    situation: 'an email-method case that fell back to the extract',
    writes: ['environment_linked'],
    async prepare() {
      const { environment, organisations } = await orphanedEnvironment();
      const kase = await newCase(db, {
        status: 'awaiting_document',
        method: 'email',
        kvkNumber: first(organisations, 'organisation').kvkNumber,
      });
      return {
        caseId: kase.id,
        recipients: [],
        run: () =>
          activities.linkEnvironment({
            caseId: kase.id,
            environmentId: environment.id,
            staffId: agent.id,
            next: 'awaiting_email_code',
          }),
        rows: async () => ({
          atCode: await rowsOf(
            "SELECT id FROM recovery_cases WHERE id = $1 AND status = 'awaiting_email_code'",
            kase.id,
          ),
        }),
        rowCounts: { atCode: 1 },
      };
    },
  },
  {
    activity: 'startAnalysis',
    writes: ['document_uploaded'],
    async prepare() {
      const kase = await newCase(db, { status: 'awaiting_document' });
      const document = await addCaseDocument(db, kase.id, { sequence: 1, status: 'received' });
      return {
        caseId: kase.id,
        recipients: [],
        run: () => activities.startAnalysis({ caseId: kase.id, documentId: document.id }),
      };
    },
  },
  {
    activity: 'analyseDocument',
    writes: ['document_analysed'],
    async prepare() {
      const { kase, organisations } = await matchedCase({
        status: 'analysing_document',
        requesterName: REQUESTER_NAME,
      });
      const document = await addCaseDocument(db, kase.id, {
        sequence: 1,
        status: 'received',
        content: await extractOf(first(organisations, 'organisation')),
      });
      return {
        caseId: kase.id,
        recipients: [],
        answer: { usable: true },
        run: () => activities.analyseDocument({ caseId: kase.id, documentId: document.id }),
        rows: async () => ({
          analysed: await rowsOf(
            `SELECT id, page_count, findings, analysed_at FROM case_documents
              WHERE case_id = $1 AND status = 'analysed'`,
            kase.id,
          ),
        }),
        rowCounts: { analysed: 1 },
      };
    },
  },
  {
    activity: 'startReview',
    situation: 'after an objection',
    writes: ['review_started'],
    async prepare() {
      const { kase } = await matchedCase({
        status: 'cooling_off',
        appointAt: new Date(Date.now() + HOUR_MS),
      });
      await new ObjectionTokenRepository(db).insertAll(
        [1, 2].map((n) => ({
          tokenHash: randomBytes(32),
          caseId: kase.id,
          round: 1,
          recipientEmail: `reader${n}.${kase.reference}@env.example`.toLowerCase(),
        })),
      );
      return {
        caseId: kase.id,
        recipients: [],
        run: () => activities.startReview({ caseId: kase.id, flagged: true }),
        // The other links of that cooling-off are ended.
        rows: async () => ({
          openLinks: await rowsOf(
            'SELECT token_hash FROM objection_tokens WHERE case_id = $1 AND used_at IS NULL',
            kase.id,
          ),
        }),
        rowCounts: { openLinks: 0 },
      };
    },
  },
  {
    activity: 'markReviewOverdue',
    writes: ['review_overdue'],
    async prepare() {
      const { kase } = await matchedCase({
        status: 'awaiting_review',
        reviewDueAt: new Date(Date.now() - HOUR_MS),
      });
      const [active, inactive] = await Promise.all([
        newStaff(db, { role: 'manager' }),
        newStaff(db, { role: 'manager', active: false }),
      ]);
      return {
        caseId: kase.id,
        // Every active manager of the run's database (other files leave theirs), this file's own among them.
        recipients: await new StaffAccountRepository(db).listActiveManagerEmails(),
        run: () => activities.markReviewOverdue({ caseId: kase.id }),
        // Not only the activity's own query: the manager made here is mailed, the inactive one is not.
        check: (mails) => {
          const to = mails.flatMap((mail) => mail.to);
          expect([
            to.includes(active.email.toLowerCase()),
            to.includes(inactive.email.toLowerCase()),
          ]).toEqual([true, false]);
          return Promise.resolve();
        },
      };
    },
  },
  {
    activity: 'approveCase',
    situation: 'with a cooling-off',
    writes: ['case_approved'],
    async prepare() {
      const { kase, organisations } = await matchedCase({ status: 'awaiting_review' });
      const input = {
        caseId: kase.id,
        staffId: agent.id,
        version: await versionOf(kase.id),
        organisationIds: organisations.map((organisation) => organisation.id),
        coolingOffRound: 1,
      };
      return { caseId: kase.id, recipients: [], run: () => activities.approveCase(input) };
    },
  },
  decisionWithReason('rejectCase', 'rejection_reason', 'case_rejected'),
  decisionWithReason('requestDocument', 'document_request_reason', 'document_requested'),
  decisionMail('sendRejection', 'rejected', 'rejection_reason'),
  decisionMail('sendDocumentRequest', 'awaiting_document', 'document_request_reason'),
  {
    activity: 'sendCoolingOffNotices',
    writes: [],
    async prepare() {
      const { kase, environment, users } = await matchedCase({ status: 'cooling_off', coolingOffRound: 1 });
      const links = () =>
        db.query<{ token_hash: Buffer; recipient_email: string }[]>(
          'SELECT token_hash, recipient_email, round FROM objection_tokens WHERE case_id = $1',
          [kase.id],
        );
      // Its active users and its known addresses: the contact and the deactivated administrator.
      const recipients = [environment.contactEmail, ...users.map((user) => user.email)];
      return {
        caseId: kase.id,
        recipients,
        run: () => activities.sendCoolingOffNotices({ caseId: kase.id, round: 1, coolingOffMs: HOUR_MS }),
        rows: async () => ({ links: await links() }),
        rowCounts: { links: recipients.length },
        async check(mails) {
          // Every mailed link is one whose hash is stored: a retry mails the same links, not new ones.
          const hasher = context.worker.get(SecretHasher);
          const stored = new Set((await links()).map((link) => link.token_hash.toString('hex')));
          for (const mail of mails) {
            const token = objectionTokenIn(mail) ?? '';
            expect(stored.has(hasher.hash('objection_token', token).toString('hex'))).toBe(true);
          }
        },
      };
    },
  },
  {
    activity: 'recordObjection',
    writes: ['objection_raised'],
    async prepare() {
      const { kase } = await matchedCase({
        status: 'cooling_off',
        appointAt: new Date(Date.now() + HOUR_MS),
      });
      const note = await noteOf(kase, 'objection_reason');
      return {
        caseId: kase.id,
        recipients: [],
        run: () => activities.recordObjection({ caseId: kase.id, noteId: note.id }),
      };
    },
  },
  {
    activity: 'sendObjectionReceived',
    writes: [],
    async prepare() {
      const { kase } = await matchedCase({ status: 'awaiting_review', flagged: true });
      const note = await noteOf(kase, 'objection_reason');
      return {
        caseId: kase.id,
        recipients: [kase.requesterEmail],
        run: () => activities.sendObjectionReceived({ caseId: kase.id, noteId: note.id }),
      };
    },
  },
  {
    activity: 'scheduleAppointment',
    writes: ['cooling_off_started'],
    async prepare() {
      const { kase } = await matchedCase({ status: 'cooling_off', coolingOffRound: 1 });
      const input = { caseId: kase.id, round: 1, appointAtMs: Date.now() + HOUR_MS };
      return { caseId: kase.id, recipients: [], run: () => activities.scheduleAppointment(input) };
    },
  },
  {
    activity: 'startAppointment',
    situation: 'no objection',
    writes: ['appointment_started'],
    async prepare() {
      const { kase } = await matchedCase({ status: 'cooling_off', appointAt: new Date() });
      return {
        caseId: kase.id,
        recipients: [],
        run: () => activities.startAppointment({ caseId: kase.id }),
        answer: { objectionNoteId: null },
      };
    },
  },
  {
    activity: 'startAppointment',
    situation: 'an objection the api kept (Temporal was away when it came)',
    // Recorded for the workflow to take up; nothing else moves.
    writes: ['objection_raised'],
    async prepare() {
      const { kase } = await matchedCase({ status: 'cooling_off', appointAt: new Date() });
      const note = await new CaseNoteRepository(db).insert({
        caseId: kase.id,
        kind: 'objection_reason',
        body: 'I do not know this person.',
        authorType: 'environment_user',
        authorId: null,
      });
      return {
        caseId: kase.id,
        recipients: [],
        run: () => activities.startAppointment({ caseId: kase.id }),
        answer: { objectionNoteId: note.id },
        rows: async () => ({
          appointing: await rowsOf(
            `SELECT id FROM recovery_cases WHERE id = $1 AND status = 'appointing'`,
            kase.id,
          ),
        }),
        rowCounts: { appointing: 0 },
      };
    },
  },
  {
    activity: 'appointAdministrator',
    situation: 'a new user',
    writes: ['administrator_appointed', 'case_completed'],
    async prepare() {
      const environment = await orphanedEnvironment();
      const kase = await newCase(db, {
        status: 'appointing',
        environmentId: environment.environment.id,
        matchKind: 'kvk_number',
        approvedOrganisationIds: environment.organisations.map((organisation) => organisation.id),
      });
      return {
        caseId: kase.id,
        recipients: [],
        run: () => activities.appointAdministrator({ caseId: kase.id }),
        rows: async () => ({
          users: await rowsOf(
            'SELECT id, role, status FROM users WHERE environment_id = $1 AND lower(email) = lower($2)',
            environment.environment.id,
            kase.requesterEmail,
          ),
          memberships: await rowsOf(
            `SELECT m.organisation_id, m.role FROM organisation_memberships m JOIN users u ON u.id = m.user_id
              WHERE u.environment_id = $1 AND lower(u.email) = lower($2) ORDER BY m.organisation_id`,
            environment.environment.id,
            kase.requesterEmail,
          ),
        }),
        rowCounts: { users: 1, memberships: environment.organisations.length },
      };
    },
  },
  {
    activity: 'sendAppointmentMails',
    situation: 'to a new user',
    writes: [],
    async prepare() {
      const environment = await orphanedEnvironment();
      const kase = await newCase(db, {
        status: 'appointing',
        environmentId: environment.environment.id,
        matchKind: 'kvk_number',
        approvedOrganisationIds: environment.organisations.map((organisation) => organisation.id),
      });
      await activities.appointAdministrator({ caseId: kase.id });
      return {
        caseId: kase.id,
        // The requester (told, and invited), and the environment's other active user.
        recipients: [kase.requesterEmail, environment.users[1]?.email ?? ''],
        run: () => activities.sendAppointmentMails({ caseId: kase.id }),
      };
    },
  },
  {
    activity: 'cancelCase',
    writes: ['case_cancelled'],
    async prepare() {
      const { kase } = await matchedCase({ status: 'awaiting_email_code', method: 'email' });
      return {
        caseId: kase.id,
        recipients: [],
        run: () => activities.cancelCase({ caseId: kase.id }),
      };
    },
  },
  {
    activity: 'sendCancellation',
    writes: [],
    async prepare() {
      const { kase } = await matchedCase({ status: 'cancelled', method: 'email' });
      return {
        caseId: kase.id,
        recipients: [kase.requesterEmail],
        run: () => activities.sendCancellation({ caseId: kase.id }),
      };
    },
  },
  {
    activity: 'expireCase',
    situation: 'waiting for the email code',
    writes: ['case_expired'],
    async prepare() {
      const { kase } = await matchedCase({ status: 'awaiting_email_code', method: 'email' });
      return {
        caseId: kase.id,
        recipients: [],
        run: () => activities.expireCase({ caseId: kase.id, awaitingStatus: 'awaiting_email_code' }),
      };
    },
  },
  {
    activity: 'sendExpiry',
    situation: 'waiting for the email code',
    writes: [],
    async prepare() {
      const { kase } = await matchedCase({ status: 'expired', method: 'email' });
      return {
        caseId: kase.id,
        recipients: [kase.requesterEmail],
        run: () => activities.sendExpiry({ caseId: kase.id, awaitingStatus: 'awaiting_email_code' }),
      };
    },
  },
  {
    activity: 'reportFailedStep',
    situation: 'an open case',
    writes: ['attention_needed'],
    async prepare() {
      const { kase } = await matchedCase({ status: 'cooling_off', coolingOffRound: 1 });
      const input = {
        caseId: kase.id,
        step: 'startAppointment' as const,
        reason: 'not_found',
        from: 'cooling_off' as const,
        waitForSupport: true,
        failure: 1,
      };
      return { caseId: kase.id, recipients: [], run: () => activities.reportFailedStep(input) };
    },
  },
  {
    activity: 'reportFailedStep',
    situation: 'a case that had ended',
    writes: ['step_failed'],
    async prepare() {
      const { kase } = await matchedCase({ status: 'rejected' });
      const input = {
        caseId: kase.id,
        step: 'sendRejection' as const,
        reason: 'not_found',
        from: 'rejected' as const,
        waitForSupport: false,
        failure: 1,
      };
      return { caseId: kase.id, recipients: [], run: () => activities.reportFailedStep(input) };
    },
  },
  {
    activity: 'sendAttentionNotice',
    writes: [],
    async prepare() {
      const { kase } = await matchedCase({ status: 'cooling_off', coolingOffRound: 1 });
      const { failureEventId } = await activities.reportFailedStep({
        caseId: kase.id,
        step: 'sendCoolingOffNotices',
        reason: 'not_found',
        from: 'cooling_off',
        waitForSupport: true,
        failure: 1,
      });
      return {
        caseId: kase.id,
        // Every active manager of the run's database (other files leave theirs).
        recipients: await new StaffAccountRepository(db).listActiveManagerEmails(),
        run: () =>
          activities.sendAttentionNotice({
            caseId: kase.id,
            step: 'sendCoolingOffNotices',
            reason: 'not_found',
            caseWaits: true,
            failureEventId,
          }),
      };
    },
  },
  {
    activity: 'resumeStep',
    writes: ['step_retried'],
    async prepare() {
      const { kase } = await matchedCase({ status: 'needs_attention' });
      const input = { caseId: kase.id, staffId: agent.id, to: 'awaiting_review' as const };
      return { caseId: kase.id, recipients: [], run: () => activities.resumeStep(input) };
    },
  },
  {
    activity: 'closeCase',
    writes: ['case_closed'],
    async prepare() {
      const { kase } = await matchedCase({ status: 'needs_attention' });
      const note = await noteOf(kase, 'closure_reason');
      const input = { caseId: kase.id, staffId: agent.id, noteId: note.id };
      return { caseId: kase.id, recipients: [], run: () => activities.closeCase(input) };
    },
  },
  {
    activity: 'sendClosure',
    writes: [],
    async prepare() {
      const { kase } = await matchedCase({ status: 'closed' });
      const note = await noteOf(kase, 'closure_reason');
      return {
        caseId: kase.id,
        recipients: [kase.requesterEmail],
        run: () => activities.sendClosure({ caseId: kase.id, noteId: note.id }),
      };
    },
  },
  {
    activity: 'sendInvitation',
    situation: "an administrator's invitation",
    writes: [],
    async prepare() {
      const { users } = await newEnvironment(db, {
        users: [{ role: 'administrator' }, { role: 'user', status: 'invited' }],
      });
      const [inviter, invitee] = users;
      if (!inviter || !invitee) throw new Error('no users');
      return {
        recipients: [invitee.email],
        run: () => activities.sendInvitation({ userId: invitee.id, invitedByUserId: inviter.id }),
      };
    },
  },
];

/** The case's events after `afterId`, by type. */
async function eventsSince(caseId: string, afterId: string): Promise<string[]> {
  const rows = await db.query<{ type: string }[]>(
    'SELECT type FROM case_events WHERE case_id = $1 AND id > $2 ORDER BY type',
    [caseId, afterId],
  );
  return rows.map((row) => row.type);
}

async function lastEventId(caseId: string | undefined): Promise<string> {
  if (!caseId) return '0';
  const [row] = await db.query<{ id: string }[]>(
    'SELECT coalesce(max(id), 0)::text AS id FROM case_events WHERE case_id = $1',
    [caseId],
  );
  return row?.id ?? '0';
}

/** Everything an attempt may have written: the case row, its trail and the activity's own rows. */
async function stateOf(attempts: Attempts): Promise<unknown> {
  return {
    kase: attempts.caseId ? await rowsOf('SELECT * FROM recovery_cases WHERE id = $1', attempts.caseId) : [],
    trail: attempts.caseId
      ? await rowsOf(
          'SELECT id, type, actor_type, actor_id, details FROM case_events WHERE case_id = $1 ORDER BY id',
          attempts.caseId,
        )
      : [],
    rows: await attempts.rows?.(),
  };
}

/**
 * The same mail may arrive twice (a retry after the send and before the acknowledgement): it carries the
 * same Message-ID, which is what lets the receiving side drop the copy. A second Message-ID, or a second
 * text (another code, another link), for one recipient and one kind of mail is a second mail.
 */
function expectEachMailOnce(mails: CapturedMail[], recipients: readonly string[]): void {
  const kinds = new Map<string, { messageIds: Set<string | undefined>; texts: Set<string> }>();
  for (const mail of mails) {
    for (const to of mail.to) {
      const key = `${to}: ${mail.subject}`;
      const kind = kinds.get(key) ?? { messageIds: new Set(), texts: new Set() };
      kind.messageIds.add(mail.messageId);
      kind.texts.add(mail.text);
      kinds.set(key, kind);
    }
  }
  const received = [...new Set(mails.flatMap((mail) => mail.to))].sort();
  expect(received).toEqual([...new Set(recipients.map((email) => email.toLowerCase()))].sort());
  const twice = [...kinds]
    .filter(
      ([, kind]) => kind.messageIds.size !== 1 || kind.texts.size !== 1 || kind.messageIds.has(undefined),
    )
    .map(([key, kind]) => ({ key, messageIds: [...kind.messageIds], texts: kind.texts.size }));
  expect(twice).toEqual([]);
}

interface DeliveryRow {
  message_id: string;
  recipient: string;
  state: string;
  attempts: number;
}

/**
 * Each mail received has one recipient and one delivery row (by its Message-ID), `sent` by one attempt; and
 * the case has no delivery row beyond them (none pending, none refused).
 */
async function expectDeliveredOnce(mails: CapturedMail[], caseId: string | undefined): Promise<void> {
  expect(mails.filter((mail) => mail.to.length !== 1).map((mail) => mail.to)).toEqual([]);
  const byMessageId = (a: { message_id: string }, b: { message_id: string }) =>
    a.message_id < b.message_id ? -1 : a.message_id > b.message_id ? 1 : 0;
  const expected = [...new Map(mails.map((mail) => [mail.messageId ?? '', mail.to[0] ?? ''])).entries()]
    .map(([messageId, recipient]) => ({ message_id: messageId, recipient, state: 'sent', attempts: 1 }))
    .sort(byMessageId);
  const rows = await db.query<DeliveryRow[]>(
    `SELECT message_id, lower(recipient) AS recipient, state, attempts FROM mail_deliveries
      WHERE case_id = $1 OR message_id = ANY($2)`,
    [caseId ?? null, expected.map((row) => row.message_id)],
  );
  expect(rows.sort(byMessageId)).toEqual(expected);
}

/** What must hold after any number of attempts: each event once, each row once, each mail once. */
async function expectDoneOnce(
  row: RetryRow,
  attempts: Attempts,
  since: { eventId: string; mailId: number },
): Promise<void> {
  if (attempts.caseId) {
    expect(await eventsSince(attempts.caseId, since.eventId)).toEqual([...row.writes].sort());
  }
  if (attempts.rows) {
    const rows = await attempts.rows();
    expect(Object.fromEntries(Object.entries(rows).map(([what, list]) => [what, list.length]))).toEqual(
      attempts.rowCounts,
    );
  }
  const mails = mailsAfter(context.mail, since.mailId);
  expectEachMailOnce(mails, attempts.recipients);
  await expectDeliveredOnce(mails, attempts.caseId);
  await attempts.check?.(mails);
}

/**
 * An attempt as Temporal runs it: one that finds the other attempt sending the same mail fails retryably
 * (`mail_unavailable`), and is run again a moment later.
 */
async function retried(run: () => Promise<unknown>): Promise<unknown> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await run();
    } catch (error) {
      const busy =
        error instanceof ApplicationFailure && error.type === 'mail_unavailable' && !error.nonRetryable;
      if (!busy || attempt === 50) throw error;
      await sleep(100);
    }
  }
}

async function marks(attempts: Attempts): Promise<{ eventId: string; mailId: number }> {
  return { eventId: await lastEventId(attempts.caseId), mailId: lastMailId(context.mail) };
}

beforeAll(async () => {
  // Review time counted around the clock, so that the due time depends on the moment the review starts.
  context = await startWorkerActivities({ REVIEW_WORKING_DAYS: '1-7', REVIEW_WORKING_HOURS: '00:00-24:00' });
  activities = context.activities;
  db = await openTestDatabase();
  [agent] = await Promise.all([newStaff(db), newStaff(db, { role: 'manager' })]);
});

afterAll(async () => {
  await db.destroy();
  await context.close();
});

describe('every activity, attempted twice', () => {
  it('has a row for every activity the worker registers', () => {
    expect(new Set(ROWS.map((row) => row.activity))).toEqual(new Set(Object.keys(activities)));
  });

  describe.each(
    ROWS.map((row) => [row.situation ? `${row.activity} (${row.situation})` : row.activity, row]),
  )('%s', (_name, row) => {
    it('changes nothing and answers the same when it runs again', async () => {
      const attempts = await row.prepare();
      const since = await marks(attempts);
      const once = await attempts.run();
      const afterOnce = await stateOf(attempts);
      const again = await attempts.run();

      expect(again).toEqual(once);
      if ('answer' in attempts) expect(once).toEqual(attempts.answer);
      // Not a row, not a column, not an event more: `updated_at` included.
      expect(await stateOf(attempts)).toEqual(afterOnce);
      await expectDoneOnce(row, attempts, since);
    });

    it('does its work once when two attempts run at the same moment', async () => {
      const attempts = await row.prepare();
      const since = await marks(attempts);
      const [one, other] = await Promise.all([retried(attempts.run), retried(attempts.run)]);

      expect(other).toEqual(one);
      if ('answer' in attempts) expect(one).toEqual(attempts.answer);
      await expectDoneOnce(row, attempts, since);
    });
  });
});
