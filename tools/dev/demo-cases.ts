// The demo cases of `npm run dev`: a few recovery cases in different states, so that the console shows
// something at once. Each is made as a requester and an agent would make it, through the HTTP API and the
// real workflow (never by writing rows), against the demo directory (examples/directory.json); the mailed
// links and codes are read from the built-in mail catcher.
import type { CaseStatus } from '@app/domain';
import type { CapturedMail } from '../mail-catcher/captured-mail';
import { accessLinkIn, codeIn, type AccessLinkInMail } from '../mail-catcher/mail-contents';
import { extractPdf } from '../pdf/extract-pdf';

/** Where the service's mail can be read in this process: the mail catcher it sends to. */
export interface MailReader {
  waitForMail(predicate: (mail: CapturedMail) => boolean, timeoutMs?: number): Promise<CapturedMail>;
}

export interface DemoCasesOptions {
  /** The api as this process reaches it, for example `http://127.0.0.1:3000`. */
  apiUrl: string;
  /** The staff account that signs in to decide (the demo agent). */
  agent: { email: string; password: string };
  /** The mail catcher the service sends to; without one, only the case that needs no mail is made. */
  mail?: MailReader | undefined;
  /** How long one step may wait for a mail or for the workflow; 20 seconds by default. */
  stepTimeoutMs?: number;
  /** Awaited before the first case is submitted: until the worker takes work, say. */
  beforeMaking?: () => Promise<void>;
}

interface DemoCase {
  reference: string;
  status: CaseStatus;
  /** Who asked for what, and how far it got: one line of the start banner. */
  summary: string;
}

interface DemoCaseFailure {
  summary: string;
  reason: string;
}

export interface DemoCasesResult {
  cases: DemoCase[];
  failures: DemoCaseFailure[];
  /** The cases that need a mailed link or code, left out because no mail catcher was given. */
  leftOut: number;
}

/** Makes the demo cases unless the database has cases already; undefined when it has. */
export async function createDemoCasesIfNone(options: DemoCasesOptions): Promise<DemoCasesResult | undefined> {
  const api = new DemoApi(options.apiUrl);
  const agentToken = await api.signIn(options.agent);
  const existing = await api.call<{ items: unknown[] }>(
    'GET',
    '/api/cases?limit=1',
    { token: agentToken },
    200,
  );
  if (existing.items.length > 0) return undefined;
  return makeDemoCases(api, agentToken, options);
}

/** Makes the demo cases, whatever the database holds already. */
export async function createDemoCases(options: DemoCasesOptions): Promise<DemoCasesResult> {
  const api = new DemoApi(options.apiUrl);
  return makeDemoCases(api, await api.signIn(options.agent), options);
}

/** One demo case: how it is made and the state it is left in. */
interface Scenario {
  summary: string;
  status: CaseStatus;
  needsMail: boolean;
  /** Answers the case's reference once it is on its way to `status`. */
  make(steps: DemoSteps): Promise<string>;
}

// The demo directory: its environments, organisations and addresses (see examples/directory.json). Each
// environment is sent at most one email code below, so a code mail is known by its recipient.
const SCENARIOS: readonly Scenario[] = [
  {
    summary: 'Bas Jansen for Acme (ENV-1001), email method: the mailed link not opened yet',
    status: 'awaiting_confirmation',
    needsMail: false,
    make: (steps) =>
      steps.submit({
        requesterName: 'Bas Jansen',
        requesterEmail: 'bas.jansen@acme.example',
        companyName: 'Acme B.V.',
        kvkNumber: '12345678',
        formerAdminEmail: 'anna@acme.example',
        method: 'email',
        message: 'Anna de Vries has left; nobody can add our new colleagues.',
      }),
  },
  {
    summary:
      'Joris de Boer for Noordzee Logistiek (ENV-1003), email method: the code mailed, not entered yet',
    status: 'awaiting_email_code',
    needsMail: true,
    async make(steps) {
      const kase = await steps.submitAndConfirm({
        requesterName: 'Joris de Boer',
        requesterEmail: 'joris.deboer@noordzee.example',
        companyName: 'Noordzee Transport B.V.',
        kvkNumber: '67890123',
        method: 'email',
      });
      await steps.mailedCode('it@noordzee.example');
      return kase.reference;
    },
  },
  {
    summary: 'Fatima El Amrani for Bakkerij De Molen (ENV-1002, orphaned), email method: the code entered',
    status: 'awaiting_review',
    needsMail: true,
    async make(steps) {
      const kase = await steps.submitAndConfirm({
        requesterName: 'Fatima El Amrani',
        requesterEmail: 'fatima@demolen.example',
        requesterPhone: '+31 20 555 0142',
        companyName: 'Bakkerij De Molen B.V.',
        kvkNumber: '34567890',
        formerAdminEmail: 'erik@demolen.example',
        method: 'email',
        message: 'Erik van der Molen, our only administrator, has retired.',
      });
      await steps.enterCode(kase, await steps.mailedCode('info@demolen.example'));
      return kase.reference;
    },
  },
  {
    summary: 'Sophie Meijer for Acme Logistics B.V. (ENV-1001), extract method: her extract read',
    status: 'awaiting_review',
    needsMail: true,
    async make(steps) {
      const kase = await steps.submitAndConfirm({
        requesterName: 'Sophie Meijer',
        requesterEmail: 'sophie.meijer@acme.example',
        companyName: 'Acme Logistics B.V.',
        kvkNumber: '23456789',
        method: 'chamber_extract',
      });
      await steps.upload(
        kase,
        await extractPdf({
          language: 'nl',
          kvkNumber: '23456789',
          companyName: 'Acme Logistics B.V.',
          madeOn: new Date(),
          officers: [{ name: 'Meijer, Sophie', role: 'bestuurder', authority: 'sole' }],
        }),
      );
      return kase.reference;
    },
  },
  {
    summary: 'Mark de Wit for De Molen Vastgoed B.V. (ENV-1002), extract method: not on it, rejected',
    status: 'rejected',
    needsMail: true,
    async make(steps) {
      const kase = await steps.submitAndConfirm({
        requesterName: 'Mark de Wit',
        requesterEmail: 'mark@dewit-advies.example',
        companyName: 'De Molen Vastgoed B.V.',
        kvkNumber: '45678901',
        method: 'chamber_extract',
      });
      await steps.upload(
        kase,
        await extractPdf({
          language: 'en',
          kvkNumber: '45678901',
          companyName: 'De Molen Vastgoed B.V.',
          madeOn: new Date(),
          officers: [{ name: 'Van der Molen, Erik', role: 'bestuurder', authority: 'sole' }],
        }),
      );
      await steps.reachStatus(kase.reference, 'awaiting_review');
      await steps.reject(
        kase.reference,
        'The extract names Erik van der Molen as the only director; you are not authorised to act for the company.',
      );
      return kase.reference;
    },
  },
];

async function makeDemoCases(
  api: DemoApi,
  agentToken: string,
  options: DemoCasesOptions,
): Promise<DemoCasesResult> {
  await options.beforeMaking?.();
  const mail = options.mail;
  const timeoutMs = options.stepTimeoutMs ?? 20_000;
  const chosen = SCENARIOS.filter((scenario) => mail !== undefined || !scenario.needsMail);
  // All at once: each waits mostly on the worker and on mail, and they touch different cases.
  const outcomes = await Promise.allSettled(
    chosen.map(async (scenario) => {
      const steps = new DemoSteps(api, agentToken, mail, timeoutMs);
      const reference = await scenario.make(steps);
      await steps.reachStatus(reference, scenario.status);
      return { reference, status: scenario.status, summary: scenario.summary };
    }),
  );
  const result: DemoCasesResult = { cases: [], failures: [], leftOut: SCENARIOS.length - chosen.length };
  outcomes.forEach((outcome, index) => {
    const summary = chosen[index]?.summary ?? '';
    if (outcome.status === 'fulfilled') result.cases.push(outcome.value);
    else result.failures.push({ summary, reason: messageOf(outcome.reason) });
  });
  return result;
}

/** A case as its requester holds it: the reference and the token of the mailed link. */
type AccessLink = Pick<AccessLinkInMail, 'reference' | 'token'>;

/** What a requester and an agent do, over HTTP, for one demo case. */
class DemoSteps {
  constructor(
    private readonly api: DemoApi,
    private readonly agentToken: string,
    private readonly mail: MailReader | undefined,
    private readonly timeoutMs: number,
  ) {}

  /** Submits the request form; answers the reference. */
  async submit(request: Record<string, string>): Promise<string> {
    const accepted = await this.api.call<{ reference: string }>(
      'POST',
      '/api/recovery-requests',
      { body: request },
      202,
    );
    return accepted.reference;
  }

  /** Submits, follows the mailed link and confirms the mailbox. */
  async submitAndConfirm(request: Record<string, string>): Promise<AccessLink> {
    const reference = await this.submit(request);
    const requesterEmail = (request.requesterEmail ?? '').toLowerCase();
    const mail = await this.waitForMail(
      `the mail with the access link to ${requesterEmail}`,
      (m) => m.to.includes(requesterEmail) && accessLinkIn(m)?.reference === reference,
    );
    const link = accessLinkIn(mail);
    if (!link) throw new Error(`no access link in the mail to ${requesterEmail}`);
    await this.api.call('POST', `/api/recovery-requests/${reference}/confirm`, { token: link.token }, 200);
    return link;
  }

  /** The email code the workflow mailed to one of the environment's known addresses. */
  async mailedCode(address: string): Promise<string> {
    const mail = await this.waitForMail(
      `the mail with the code to ${address}`,
      (m) => m.to.includes(address) && codeIn(m) !== undefined,
    );
    const code = codeIn(mail);
    if (code === undefined) throw new Error(`no code in the mail to ${address}`);
    return code;
  }

  async enterCode(link: AccessLink, code: string): Promise<void> {
    await this.api.call(
      'POST',
      `/api/recovery-requests/${link.reference}/email-code`,
      { token: link.token, body: { code } },
      200,
    );
  }

  /** Uploads an extract as the case page's form does: multipart, field `file`. */
  async upload(link: AccessLink, pdf: Buffer): Promise<void> {
    const form = new FormData();
    form.append('file', new Blob([pdf], { type: 'application/pdf' }), 'uittreksel-handelsregister.pdf');
    await this.api.call(
      'POST',
      `/api/recovery-requests/${link.reference}/documents`,
      { token: link.token, form },
      202,
    );
  }

  /** The demo agent's decision, as the console posts it: on the version of the case the agent sees. */
  async reject(reference: string, reason: string): Promise<void> {
    const view = await this.api.call<{ version: string }>(
      'GET',
      `/api/cases/${reference}`,
      { token: this.agentToken },
      200,
    );
    await this.api.call(
      'POST',
      `/api/cases/${reference}/decision`,
      { token: this.agentToken, body: { decision: 'reject', reason, version: view.version } },
      200,
    );
  }

  /** Waits until the agent's view of the case shows `status` (the worker moves cases in the background). */
  async reachStatus(reference: string, status: CaseStatus): Promise<void> {
    const deadline = Date.now() + this.timeoutMs;
    let seen = '';
    for (;;) {
      const kase = await this.api.call<{ status: string }>(
        'GET',
        `/api/cases/${reference}`,
        { token: this.agentToken },
        200,
      );
      seen = kase.status;
      if (seen === status) return;
      if (Date.now() >= deadline) {
        throw new Error(`${reference} is ${seen}, not ${status}, after ${this.timeoutMs / 1000} s`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  private waitForMail(what: string, predicate: (mail: CapturedMail) => boolean): Promise<CapturedMail> {
    if (!this.mail) throw new Error(`${what} cannot be read without the mail catcher`);
    return this.mail.waitForMail(predicate, this.timeoutMs).catch(() => {
      throw new Error(`${what} did not come within ${this.timeoutMs / 1000} s`);
    });
  }
}

/** A small JSON client of our api that says which call failed, and how. */
class DemoApi {
  constructor(private readonly baseUrl: string) {}

  /** Signs a staff member in with POST /api/staff/session; answers the session token. */
  async signIn(staff: { email: string; password: string }): Promise<string> {
    const session = await this.call<{ token: string }>(
      'POST',
      '/api/staff/session',
      { body: { email: staff.email, password: staff.password } },
      201,
    );
    return session.token;
  }

  async call<T = unknown>(
    method: string,
    path: string,
    options: { token?: string; body?: unknown; form?: FormData },
    expected: number,
  ): Promise<T> {
    const headers: Record<string, string> = {};
    if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      body: options.form ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
    });
    const text = await response.text();
    if (response.status !== expected) {
      throw new Error(
        `${method} ${path.replace(/\?.*$/, '')} answered ${response.status}: ${errorMessageOf(text)}`,
      );
    }
    return (text === '' ? undefined : JSON.parse(text)) as T;
  }
}

/** The `message` of one of our error answers, or the start of whatever else came back. */
function errorMessageOf(text: string): string {
  try {
    const { message } = JSON.parse(text) as { message?: unknown };
    if (typeof message === 'string') return message;
    if (Array.isArray(message)) return message.join('; ');
  } catch {
    // not JSON: the text as it is
  }
  return text.slice(0, 300);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
