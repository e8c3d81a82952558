import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { freePort } from '../../tools/support/free-port';
import { spawnApi, type ApiProcess } from '../support/api-process';
import { newRecoveryRequest } from '../support/factories';
import { requestJson } from '../support/http-client';
import { PageClient } from '../support/page-client';
import { testConfig } from '../support/test-config';
import { testInfrastructure } from '../support/test-infrastructure';
import { startApi } from '../support/test-service';

const HOUR_MS = 3_600_000;
// The api sits behind one proxy that names the client (X-Forwarded-For).
const LONG_WINDOW = { INTAKE_RATE_LIMIT: '3', INTAKE_RATE_WINDOW: 'PT1H', TRUST_PROXY_HOPS: '1' };
const SHORT_WINDOW_MS = 3_000;
const SHORT_WINDOW = { INTAKE_RATE_LIMIT: '2', INTAKE_RATE_WINDOW: 'PT3S', TRUST_PROXY_HOPS: '1' };

interface Answer {
  status: number;
  message: string;
  retryAfter: number | null;
  /** When the request left and when its answer came (the api read the clock in between). */
  sentAt: number;
  answeredAt: number;
}

async function submitFrom(baseUrl: string, forwardedFor: string): Promise<Answer> {
  const sentAt = Date.now();
  const answer = await requestJson<{ message?: string }>(baseUrl, 'POST', '/api/recovery-requests', {
    body: newRecoveryRequest(),
    headers: { 'x-forwarded-for': forwardedFor },
  });
  const retryAfter = answer.headers.get('retry-after');
  return {
    status: answer.status,
    message: answer.body.message ?? '',
    retryAfter: retryAfter === null ? null : Number(retryAfter),
    sentAt,
    answeredAt: Date.now(),
  };
}

/** Requests sent one after the other, each to the api (of several) and from the client given. */
async function inTurn(requests: [baseUrl: string, forwardedFor: string][]): Promise<Answer[]> {
  const answers: Answer[] = [];
  for (const [baseUrl, forwardedFor] of requests) answers.push(await submitFrom(baseUrl, forwardedFor));
  return answers;
}

/**
 * Runs `attempt` until one run starts and ends inside one window of the limit (fixed windows, aligned on
 * multiples of their length since the epoch), so all its requests were counted together whatever the wall
 * clock says. A run that crossed a window's end is made again, with new client addresses; a run is far
 * shorter than a window, so a second try is all it can need.
 */
async function inOneWindow<T>(
  windowMs: number,
  attempt: () => Promise<T>,
): Promise<T & { windowEnd: number }> {
  for (let tries = 1; tries <= 3; tries += 1) {
    const startedAt = Date.now();
    const windowEnd = startedAt - (startedAt % windowMs) + windowMs;
    const result = await attempt();
    if (Date.now() < windowEnd) return { ...result, windowEnd };
  }
  throw new Error('three runs in a row crossed the end of a window');
}

/** Retry-After counts the whole seconds from the moment the api refused to the end of the window. */
function expectRetryAfterAtWindowEnd(refused: Answer, windowEnd: number): void {
  expect(refused.retryAfter).toBeGreaterThanOrEqual(Math.ceil((windowEnd - refused.answeredAt) / 1000));
  expect(refused.retryAfter).toBeLessThanOrEqual(Math.ceil((windowEnd - refused.sentAt) / 1000));
}

/** A client address no other request of this file used. */
let clients = 0;
const newClient = (): string => {
  clients += 1;
  return `198.51.100.${clients}`;
};

describe('the intake rate limit', () => {
  let api: NestFastifyApplication;
  let baseUrl: string;
  let secondApi: ApiProcess;
  let secondBaseUrl: string;

  beforeAll(async () => {
    // Two api processes on one database, as production runs them: this one, and one of its own (nothing
    // held in a process's memory can be shared between them).
    const infrastructure = testInfrastructure();
    [{ api, baseUrl }, secondApi] = await Promise.all([
      startApi(testConfig(LONG_WINDOW)),
      spawnApi(
        {
          ...LONG_WINDOW,
          NODE_ENV: 'test',
          DATABASE_URL: infrastructure.databaseUrl,
          TEMPORAL_ADDRESS: infrastructure.temporalAddress,
          PUBLIC_BASE_URL: 'http://recovery.test',
          LOG_LEVEL: 'warn',
        },
        await freePort(),
      ),
    ]);
    secondBaseUrl = secondApi.baseUrl;
  });

  afterAll(async () => {
    await Promise.all([api.close(), secondApi.stop()]);
  });

  const fromOne = (client: string, times: number): [string, string][] =>
    Array.from({ length: times }, () => [baseUrl, client]);
  const statuses = (answers: Answer[]) => answers.map((answer) => answer.status);

  it('refuses a client more requests than the limit per window, saying when the window ends', async () => {
    const { answers, windowEnd } = await inOneWindow(HOUR_MS, async () => ({
      answers: await inTurn(fromOne(newClient(), 4)),
    }));
    expect(statuses(answers)).toEqual([202, 202, 202, 429]);
    const refused = answers[3] as Answer;
    expect(refused.message).toMatch(/Too many requests .* try again in \d+ minutes?\./);
    expectRetryAfterAtWindowEnd(refused, windowEnd);
  });

  it('counts each client on its own', async () => {
    const { answers } = await inOneWindow(HOUR_MS, async () => {
      const [first, second] = [newClient(), newClient()];
      return { answers: await inTurn([...fromOne(first, 4), [baseUrl, second]]) };
    });
    expect(statuses(answers)).toEqual([202, 202, 202, 429, 202]);
  });

  it('takes the address the proxy saw, not one the client wrote in front of it', async () => {
    // The client sends its own X-Forwarded-For; the proxy appends the address it saw. With one trusted
    // hop only that last entry counts: forged entries in front of it do not make new clients.
    const { answers } = await inOneWindow(HOUR_MS, async () => {
      const client = newClient();
      const forged = [newClient(), newClient(), newClient(), newClient()];
      return { answers: await inTurn(forged.map((address) => [baseUrl, `${address}, ${client}`])) };
    });
    expect(statuses(answers)).toEqual([202, 202, 202, 429]);
  });

  it('counts the requests of one client through two api processes together', async () => {
    const { answers } = await inOneWindow(HOUR_MS, async () => {
      const client = newClient();
      const alternating = [baseUrl, secondBaseUrl, baseUrl, secondBaseUrl, baseUrl];
      return { answers: await inTurn(alternating.map((url): [string, string] => [url, client])) };
    });
    expect(statuses(answers)).toEqual([202, 202, 202, 429, 429]);
  });

  it('counts the request form by the person who sends it, not by the page that calls the API', async () => {
    const { sent, refused, neighbours } = await inOneWindow(HOUR_MS, async () => {
      const person = newClient();
      const neighbour = newClient();
      const browser = new PageClient(baseUrl);
      const page = await (await browser.get('/recover', { 'x-forwarded-for': person })).text();
      const send = (from: string) => {
        const key = randomUUID();
        return browser.post(
          '/recover',
          {
            _csrf: PageClient.hiddenField(page, '_csrf'),
            idempotencyKey: key,
            requesterName: 'Anna de Vries',
            requesterEmail: `anna.${key}@acme.example`,
            companyName: 'Acme B.V.',
            method: 'email',
          },
          { 'x-forwarded-for': from },
        );
      };
      const statusesSent: number[] = [];
      for (let i = 0; i < 3; i += 1) statusesSent.push((await send(person)).status);
      const refusal = await send(person);
      return {
        sent: statusesSent,
        refused: { status: refusal.status, page: await refusal.text() },
        neighbours: (await send(neighbour)).status,
      };
    });
    expect(sent).toEqual([303, 303, 303]);
    expect(refused.status).toBe(429);
    expect(refused.page).toContain('Too many requests came from your network in a short time.');
    expect(neighbours).toBe(303);
  });

  describe(`with a window of ${SHORT_WINDOW_MS / 1000} seconds`, () => {
    let shortApi: NestFastifyApplication;
    let shortBaseUrl: string;

    beforeAll(async () => {
      ({ api: shortApi, baseUrl: shortBaseUrl } = await startApi(testConfig(SHORT_WINDOW)));
    });

    afterAll(async () => {
      await shortApi.close();
    });

    it('lets a refused client in again once the window has ended, as Retry-After says', async () => {
      const { client, answers, windowEnd } = await inOneWindow(SHORT_WINDOW_MS, async () => {
        const from = newClient();
        return { client: from, answers: await inTurn([1, 2, 3].map(() => [shortBaseUrl, from])) };
      });
      expect(statuses(answers)).toEqual([202, 202, 429]);
      const refused = answers[2] as Answer;
      expectRetryAfterAtWindowEnd(refused, windowEnd);

      // Back exactly when Retry-After said, not a moment later: the next window has begun by then.
      const comeBackAt = refused.answeredAt + (refused.retryAfter ?? 0) * 1000;
      while (Date.now() < comeBackAt) await sleep(comeBackAt - Date.now());
      expect((await submitFrom(shortBaseUrl, client)).status).toBe(202);
    });
  });
});
