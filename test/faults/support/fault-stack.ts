// The stack the faults run on: the whole service as production runs it (tools/production-stack) with short
// durations, one seeded environment per case, an agent, every mail the SMTP server takes kept, and mixed
// cases driven over HTTP by the traffic the soak uses; and the wait until every workflow has closed.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Client, Connection } from '@temporalio/client';
import { recoveryWorkflowId } from '@app/workflows/recovery.messages';
import type { CapturedMail } from '../../../tools/mail-catcher/captured-mail';
import { CASE_KINDS, caseKindOf, type CaseKind } from '../../../tools/production-stack/case-kinds';
import { CaseTraffic, type CaseOutcome } from '../../../tools/production-stack/case-traffic';
import {
  SHORT_CASE_DURATIONS,
  startProductionStack,
  type ProductionStack,
  type ProductionStackOptions,
} from '../../../tools/production-stack/production-stack';
import { seedAgent, type AgentCredentials } from '../../../tools/production-stack/seeded-agent';
import { seedDirectory, type SeededEnvironment } from '../../../tools/production-stack/seeded-directory';
import type { ServiceProcess } from '../../../tools/dev/service-process';

// As the api's client and the worker are configured (TEMPORAL_NAMESPACE).
const NAMESPACE = 'default';
const RECOVERY_WORKFLOW_TYPE = 'recoveryWorkflow';
// How often the run looks for a process that died by itself.
const SUPERVISE_MS = 1_000;

export type FaultStackOptions = Pick<
  ProductionStackOptions,
  'apis' | 'workers' | 'workerEntry' | 'env' | 'databaseUrlFor'
> & {
  /** Environments to seed: case number i is for environment i, so as many as the highest number + 1. */
  environments: number;
  /** How long a step of a case (a mail, a state) may take before the case counts as failed. */
  stepTimeoutMs: number;
  /** Each stage's window and a code's life (ISO 8601), over the short durations' (fault-profile.ts). */
  caseWindow: string;
};

/** `perKind` case numbers of each kind, the lowest such numbers from `from` on (kinds as in case-kinds.ts). */
export function casesOfEachKind(perKind: number, from = 0): number[] {
  const numbers: number[] = [];
  const wanted = new Map<CaseKind, number>(CASE_KINDS.map((kind) => [kind, perKind]));
  for (let index = from; [...wanted.values()].some((left) => left > 0); index += 1) {
    const kind = caseKindOf(index);
    const left = wanted.get(kind) ?? 0;
    if (left === 0) continue;
    wanted.set(kind, left - 1);
    numbers.push(index);
  }
  return numbers;
}

/** A mail as the SMTP server took it, with when. */
export type ReceivedMail = Pick<CapturedMail, 'to' | 'messageId' | 'subject' | 'receivedAt'>;

/** A process that ended by itself, and when (milliseconds since the epoch). */
export interface Death {
  what: string;
  at: number;
}

/** A warning or an error a process logged (its JSON line's fields that say what and where), and when. */
export interface LoggedProblem {
  at: number;
  process: string;
  level: string;
  message: string;
  /** The fields that say which case, step or error: caseId, step, reason, activityType, err's message. */
  details: Record<string, unknown>;
}

// The JSON log fields worth keeping as evidence (never a case's personal data: the service logs none).
const EVIDENCE_FIELDS = [
  'caseId',
  'step',
  'reason',
  'from',
  'purpose',
  'attempt',
  'activityType',
  'workflowId',
];

/**
 * The stack the faults run on: the service, the traffic, every mail the SMTP server took, and a supervisor
 * that starts again any process that died by itself (as production's would), noting it as evidence.
 */
export class FaultStack {
  /** Processes that ended by themselves (a crash), each started again. */
  readonly deaths: Death[] = [];
  /** Warnings and errors the api and worker processes logged, for the evidence of a fault that failed. */
  readonly problems: LoggedProblem[] = [];
  private readonly heard = new WeakSet<ServiceProcess>();
  readonly startedAt = Date.now();
  private readonly watch: NodeJS.Timeout;
  private processes: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly stack: ProductionStack,
    readonly traffic: CaseTraffic,
    /** Every mail the SMTP server took since the start (the traffic's mailbox clears the catcher). */
    readonly mails: readonly ReceivedMail[],
    private readonly stopRecording: () => void,
  ) {
    this.listen();
    this.watch = setInterval(() => {
      this.listen();
      // A restart that fails (Temporal or PostgreSQL away) is tried again at the next look.
      this.superviseOnce().catch((error: unknown) => {
        process.stdout.write(`faults | could not start a process again: ${String(error)}\n`);
      });
    }, SUPERVISE_MS);
  }

  static async start(options: FaultStackOptions): Promise<FaultStack> {
    const { environments: count, stepTimeoutMs, caseWindow, ...stackOptions } = options;
    let environments: SeededEnvironment[] = [];
    let agent: AgentCredentials | undefined;
    const stack = await startProductionStack({
      ...stackOptions,
      durations: {
        ...SHORT_CASE_DURATIONS,
        confirmationExpiry: caseWindow,
        emailCodeWindow: caseWindow,
        documentWindow: caseWindow,
        emailCodeTtl: caseWindow,
      },
      databasePrefix: 'econnect_faults',
      // One environment per case, so that no environment gathers administrators or notices of others.
      seed: async (db) => {
        environments = await seedDirectory(db, count);
        agent = await seedAgent(db, 'agent@faults.example');
      },
      log: (message) => process.stdout.write(`faults | ${message}\n`),
    });
    const mails: ReceivedMail[] = [];
    const stopRecording = stack.mail.onMail(({ to, messageId, subject, receivedAt }) => {
      mails.push({ to, messageId, subject, receivedAt });
    });
    try {
      if (!agent) throw new Error('no agent was seeded');
      const traffic = await CaseTraffic.start({
        apiUrls: stack.apiUrls,
        mail: stack.mail,
        agent,
        environments,
        stepTimeoutMs,
      });
      return new FaultStack(stack, traffic, mails, stopRecording);
    } catch (error) {
      stopRecording();
      await stack.close();
      throw error;
    }
  }

  /** Cases `numbers` at once, from the intake to their end; resolves with their outcomes. */
  runCases(numbers: readonly number[]): Promise<CaseOutcome[]> {
    return Promise.all(numbers.map((index) => this.traffic.runCase(index)));
  }

  /** Runs `change` (a kill, a restart) once no other change of the processes is under way. */
  changeProcesses<T>(change: () => Promise<T>): Promise<T> {
    const changed = this.processes.then(change);
    this.processes = changed.catch(() => undefined);
    return changed;
  }

  /** A client of the stack's Temporal, on a connection of its own (closed by the caller). */
  async temporalClient(): Promise<{ client: Client; close: () => Promise<void> }> {
    const connection = await Connection.connect({ address: this.stack.temporal.address });
    return { client: new Client({ connection, namespace: NAMESPACE }), close: () => connection.close() };
  }

  /**
   * Waits until the workflows of the cases `references` have closed (the last mails of a case go out after
   * the requester saw its end), at most `timeoutMs`; resolves with those still running then.
   */
  async settle(timeoutMs: number, references: readonly string[]): Promise<RunningWorkflow[]> {
    const rows = await this.stack.database.dataSource.query<{ id: string }[]>(
      'SELECT id FROM recovery_cases WHERE reference = ANY($1)',
      [references],
    );
    const ours = new Set(rows.map((row) => recoveryWorkflowId(row.id)));
    const deadline = Date.now() + timeoutMs;
    const { client, close } = await this.temporalClient();
    try {
      for (;;) {
        const running = await runningWorkflows(client, ours).catch((): undefined => undefined);
        if (running?.length === 0) return running;
        if (Date.now() >= deadline) return running ?? (await runningWorkflows(client, ours));
        await sleep(500);
      }
    } finally {
      await close();
    }
  }

  /**
   * Writes the histories of `workflowIds` (no personal data: ids and codes only) as JSON files under `dir`,
   * the evidence of a workflow that did not end as it should; answers the files written.
   */
  async keepHistories(workflowIds: readonly string[], dir: string): Promise<string[]> {
    if (workflowIds.length === 0) return [];
    await mkdir(dir, { recursive: true });
    const { client, close } = await this.temporalClient();
    try {
      const files: string[] = [];
      for (const workflowId of workflowIds) {
        const history = await client.workflow.getHandle(workflowId).fetchHistory();
        const file = join(dir, `${workflowId}.json`);
        await writeFile(file, JSON.stringify(history, null, 1));
        files.push(file);
      }
      return files;
    } finally {
      await close();
    }
  }

  async close(): Promise<void> {
    clearInterval(this.watch);
    await this.processes;
    this.traffic.close();
    this.stopRecording();
    await this.stack.close();
  }

  /** Keeps the warnings and errors of each api and worker process (a process started again is new). */
  listen(): void {
    for (const p of [...this.stack.apis, ...this.stack.workers]) {
      if (this.heard.has(p)) continue;
      this.heard.add(p);
      for (const stream of [p.child.stdout, p.child.stderr]) {
        if (stream) createInterface({ input: stream }).on('line', (line) => this.hear(p.name, line));
      }
    }
  }

  private hear(process: string, line: string): void {
    let entry: Record<string, unknown>;
    try {
      entry = JSON.parse(line) as Record<string, unknown>;
    } catch {
      return;
    }
    const level = typeof entry.level === 'number' ? entry.level : 0;
    if (level < 40) return;
    const details: Record<string, unknown> = {};
    for (const field of EVIDENCE_FIELDS) if (entry[field] !== undefined) details[field] = entry[field];
    const error = (entry.err ?? entry.error) as { message?: unknown; type?: unknown } | undefined;
    if (error?.message !== undefined) details.error = error.message;
    if (error?.type !== undefined) details.errorType = error.type;
    this.problems.push({
      at: Date.now(),
      process,
      level: level >= 50 ? 'error' : 'warn',
      message: typeof entry.msg === 'string' ? entry.msg : '',
      details,
    });
  }

  /** A process that died by itself is started again, as production's supervisor would. */
  private async superviseOnce(): Promise<void> {
    await this.changeProcesses(async () => {
      const why = this.stack.broken();
      if (why === undefined) return;
      const name = /^the (\S+) process/.exec(why)?.[1];
      const worker = this.stack.workers.findIndex((p) => p.name === name);
      const api = this.stack.apis.findIndex((p) => p.name === name);
      this.deaths.push({ what: why, at: Date.now() });
      process.stdout.write(`faults | ${why}: starting it again\n`);
      if (worker >= 0) await this.stack.startWorker(worker);
      else if (api >= 0) await this.stack.startApi(api);
    });
  }
}

/** A recovery workflow still running, and the activities it waits for (with their attempt). */
export interface RunningWorkflow {
  workflowId: string;
  pending: string[];
}

/** The recovery workflows running now (of those `among`, when given), each with its pending activities. */
export async function runningWorkflows(
  client: Client,
  among?: ReadonlySet<string>,
): Promise<RunningWorkflow[]> {
  const running: RunningWorkflow[] = [];
  const query = `WorkflowType = '${RECOVERY_WORKFLOW_TYPE}' AND ExecutionStatus = 'Running'`;
  for await (const { workflowId } of client.workflow.list({ query })) {
    if (among && !among.has(workflowId)) continue;
    const { raw } = await client.workflow.getHandle(workflowId).describe();
    const pending = (raw.pendingActivities ?? []).map(
      (activity) => `${activity.activityType?.name ?? '?'} (attempt ${activity.attempt ?? '?'})`,
    );
    running.push({ workflowId, pending });
  }
  return running;
}

export const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

export { RECOVERY_WORKFLOW_TYPE };
