// The checks every fault run is held to, from PostgreSQL, Temporal and the SMTP server: each case ends as a
// fault-free one does, no side effect twice, no mail lost, no workflow failed. Each finding names its case
// (reference and kind) and what was wrong, as evidence.
import { WorkflowNotFoundError } from '@temporalio/client';
import { codeRecipients } from '@app/domain';
import { RecoveryDirectoryRepository } from '@app/persistence';
import { recoveryWorkflowId } from '@app/workflows/recovery.messages';
import type { CaseKind } from '../../../tools/production-stack/case-kinds';
import type { CaseOutcome } from '../../../tools/production-stack/case-traffic';
import {
  faultFreeMails,
  faultFreeTrail,
  isApproved,
  purposeOf,
  type CaseAddresses,
  type ExpectedMail,
} from './fault-free-case';
import { RECOVERY_WORKFLOW_TYPE, type FaultStack } from './fault-stack';

/** One row of the suite's table, with the evidence behind its counts. */
export interface FaultResult {
  fault: string;
  cases: number;
  /** Cases whose end (the traffic's, the case row's) and trail are those of a fault-free run. */
  matching: number;
  /** Each case that did not, and why. */
  mismatches: string[];
  /** Side effects a fault-free run has once (or not at all) that happened more often. */
  duplicates: string[];
  /** Mails a fault-free run sends that did not arrive, and deliveries left pending or wrongly refused. */
  lost: string[];
  /** Recovery workflows not completed: failed, terminated, timed out, or still running after the run. */
  failedWorkflows: string[];
  /** The workflows behind a mismatch or a failed workflow, whose histories are kept as evidence. */
  troubled: string[];
  /** The files those histories were written to. */
  histories: string[];
  /** What the fault did and measured: kills per activity type, times to take over, retries. */
  notes: string[];
  /** The warnings and errors the processes logged during the run, counted alike: evidence. */
  logged: string[];
  seconds: number;
}

export interface CheckOptions {
  fault: string;
  outcomes: readonly CaseOutcome[];
  /** Addresses the SMTP server refuses for good (550): their deliveries end `refused`, nothing else. */
  refused?: (address: string) => boolean;
  /** When the fault's run started (milliseconds since the epoch): what came before belongs to another. */
  startedAt: number;
}

interface CaseRow {
  id: string;
  reference: string;
  status: string;
  environment_id: string | null;
  requester_email: string;
}

const key = (recipient: string, purpose: string): string => `${recipient.toLowerCase()} ${purpose}`;

/** Checks the run's cases after it settled; never throws on a finding, only on a check that cannot run. */
export async function checkRun(run: FaultStack, options: CheckOptions): Promise<FaultResult> {
  const db = run.stack.database.dataSource;
  const refused = options.refused ?? ((): boolean => false);
  const result: FaultResult = {
    fault: options.fault,
    cases: options.outcomes.length,
    matching: 0,
    mismatches: [],
    duplicates: [],
    lost: [],
    failedWorkflows: [],
    troubled: [],
    histories: [],
    notes: [],
    logged: loggedDuring(run, options.startedAt),
    seconds: 0,
  };

  // Mails at the SMTP server, by recipient and purpose: the distinct Message-IDs and every copy.
  const received = new Map<string, { ids: Set<string>; copies: number }>();
  const receivedIds = new Set<string>();
  // Since the run started, except the late mails of the cases of runs before it on the same stack (an
  // expiry of a case a person gave up on, say).
  const earlier = await recipientsBefore(run, options.startedAt);
  const mails = run.mails.filter(
    (m) => m.receivedAt.getTime() >= options.startedAt && !m.to.every((to) => earlier.has(to.toLowerCase())),
  );
  for (const mail of mails) {
    const purpose = purposeOf(mail.messageId) ?? `(no Message-ID: ${mail.subject})`;
    if (mail.messageId) receivedIds.add(mail.messageId);
    for (const to of mail.to) {
      const entry = received.get(key(to, purpose)) ?? { ids: new Set<string>(), copies: 0 };
      entry.ids.add(mail.messageId ?? '');
      entry.copies += 1;
      received.set(key(to, purpose), entry);
    }
  }
  const accounted = new Set<string>();

  const references = options.outcomes.flatMap((o) => (o.reference === undefined ? [] : [o.reference]));
  // The cases made since the fault's run started: those it asked for, and any other (a duplicate intake).
  const rows = await db.query<CaseRow[]>(
    `SELECT id, reference, status, environment_id, requester_email FROM recovery_cases
      WHERE created_at >= to_timestamp($1::double precision / 1000)`,
    [options.startedAt],
  );
  const byReference = new Map(rows.map((row) => [row.reference, row]));
  for (const stray of rows.filter((row) => !references.includes(row.reference))) {
    result.duplicates.push(`${stray.reference}: a case nobody asked for (${stray.status})`);
  }

  const caseIds: string[] = [];
  for (const outcome of options.outcomes) {
    const what = `${outcome.reference ?? '(no case)'} ${outcome.kind}`;
    const problems: string[] = [];
    if (outcome.error !== undefined) problems.push(`the traffic: ${outcome.error}`);
    if (outcome.actualEnd !== outcome.expectedEnd) problems.push(`the requester saw ${outcome.actualEnd}`);
    const row = outcome.reference === undefined ? undefined : byReference.get(outcome.reference);
    if (!row) {
      result.mismatches.push(`${what}: ${[...problems, 'no case row'].join('; ')}`);
      continue;
    }
    caseIds.push(row.id);
    if (row.status !== outcome.expectedEnd) problems.push(`the case row is ${row.status}`);
    problems.push(...(await checkTrail(run, row, outcome.kind, result, what)));
    problems.push(...(await checkAppointment(run, row, outcome.kind, result, what)));
    const addresses = await addressesOf(run, row);
    const expected = faultFreeMails(outcome.kind, addresses);
    checkMails(expected, received, accounted, refused, result, what);
    if (problems.length === 0) result.matching += 1;
    else {
      result.mismatches.push(`${what}: ${problems.join('; ')}`);
      result.troubled.push(recoveryWorkflowId(row.id));
    }
  }

  // Mails that a fault-free run of these cases does not send at all.
  for (const [group, { ids }] of received) {
    if (!accounted.has(group)) {
      result.duplicates.push(`${group}: ${ids.size} mail(s) a fault-free run does not send`);
    }
  }
  let resent = 0;
  for (const { ids, copies } of received.values()) resent += copies - ids.size;
  if (resent > 0) result.notes.push(`${resent} mail(s) sent again under the same Message-ID`);

  await checkDeliveries(run, caseIds, receivedIds, refused, result);
  await checkWorkflows(run, rows, options, result);
  for (const death of run.deaths.filter((d) => d.at >= options.startedAt)) {
    const into = ((death.at - options.startedAt) / 1000).toFixed(0);
    result.notes.push(`process died by itself: ${death.what} ${into} s into the run, started again`);
  }
  result.seconds = Math.round((Date.now() - options.startedAt) / 1000);
  return result;
}

/** The processes' warnings and errors since `startedAt`, alike ones counted: `3× worker warn …`. */
function loggedDuring(run: FaultStack, startedAt: number): string[] {
  const counted = new Map<string, number>();
  for (const problem of run.problems.filter((p) => p.at >= startedAt)) {
    const kind = problem.process.replace(/\d+$/, '');
    const line = `${kind} ${problem.level} ${problem.message} ${JSON.stringify(problem.details)}`;
    counted.set(line, (counted.get(line) ?? 0) + 1);
  }
  return [...counted].map(([line, n]) => `${n}× ${line}`);
}

/** Who the cases made before `startedAt` mail: their requesters and their environments' addresses. */
async function recipientsBefore(run: FaultStack, startedAt: number): Promise<Set<string>> {
  const rows = await run.stack.database.dataSource.query<{ email: string }[]>(
    `WITH earlier AS (
       SELECT requester_email, environment_id FROM recovery_cases
        WHERE created_at < to_timestamp($1::double precision / 1000))
     SELECT requester_email AS email FROM earlier
     UNION SELECT e.contact_email FROM environments e JOIN earlier ON earlier.environment_id = e.id
     UNION SELECT o.contact_email FROM organisations o JOIN earlier ON earlier.environment_id = o.environment_id
            WHERE o.contact_email IS NOT NULL
     UNION SELECT u.email FROM users u JOIN earlier ON earlier.environment_id = u.environment_id`,
    [startedAt],
  );
  return new Set(rows.map((row) => row.email.toLowerCase()));
}

/** The trail against a fault-free one: more than its count is a duplicate, fewer a mismatch. */
async function checkTrail(
  run: FaultStack,
  row: CaseRow,
  kind: CaseKind,
  result: FaultResult,
  what: string,
): Promise<string[]> {
  const counted = await run.stack.database.dataSource.query<
    { type: string; round: string | null; n: number }[]
  >(
    `SELECT type, details->>'round' AS round, count(*)::int AS n FROM case_events WHERE case_id = $1
      GROUP BY type, details->>'round'`,
    [row.id],
  );
  const total = new Map<string, number>();
  for (const { type, round, n } of counted) {
    total.set(type, (total.get(type) ?? 0) + n);
    if (type === 'cooling_off_started' && n > 1) {
      result.duplicates.push(`${what}: ${n} cooling_off_started events for round ${round ?? '?'}`);
    }
  }
  const problems: string[] = [];
  // The evidence of a step that failed for good: which, why, and from which state.
  const failures = await run.stack.database.dataSource.query<{ type: string; details: unknown }[]>(
    `SELECT type, details FROM case_events WHERE case_id = $1 AND type IN ('attention_needed', 'step_failed')
      ORDER BY id`,
    [row.id],
  );
  for (const failure of failures) problems.push(`${failure.type} ${JSON.stringify(failure.details)}`);
  for (const [type, { min, max }] of faultFreeTrail(kind)) {
    const n = total.get(type) ?? 0;
    if (n > max) result.duplicates.push(`${what}: ${n} ${type} events (a fault-free run: ${max})`);
    if (n < min) problems.push(`${n} ${type} events (a fault-free run: ${min})`);
  }
  return problems;
}

/** One administrator appointed for an approved case (the requester, once), none for the others. */
async function checkAppointment(
  run: FaultStack,
  row: CaseRow,
  kind: CaseKind,
  result: FaultResult,
  what: string,
): Promise<string[]> {
  if (row.environment_id === null) return ['no environment linked'];
  const [users] = await run.stack.database.dataSource.query<{ requester: number; administrators: number }[]>(
    `SELECT count(*) FILTER (WHERE lower(email) = lower($2))::int AS requester,
            count(*) FILTER (WHERE lower(email) = lower($2) AND role = 'administrator')::int AS administrators
       FROM users WHERE environment_id = $1`,
    [row.environment_id, row.requester_email],
  );
  const requester = users?.requester ?? 0;
  const administrators = users?.administrators ?? 0;
  const wanted = isApproved(kind) ? 1 : 0;
  if (requester > 1) result.duplicates.push(`${what}: ${requester} users for the requester`);
  if (administrators > wanted) result.duplicates.push(`${what}: the requester appointed though ${kind}`);
  return administrators < wanted ? ['the requester is not an administrator'] : [];
}

/** Who a case's mails go to, read from the directory as the activities read it (the requester left out). */
async function addressesOf(run: FaultStack, row: CaseRow): Promise<CaseAddresses> {
  const db = run.stack.database.dataSource;
  const known = await db.query<{ email: string }[]>(
    `SELECT contact_email AS email FROM environments WHERE id = $1
     UNION ALL SELECT contact_email FROM organisations WHERE environment_id = $1 AND contact_email IS NOT NULL
     UNION ALL SELECT email FROM users WHERE environment_id = $1 AND role = 'administrator'`,
    [row.environment_id],
  );
  const active = await db.query<{ email: string }[]>(
    `SELECT email FROM users WHERE environment_id = $1 AND status = 'active'`,
    [row.environment_id],
  );
  const recipients = row.environment_id
    ? codeRecipients(
        await new RecoveryDirectoryRepository(db).knownAddresses(row.environment_id),
        row.requester_email,
      )
    : [];
  return {
    requester: row.requester_email,
    known: known.map((r) => r.email),
    active: active.map((r) => r.email),
    codeRecipients: recipients,
  };
}

function checkMails(
  expected: readonly ExpectedMail[],
  received: ReadonlyMap<string, { ids: Set<string>; copies: number }>,
  accounted: Set<string>,
  refused: (address: string) => boolean,
  result: FaultResult,
  what: string,
): void {
  for (const mail of expected) {
    const group = key(mail.recipient, mail.purpose);
    accounted.add(group);
    const got = received.get(group);
    if (got && got.ids.size > 1) {
      result.duplicates.push(`${what}: ${group}: ${got.ids.size} Message-IDs (${[...got.ids].join(' ')})`);
    }
    if (refused(mail.recipient)) continue;
    if (!got && !mail.optional) result.lost.push(`${what}: ${group}: never arrived`);
  }
}

/**
 * Every delivery of the run's cases: sent ones arrived, none pending, refused only where the server refuses,
 * withdrawn ones counted.
 */
async function checkDeliveries(
  run: FaultStack,
  caseIds: readonly string[],
  receivedIds: ReadonlySet<string>,
  refused: (address: string) => boolean,
  result: FaultResult,
): Promise<void> {
  const deliveries = await run.stack.database.dataSource.query<
    { reference: string; recipient: string; message_id: string; state: string; attempts: number }[]
  >(
    `SELECT c.reference, d.recipient, d.message_id, d.state, d.attempts
       FROM mail_deliveries d JOIN recovery_cases c ON c.id = d.case_id
      WHERE d.case_id = ANY($1::uuid[])`,
    [caseIds],
  );
  let refusals = 0;
  let withdrawn = 0;
  const retried = deliveries.filter((d) => d.attempts > 1);
  if (retried.length > 0) {
    const attempts = retried.reduce((sum, d) => sum + d.attempts, 0);
    result.notes.push(`${retried.length} deliveries took more than one attempt (${attempts} attempts)`);
  }
  for (const d of deliveries) {
    const what = `${d.reference}: ${d.recipient.toLowerCase()} ${purposeOf(d.message_id) ?? d.message_id}`;
    switch (d.state) {
      case 'sent':
        if (!receivedIds.has(d.message_id)) result.lost.push(`${what}: recorded sent, never arrived`);
        break;
      case 'pending':
        result.lost.push(`${what}: left pending after ${d.attempts} attempt(s)`);
        break;
      case 'refused':
        refusals += 1;
        if (!refused(d.recipient)) result.lost.push(`${what}: recorded refused, the server takes it`);
        break;
      case 'withdrawn':
        // No longer due (its round objected to, its review decided); one a fault-free run must send is
        // counted as lost by the mails' own check.
        withdrawn += 1;
        break;
      default:
        result.lost.push(`${what}: in state ${d.state}`);
    }
  }
  if (refusals > 0)
    result.notes.push(`${refusals} deliveries refused for good (550), as the server answered`);
  if (withdrawn > 0) result.notes.push(`${withdrawn} deliveries withdrawn, no longer due`);
}

/** Each case's workflow completed, and no recovery workflow of the run is anything but completed. */
async function checkWorkflows(
  run: FaultStack,
  rows: readonly CaseRow[],
  { outcomes, startedAt }: CheckOptions,
  result: FaultResult,
): Promise<void> {
  const { client, close } = await run.temporalClient();
  try {
    const ours = new Set(outcomes.map((o) => o.reference));
    const found = new Set<string>();
    for (const row of rows.filter((r) => ours.has(r.reference))) {
      const workflowId = recoveryWorkflowId(row.id);
      try {
        const { status } = await client.workflow.getHandle(workflowId).describe();
        if (status.name === 'COMPLETED') continue;
        result.failedWorkflows.push(`${row.reference} ${workflowId}: ${status.name}`);
        result.troubled.push(workflowId);
      } catch (error) {
        if (!(error instanceof WorkflowNotFoundError)) throw error;
        result.failedWorkflows.push(`${row.reference} ${workflowId}: no such workflow`);
      }
      found.add(workflowId);
    }
    // Any other recovery workflow of the run (of a case nobody asked for, say).
    const since = new Date(startedAt - 1_000).toISOString();
    const query = `WorkflowType = '${RECOVERY_WORKFLOW_TYPE}' AND ExecutionStatus != 'Completed' AND StartTime >= '${since}'`;
    for await (const workflow of client.workflow.list({ query })) {
      if (found.has(workflow.workflowId)) continue;
      result.failedWorkflows.push(`${workflow.workflowId}: ${workflow.status.name}`);
      result.troubled.push(workflow.workflowId);
    }
  } finally {
    await close();
  }
}
