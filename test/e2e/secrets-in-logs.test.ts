import { randomInt, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { MailCatcher } from '../../tools/mail-catcher/mail-catcher';
import { freePort } from '../../tools/support/free-port';
import { spawnApi, type ApiProcess } from '../support/api-process';
import { accessLinkFrom } from '../support/access-link';
import { openTestDatabase } from '../support/database';
import { newEnvironment, platformToken } from '../support/directory';
import { eventually } from '../support/eventually';
import { newRecoveryRequest } from '../support/factories';
import { bearer, requestJson } from '../support/http-client';
import { PageClient } from '../support/page-client';
import { caseVersionOf, codeFrom } from '../support/recovery-flow';
import { newStaff, staffCookie } from '../support/staff';
import { testInfrastructure } from '../support/test-infrastructure';
import type { ServiceProcess } from '../support/source-process';
import { spawnWorker } from '../support/worker-process';
import { objectionTokenIn } from '../../tools/mail-catcher/mail-contents';

// The most a production deployment logs short of `trace` (which is for chasing one problem, not for running).
const LOG_LEVEL = 'debug';

/** What must never reach a log, by what it is; filled in while the credentials are used below. */
const secrets = new Map<string, string[]>();
const keep = (what: string, ...values: string[]): void => {
  secrets.set(what, [...(secrets.get(what) ?? []), ...values]);
};

/** A requester whose name, address and phone number appear nowhere else (so any hit is theirs). */
function newRequester(): { requesterName: string; requesterEmail: string; requesterPhone: string } {
  const unique = randomUUID().slice(0, 8);
  return {
    requesterName: `Ysolde Quist-${unique}`,
    requesterEmail: `ysolde.${unique}@requester.example`,
    requesterPhone: `+31 6 ${String(randomInt(10_000_000, 100_000_000))}`,
  };
}

/** Request ids the client chose (`X-Request-Id`), to find the lines of two requests in the api's log. */
const REQUEST_IDS = { intake: `intake-${randomUUID()}`, status: `status-${randomUUID()}` };

describe('secrets and personal data in the logs of the api and the worker', () => {
  let mail: MailCatcher;
  let db: DataSource;
  let api: ApiProcess;
  let worker: ServiceProcess;
  let reference: string;
  const running: { stop(): Promise<void> }[] = [];

  beforeAll(async () => {
    mail = new MailCatcher();
    await mail.start();
    db = await openTestDatabase();
    const infrastructure = testInfrastructure();
    // Both processes from source, as production runs them, writing their JSON lines to standard output.
    const shared = {
      NODE_ENV: 'test',
      DATABASE_URL: infrastructure.databaseUrl,
      TEMPORAL_ADDRESS: infrastructure.temporalAddress,
      TEMPORAL_TASK_QUEUE: `secrets-log-${randomUUID()}`,
      WORKFLOW_BUNDLE_PATH: infrastructure.workflowBundlePath,
      SMTP_URL: mail.smtpUrl,
      PUBLIC_BASE_URL: 'http://recovery.test',
      SECRET_KEY: `secrets-log-key-${randomUUID()}`,
      PLATFORM_JWT_SECRET: `secrets-log-jwt-${randomUUID()}`,
      LOG_LEVEL,
    };
    const [apiStart, workerStart] = await Promise.allSettled([
      spawnApi(shared, await freePort()),
      spawnWorker(shared),
    ]);
    // Whichever started is stopped after the tests, also when the other did not start.
    for (const start of [apiStart, workerStart]) if (start.status === 'fulfilled') running.push(start.value);
    if (apiStart.status === 'rejected') throw apiStart.reason;
    if (workerStart.status === 'rejected') throw workerStart.reason;
    [api, worker] = [apiStart.value, workerStart.value];
    keep("the service's keys", shared.SECRET_KEY, shared.PLATFORM_JWT_SECRET);
    reference = await useEveryCredential(shared.PLATFORM_JWT_SECRET);
    // Stopped before anything is searched: each finishes what it was doing and writes its last lines.
    await Promise.all([api.stop(), worker.stop()]);
  });

  afterAll(async () => {
    await Promise.all(running.map((started) => started.stop()));
    await mail.stop();
    await db.destroy();
  });

  /** A recovery case from intake to an objection, using every credential the service knows on the way. */
  async function useEveryCredential(platformJwtSecret: string): Promise<string> {
    const { environment, organisations, users } = await newEnvironment(db, {
      organisations: 1,
      users: [{ role: 'administrator', status: 'deactivated' }, { role: 'user' }],
    });
    const colleague = users[1];
    if (!colleague) throw new Error('no active user');
    const requester = newRequester();
    keep("the requester's name", requester.requesterName);
    keep("the requester's email address", requester.requesterEmail);
    keep("the requester's phone number", requester.requesterPhone);

    // The intake, through the API; the case token comes by mail and is used as bearer and in the page link.
    const accepted = await requestJson<{ reference: string }>(api.baseUrl, 'POST', '/api/recovery-requests', {
      body: newRecoveryRequest({ ...requester, method: 'email', kvkNumber: organisations[0]?.kvkNumber }),
      headers: { 'x-request-id': REQUEST_IDS.intake },
    });
    expect(accepted.status).toBe(202);
    const link = accessLinkFrom(await mail.waitForMail((m) => m.to.includes(requester.requesterEmail)));
    keep('the case token', link.token);
    const asRequester = bearer(link.token);
    const caseApi = `/api/recovery-requests/${link.reference}`;
    expect(
      (
        await requestJson(api.baseUrl, 'GET', caseApi, {
          headers: { ...asRequester, 'x-request-id': REQUEST_IDS.status },
        })
      ).status,
    ).toBe(200);
    expect((await fetch(`${api.baseUrl}/recover/${link.reference}?token=${link.token}`)).status).toBe(200);

    // The email code: a wrong one first, then the right one.
    expect(
      (await requestJson(api.baseUrl, 'POST', `${caseApi}/confirm`, { headers: asRequester })).status,
    ).toBe(200);
    const code = codeFrom(
      await mail.waitForMail(
        (m) => m.subject.includes(link.reference) && m.to.includes(environment.contactEmail),
      ),
    );
    const wrongCode = String((Number(code) + 1) % 100_000_000).padStart(8, '0');
    keep('the email codes', code, wrongCode);
    const enter = (attempt: string) =>
      requestJson(api.baseUrl, 'POST', `${caseApi}/email-code`, {
        headers: asRequester,
        body: { code: attempt },
      });
    expect((await enter(wrongCode)).status).toBe(400);
    expect((await enter(code)).status).toBe(200);

    // Staff sign in through the API (a wrong password first) and through the console's form.
    const agent = await newStaff(db, { role: 'agent' });
    const wrongPassword = `wrong-password-${randomUUID()}`;
    keep('the staff passwords', agent.password, wrongPassword);
    const signIn = (password: string) =>
      requestJson<{ token?: string }>(api.baseUrl, 'POST', '/api/staff/session', {
        body: { email: agent.email, password },
      });
    expect((await signIn(wrongPassword)).status).toBe(401);
    const session = (await signIn(agent.password)).body.token ?? '';
    const browser = await PageClient.signedIn(api.baseUrl, agent);
    const consoleSession = browser.cookie('staff_session') ?? '';
    keep('the staff session tokens', session, consoleSession);
    const staffCase = `/api/cases/${link.reference}`;
    expect((await requestJson(api.baseUrl, 'GET', staffCase, { headers: bearer(session) })).status).toBe(200);
    expect((await requestJson(api.baseUrl, 'GET', staffCase, { headers: staffCookie(session) })).status).toBe(
      200,
    );
    expect((await browser.get(`/console/cases/${link.reference}`)).status).toBe(200);

    // Approval: the cooling-off notice carries an objection link; opened through the API and the page.
    const version = await caseVersionOf(api.baseUrl, session, link.reference);
    const approved = await requestJson(api.baseUrl, 'POST', `${staffCase}/decision`, {
      headers: bearer(session),
      body: { decision: 'approve', version },
    });
    expect(approved.status).toBe(200);
    const notice = await mail.waitForMail(
      (m) => m.to.includes(colleague.email) && m.text.includes('/objections/'),
    );
    const objection = objectionTokenIn(notice) ?? '';
    keep('the objection link token', objection);
    expect((await requestJson(api.baseUrl, 'GET', `/api/objections/${objection}`)).status).toBe(200);
    const objectionPage = await (await browser.get(`/objections/${objection}`)).text();
    const objected = await browser.post(`/objections/${objection}`, {
      _csrf: PageClient.hiddenField(objectionPage, '_csrf'),
      reason: 'Our administrator is on holiday, not gone.',
    });
    expect(objected.status).toBe(200);

    // A platform user of the environment, with the platform's token.
    const jwt = platformToken(platformJwtSecret, colleague.id);
    keep('the platform access token', jwt, jwt.split('.')[2] ?? jwt);
    expect(
      (await requestJson(api.baseUrl, 'GET', `/api/environments/${environment.id}`, { headers: bearer(jwt) }))
        .status,
    ).toBe(200);

    // A second requester through the request form, and the staff session ended.
    const formRequester = newRequester();
    keep("the requester's name", formRequester.requesterName);
    keep("the requester's email address", formRequester.requesterEmail);
    keep("the requester's phone number", formRequester.requesterPhone);
    const form = await (await browser.get('/recover')).text();
    const sent = await browser.post('/recover', {
      _csrf: PageClient.hiddenField(form, '_csrf'),
      idempotencyKey: PageClient.hiddenField(form, 'idempotencyKey'),
      ...formRequester,
      companyName: 'Acme B.V.',
      method: 'email',
    });
    expect(sent.status).toBe(303);
    expect(
      (await requestJson(api.baseUrl, 'DELETE', '/api/staff/session', { headers: bearer(session) })).status,
    ).toBe(204);

    // Everything has happened once the objection is back with the agents and the form's access link is out.
    await eventually(async () => {
      const [row] = await db.query<{ status: string }[]>(
        'SELECT status FROM recovery_cases WHERE reference = $1',
        [link.reference],
      );
      expect(row?.status).toBe('awaiting_review');
      expect(mail.mails.some((m) => m.to.includes(formRequester.requesterEmail))).toBe(true);
    }, 20_000);
    return link.reference;
  }

  const logs = () => ({
    api: `${api.lines().join('\n')}\n${api.errorOutput()}`,
    worker: `${worker.lines().join('\n')}\n${worker.errorOutput()}`,
  });

  /** The lines of a log that hold the value (as written, or as a URL would carry it). */
  function linesWith(log: string, value: string): string[] {
    const spellings = [...new Set([value, encodeURIComponent(value), value.replace(/\D/g, '')])].filter(
      (spelling) => spelling.length >= 6,
    );
    // A number counts only on its own, not inside a longer one (a timestamp holds every 8 digits at times).
    const patterns = spellings.map((spelling) =>
      /^\d+$/.test(spelling) ? new RegExp(`(?<!\\d)${spelling}(?!\\d)`) : new RegExp(escapeRegExp(spelling)),
    );
    return log.split('\n').filter((line) => patterns.some((pattern) => pattern.test(line)));
  }

  it('searches real output: both logs hold lines of this case, the api one for every request made', () => {
    const entries = (text: string) =>
      text
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as { msg?: string; req?: { method: string; path: string } });
    const api = entries(logs().api);
    const completed = api
      .filter((entry) => entry.msg === 'request completed')
      .map((entry) => `${entry.req?.method} ${entry.req?.path}`);
    expect(completed).toEqual(
      expect.arrayContaining([
        'POST /api/recovery-requests',
        `GET /api/recovery-requests/${reference}`,
        `GET /recover/${reference}`,
        `POST /api/recovery-requests/${reference}/confirm`,
        `POST /api/recovery-requests/${reference}/email-code`,
        'POST /api/staff/session',
        'POST /console/sign-in',
        `GET /api/cases/${reference}`,
        `GET /console/cases/${reference}`,
        'GET /api/objections/***',
        'GET /objections/***',
        'POST /objections/***',
        'POST /api/objections/***',
        expect.stringMatching(/^GET \/api\/environments\/[0-9a-f-]{36}$/),
        'POST /recover',
        'DELETE /api/staff/session',
      ]),
    );
    expect(logs().worker).toContain(reference);
  });

  it("writes JSON lines with the client's request id and the case reference", () => {
    const entries = logs()
      .api.split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const ofRequest = (id: string) =>
      entries.filter((e) => (e.req as { id?: string } | undefined)?.id === id || e.requestId === id);
    const intake = ofRequest(REQUEST_IDS.intake);
    expect(intake.map((entry) => entry.msg)).toContain('recovery request accepted');
    expect(intake.at(-1)?.msg).toBe('request completed');
    expect(ofRequest(REQUEST_IDS.status).map((entry) => entry.msg)).toContain('request completed');
    // From the moment the case exists, every line of its requests names it.
    const named = intake.slice(intake.findIndex((e) => e.msg === 'recovery request accepted'));
    for (const entry of [...named, ...ofRequest(REQUEST_IDS.status)]) {
      expect({ msg: entry.msg, caseReference: entry.caseReference }).toEqual({
        msg: entry.msg,
        caseReference: reference,
      });
    }
  });

  it.each([
    'the case token',
    'the email codes',
    'the staff passwords',
    'the staff session tokens',
    'the objection link token',
    'the platform access token',
    "the service's keys",
    "the requester's email address",
    "the requester's name",
    "the requester's phone number",
  ])('writes %s to neither log', (what) => {
    const values = secrets.get(what) ?? [];
    expect(values.length).toBeGreaterThan(0);
    for (const value of values) {
      // An empty value (a step that gave nothing) would be found nowhere and prove nothing.
      expect(value.length).toBeGreaterThanOrEqual(8);
      expect({ value, api: linesWith(logs().api, value) }).toEqual({ value, api: [] });
      expect({ value, worker: linesWith(logs().worker, value) }).toEqual({ value, worker: [] });
    }
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
