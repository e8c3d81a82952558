// Mixed cases against a running service, as requesters and an agent go through them: over HTTP only, with
// the mailed links, codes and objection links read off the SMTP server. Each case's kind follows from its
// index (case-kinds.ts), and so does the state it should end in; what it did end in is recorded beside it.
import { randomUUID } from 'node:crypto';
import { FINAL_CASE_STATUSES, isCaseStatus } from '@app/domain';
import type { MailCatcher } from '../mail-catcher/mail-catcher';
import { extractPdf } from '../pdf/extract-pdf';
import { CaseMailbox } from './case-mailbox';
import { caseKindOf, EXPECTED_END, type CaseKind } from './case-kinds';
import { EndpointMeasurements } from './endpoint-measurements';
import type { AgentCredentials } from './seeded-agent';
import type { SeededEnvironment } from './seeded-directory';
import { isSuccess, timedRequest, type TimedAnswer, type TimedRequestOptions } from './timed-request';

const REQUESTER_NAME = 'Anna de Vries';
// How an extract lists the requester: surname first, as KvK writes it.
const REQUESTER_ON_EXTRACT = 'De Vries, Anna';
// A person with the case page open acts within a fraction of a second, then looks less often.
const AGENT_FIRST_LOOK_MS = 50;
const AGENT_LOOK_MAX_MS = 500;
// The requester's page, waiting for the end of the case.
const REQUESTER_LOOK_MS = 500;
// What a person does again: a busy case after 100 ms (the api already waited for it up to 10 s), a 503 or no
// answer at all (the api restarts) after a second, for a minute.
const BUSY_RETRY_MS = 100;
const BUSY_ATTEMPTS = 10;
const UNAVAILABLE_RETRY_MS = 1_000;
const UNAVAILABLE_ATTEMPTS = 60;
// The workflow's answer while it finishes another step (workflows/recovery-state.ts).
const BUSY_MESSAGE = /being handled right now/;
const DEFAULT_STEP_TIMEOUT_MS = 60_000;

/** The endpoints the traffic uses, by method and route template: how answers are counted. */
const ENDPOINT = {
  intake: 'POST /api/recovery-requests',
  status: 'GET /api/recovery-requests/:reference',
  confirm: 'POST /api/recovery-requests/:reference/confirm',
  emailCode: 'POST /api/recovery-requests/:reference/email-code',
  upload: 'POST /api/recovery-requests/:reference/documents',
  cancel: 'POST /api/recovery-requests/:reference/cancel',
  objection: 'POST /api/objections/:token',
  signIn: 'POST /api/staff/session',
  caseView: 'GET /api/cases/:reference',
  decision: 'POST /api/cases/:reference/decision',
} as const;
type Endpoint = (typeof ENDPOINT)[keyof typeof ENDPOINT];

export interface CaseTrafficOptions {
  /** The apis' base URLs: requests go to each in turn, as through a load balancer. */
  apiUrls: readonly string[];
  /** The SMTP server the service mails to. */
  mail: MailCatcher;
  agent: AgentCredentials;
  /** Case number i is for environment i (modulo their number). */
  environments: readonly SeededEnvironment[];
  /** How long one step (a mail, a state the agent or requester waits for) may take; 60 s by default. */
  stepTimeoutMs?: number;
  /** Told of each case as it ends. */
  onCaseEnd?: (outcome: CaseOutcome) => void;
}

/** One case: what it was to do and where it ended. */
export interface CaseOutcome {
  index: number;
  kind: CaseKind;
  /** Undefined when the intake was refused. */
  reference: string | undefined;
  expectedEnd: string;
  /** The final state; else the last state seen (or `none` without a case) when the case failed. */
  actualEnd: string;
  /** Milliseconds since the epoch. */
  startedAt: number;
  endedAt: number;
  /** Requests of this case sent again (busy, 503, no answer). */
  retries: number;
  /** Why the case could not be taken to its end. */
  error?: string;
}

/** Cases started at a steady rate until stop(). */
export interface SteadyTraffic {
  /** How many cases were started so far. */
  readonly started: number;
  /** Starts no more cases. */
  stop(): void;
  /** Waits for the cases in flight, at most `timeoutMs`; resolves with how many had not ended by then. */
  settle(timeoutMs: number): Promise<number>;
}

/** A case as it goes: the requester's access token once mailed, and the last state seen. */
interface CaseRun {
  index: number;
  kind: CaseKind;
  environment: SeededEnvironment;
  reference?: string;
  token?: string;
  lastStatus?: string;
  /** The case's version as the agent last saw it: what a decision is made on. */
  version?: string;
  retries: number;
}

/** An answer, and whether an earlier try of the same request may have been carried out unseen. */
interface DrivenAnswer extends TimedAnswer {
  afterLostAnswer: boolean;
}

/** Drives mixed cases: one at a time by index (`runCase`), or at a steady rate (`startAtRate`). */
export class CaseTraffic {
  /** Every answer's status and latency by endpoint, and the retries. */
  readonly measurements = new EndpointMeasurements();
  /** The cases that ended (failed ones too), in order of their end. */
  readonly outcomes: CaseOutcome[] = [];
  private readonly mailbox: CaseMailbox;
  private readonly stepTimeoutMs: number;
  private agentToken = '';
  private nextApi = 0;
  private running = 0;
  private closed = false;
  private readonly steady = new Set<SteadyTraffic>();

  private constructor(private readonly options: CaseTrafficOptions) {
    if (options.apiUrls.length === 0) throw new Error('case traffic needs an api');
    if (options.environments.length === 0) throw new Error('case traffic needs environments');
    this.stepTimeoutMs = options.stepTimeoutMs ?? DEFAULT_STEP_TIMEOUT_MS;
    this.mailbox = new CaseMailbox(options.mail, this.stepTimeoutMs);
  }

  /** Reads the service's mail from now on and signs the agent in. */
  static async start(options: CaseTrafficOptions): Promise<CaseTraffic> {
    const traffic = new CaseTraffic(options);
    try {
      await traffic.signIn();
    } catch (error) {
      traffic.close();
      throw error;
    }
    return traffic;
  }

  /** Cases started and not yet ended. */
  get inFlight(): number {
    return this.running;
  }

  /** Case number `index`, from the intake to its end; never rejects (a failed case says why). */
  async runCase(index: number): Promise<CaseOutcome> {
    const environments = this.options.environments;
    const environment = environments[index % environments.length] as SeededEnvironment;
    const run: CaseRun = { index, kind: caseKindOf(index), environment, retries: 0 };
    const startedAt = Date.now();
    this.running += 1;
    let error: string | undefined;
    try {
      await this.drive(run);
    } catch (failure) {
      error = failure instanceof Error ? failure.message : String(failure);
      await this.lookAsRequester(run).catch(() => undefined);
    } finally {
      this.running -= 1;
      if (run.reference !== undefined) this.mailbox.forget(run.reference);
    }
    const outcome: CaseOutcome = {
      index,
      kind: run.kind,
      reference: run.reference,
      expectedEnd: EXPECTED_END[run.kind],
      actualEnd: run.lastStatus ?? 'none',
      startedAt,
      endedAt: Date.now(),
      retries: run.retries,
      ...(error === undefined ? {} : { error }),
    };
    this.outcomes.push(outcome);
    this.options.onCaseEnd?.(outcome);
    return outcome;
  }

  /** Starts case `firstIndex`, then the next, every 60 / `casesPerMinute` seconds, until stop(). */
  startAtRate(casesPerMinute: number, firstIndex = 0): SteadyTraffic {
    if (!(casesPerMinute > 0)) throw new Error('the rate is a number of cases a minute, above 0');
    const intervalMs = 60_000 / casesPerMinute;
    const begin = performance.now();
    const inFlight = new Set<Promise<CaseOutcome>>();
    let started = 0;
    let stopped = false;
    let timer: NodeJS.Timeout | undefined;
    // Each start is due at a multiple of the interval from the beginning: a slow timer does not drift.
    const scheduleNext = (): void => {
      if (stopped) return;
      const due = begin + started * intervalMs;
      timer = setTimeout(
        () => {
          const running = this.runCase(firstIndex + started);
          started += 1;
          inFlight.add(running);
          void running.finally(() => inFlight.delete(running));
          scheduleNext();
        },
        Math.max(0, due - performance.now()),
      );
    };
    scheduleNext();
    const steady: SteadyTraffic = {
      get started() {
        return started;
      },
      stop: () => {
        stopped = true;
        clearTimeout(timer);
        this.steady.delete(steady);
      },
      settle: async (timeoutMs) => {
        let timeout: NodeJS.Timeout | undefined;
        await Promise.race([
          Promise.all(inFlight),
          new Promise((resolveTimeout) => (timeout = setTimeout(resolveTimeout, timeoutMs))),
        ]);
        clearTimeout(timeout);
        return inFlight.size;
      },
    };
    this.steady.add(steady);
    return steady;
  }

  /**
   * Starts no more cases and ends those in flight (they fail at their next request or wait), so that the
   * process can end; stops reading the service's mail.
   */
  close(): void {
    this.closed = true;
    for (const steady of [...this.steady]) steady.stop();
    this.mailbox.close();
  }

  private async drive(run: CaseRun): Promise<void> {
    const usesExtract = run.kind === 'extract_approved' || run.kind === 'document_requested';
    const intake = await this.send(run, ENDPOINT.intake, 'POST', '/api/recovery-requests', {
      body: {
        requesterName: REQUESTER_NAME,
        requesterEmail: `requester.${randomUUID()}@requester.example`,
        companyName: run.environment.companyName,
        kvkNumber: run.environment.kvkNumber,
        method: usesExtract ? 'chamber_extract' : 'email',
        language: 'en',
      },
      // Sent again after a 503 or no answer, the same request starts no second case.
      headers: { 'idempotency-key': `traffic-${randomUUID()}` },
    });
    const reference = intake.body.reference;
    if (!isSuccess(intake) || typeof reference !== 'string') throw refusal('the intake', intake);
    run.reference = reference;
    run.lastStatus = 'awaiting_confirmation';
    run.token = await this.mailbox.token(reference);
    await this.requesterAction(run, ENDPOINT.confirm, 'confirm');

    switch (run.kind) {
      case 'email_approved':
        await this.codeEntered(run);
        await this.decide(run, { decision: 'approve' });
        break;
      case 'rejected':
        await this.codeEntered(run);
        await this.decide(run, { decision: 'reject', reason: 'The traffic rejects this kind of case.' });
        break;
      case 'cancelled':
        await this.codeEntered(run);
        await this.requesterAction(run, ENDPOINT.cancel, 'cancel');
        break;
      case 'objected': {
        await this.codeEntered(run);
        await this.decide(run, { decision: 'approve' });
        const objection = await this.mailbox.objectionToken(reference);
        const objected = await this.send(run, ENDPOINT.objection, 'POST', `/api/objections/${objection}`, {
          body: { reason: 'We do not know this person.' },
        });
        if (!succeeded(objected)) throw refusal('the objection', objected);
        await this.agentSees(run, 'awaiting_review');
        await this.decide(run, { decision: 'reject', reason: 'Someone of the environment objected.' });
        break;
      }
      case 'extract_approved':
        await this.extractUploaded(run);
        await this.decide(run, { decision: 'approve' });
        break;
      case 'document_requested':
        await this.extractUploaded(run);
        await this.decide(run, { decision: 'request_document', reason: 'Please upload a newer extract.' });
        await this.mailbox.documentRequested(reference);
        await this.extractUploaded(run);
        await this.decide(run, { decision: 'approve' });
        break;
    }
    await this.requesterSeesEnd(run);
  }

  /** The requester enters the mailed code while the agent watches the case, as it happens: both at once. */
  private async codeEntered(run: CaseRun): Promise<void> {
    const code = await this.mailbox.code(requireReference(run));
    let codeRefused = false;
    const entering = this.requesterAction(run, ENDPOINT.emailCode, 'email-code', { code }).catch(
      (error: unknown) => {
        codeRefused = true;
        throw error;
      },
    );
    const watching = this.agentSees(run, 'awaiting_review', () => codeRefused);
    const [entered, watched] = await Promise.allSettled([entering, watching]);
    if (entered.status === 'rejected') throw entered.reason;
    if (watched.status === 'rejected') throw watched.reason;
  }

  /** The requester uploads a readable extract; the agent watches until it has been read. */
  private async extractUploaded(run: CaseRun): Promise<void> {
    const extract = await extractPdf({
      language: 'nl',
      kvkNumber: run.environment.kvkNumber,
      companyName: run.environment.companyName,
      madeOn: new Date(),
      officers: [{ name: REQUESTER_ON_EXTRACT, authority: 'sole' }],
    });
    const reference = requireReference(run);
    const form = new FormData();
    form.append('file', new Blob([extract], { type: 'application/pdf' }), 'uittreksel.pdf');
    const uploaded = await this.send(
      run,
      ENDPOINT.upload,
      'POST',
      `/api/recovery-requests/${reference}/documents`,
      {
        token: run.token,
        form,
      },
    );
    if (!succeeded(uploaded)) throw refusal('the upload', uploaded);
    this.noteStatus(run, uploaded);
    await this.agentSees(run, 'awaiting_review');
  }

  private async requesterAction(
    run: CaseRun,
    endpoint: Endpoint,
    action: string,
    body?: unknown,
  ): Promise<void> {
    const path = `/api/recovery-requests/${requireReference(run)}/${action}`;
    const before = run.lastStatus;
    const answer = await this.send(run, endpoint, 'POST', path, { token: run.token, body });
    if (!succeeded(answer)) throw refusal(action, answer);
    this.noteStatus(run, answer);
    // Told it cannot be done now after a try whose answer was lost: that try may still be under way. The
    // person looks at their page until it shows the case moved on, before the next step.
    if (!isSuccess(answer)) await this.requesterSeesMove(run, before);
  }

  private async requesterSeesMove(run: CaseRun, from: string | undefined): Promise<void> {
    const deadline = Date.now() + this.stepTimeoutMs;
    for (;;) {
      await this.lookAsRequester(run);
      if (run.lastStatus !== from) return;
      if (Date.now() >= deadline) {
        throw new Error(`the case stayed ${String(from)} for ${this.stepTimeoutMs / 1000} s`);
      }
      await sleep(REQUESTER_LOOK_MS);
    }
  }

  private async decide(run: CaseRun, body: { decision: string; reason?: string }): Promise<void> {
    const path = `/api/cases/${requireReference(run)}/decision`;
    // On the version the agent's last look showed, as the console sends it.
    const answer = await this.asAgent(run, ENDPOINT.decision, 'POST', path, {
      ...body,
      version: run.version,
    });
    if (!succeeded(answer)) throw refusal(`the decision to ${body.decision}`, answer);
    this.noteStatus(run, answer);
  }

  /**
   * The agent looks at the case until it is in `wanted` (quickly at first, then less often); fails when
   * the case ends elsewhere, or when `giveUp` says the wait is pointless.
   */
  private async agentSees(run: CaseRun, wanted: string, giveUp = (): boolean => false): Promise<void> {
    const path = `/api/cases/${requireReference(run)}`;
    const deadline = Date.now() + this.stepTimeoutMs;
    for (let pause = AGENT_FIRST_LOOK_MS; ; pause = Math.min(pause * 1.5, AGENT_LOOK_MAX_MS)) {
      if (giveUp()) return;
      const view = await this.asAgent(run, ENDPOINT.caseView, 'GET', path);
      if (isSuccess(view)) {
        this.noteStatus(run, view);
        if (typeof view.body.version === 'string') run.version = view.body.version;
        if (run.lastStatus === wanted) return;
        if (hasStopped(run.lastStatus)) throw new Error(`the case went to ${run.lastStatus}, not ${wanted}`);
      }
      if (Date.now() >= deadline) {
        throw new Error(`the agent did not see ${wanted} within ${this.stepTimeoutMs / 1000} s`);
      }
      await sleep(pause);
    }
  }

  /** The requester's page, looked at until the case has ended (or stopped with support). */
  private async requesterSeesEnd(run: CaseRun): Promise<void> {
    const deadline = Date.now() + this.stepTimeoutMs;
    for (;;) {
      await this.lookAsRequester(run);
      if (hasStopped(run.lastStatus)) return;
      if (Date.now() >= deadline) {
        throw new Error(`the case did not end within ${this.stepTimeoutMs / 1000} s`);
      }
      await sleep(REQUESTER_LOOK_MS);
    }
  }

  private async lookAsRequester(run: CaseRun): Promise<void> {
    if (run.reference === undefined || run.token === undefined) return;
    const path = `/api/recovery-requests/${run.reference}`;
    this.noteStatus(run, await this.send(run, ENDPOINT.status, 'GET', path, { token: run.token }));
  }

  private noteStatus(run: CaseRun, answer: TimedAnswer): void {
    const status = answer.body.status;
    if (isSuccess(answer) && typeof status === 'string') run.lastStatus = status;
  }

  /** A request of the agent's; a session that ended (401) is signed in again, once. */
  private async asAgent(
    run: CaseRun,
    endpoint: Endpoint,
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
  ): Promise<DrivenAnswer> {
    const answer = await this.send(run, endpoint, method, path, { token: this.agentToken, body });
    if (answer.status !== 401) return answer;
    await this.signIn();
    return this.send(run, endpoint, method, path, { token: this.agentToken, body });
  }

  private async signIn(): Promise<void> {
    const answer = await this.send(undefined, ENDPOINT.signIn, 'POST', '/api/staff/session', {
      body: this.options.agent,
    });
    const token = answer.body.token;
    if (typeof token !== 'string') throw refusal('the sign-in', answer);
    this.agentToken = token;
  }

  /**
   * One request to the next api, counted by endpoint; sent again as a person would: after a busy 409, a 503
   * or no answer; the retries count for `run`. Rejects only when no try got an answer.
   */
  private async send(
    run: CaseRun | undefined,
    endpoint: Endpoint,
    method: 'GET' | 'POST',
    path: string,
    options: TimedRequestOptions,
  ): Promise<DrivenAnswer> {
    let lostAnswer = false;
    for (let attempt = 1; ; attempt += 1) {
      if (this.closed) throw new Error('the traffic was closed');
      const baseUrl = this.options.apiUrls[this.nextApi++ % this.options.apiUrls.length] as string;
      const sentAt = performance.now();
      let answer: TimedAnswer | undefined;
      let failure: unknown;
      try {
        answer = await timedRequest(baseUrl, method, path, options);
      } catch (error) {
        failure = error;
      }
      this.measurements.answer(endpoint, answer?.status ?? 0, answer?.ms ?? performance.now() - sentAt);
      const busy = answer?.status === 409 && BUSY_MESSAGE.test(String(answer.body.message));
      const unavailable = answer === undefined || answer.status === 503;
      const attempts = busy ? BUSY_ATTEMPTS : UNAVAILABLE_ATTEMPTS;
      if ((!busy && !unavailable) || attempt >= attempts) {
        if (answer === undefined) throw new Error(`${endpoint} got no answer: ${messageOf(failure)}`);
        return { ...answer, afterLostAnswer: lostAnswer };
      }
      lostAnswer ||= unavailable;
      this.measurements.retry(endpoint);
      if (run) run.retries += 1;
      await sleep(busy ? BUSY_RETRY_MS : UNAVAILABLE_RETRY_MS);
    }
  }
}

/**
 * Done, as far as the person can tell: a 2xx, or a 409 after a try whose answer was lost (a 503 or none),
 * which may have been carried out; the next step's wait tells.
 */
const succeeded = (answer: DrivenAnswer): boolean =>
  isSuccess(answer) || (answer.afterLostAnswer && answer.status === 409);

/** The case has ended, or waits for support: it will not move by itself. */
function hasStopped(status: string | undefined): boolean {
  return (
    status !== undefined &&
    isCaseStatus(status) &&
    (FINAL_CASE_STATUSES.has(status) || status === 'needs_attention')
  );
}

function requireReference(run: CaseRun): string {
  if (run.reference === undefined) throw new Error('the case has no reference yet');
  return run.reference;
}

const refusal = (what: string, answer: TimedAnswer): Error =>
  new Error(
    `${what} answered ${answer.status} ${typeof answer.body.code === 'string' ? answer.body.code : ''}`.trim(),
  );

const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));
const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));
