import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { newRecoveryRequest } from '../support/factories';
import { requestJson } from '../support/http-client';
import { PageClient } from '../support/page-client';
import { testConfig } from '../support/test-config';
import { startApi } from '../support/test-service';

const WINDOW_MS = 3_600_000;

describe('the intake rate limit', () => {
  let api: NestFastifyApplication;
  let baseUrl: string;

  beforeAll(async () => {
    ({ api, baseUrl } = await startApi(
      testConfig({ INTAKE_RATE_LIMIT: '3', INTAKE_RATE_WINDOW: 'PT1H', TRUST_PROXY_HOPS: '1' }),
    ));
  });

  afterAll(async () => {
    await api.close();
  });

  /** A client address no other request of this file used (the api sits behind one proxy that names it). */
  let clients = 0;
  const clientAddress = (): string => {
    clients += 1;
    return `198.51.100.${clients}`;
  };

  const submit = (forwardedFor: string) =>
    requestJson(baseUrl, 'POST', '/api/recovery-requests', {
      body: newRecoveryRequest(),
      headers: { 'x-forwarded-for': forwardedFor },
    });

  /** The statuses of requests sent one after the other. */
  const statusesOf = async (forwardedFor: string[]): Promise<number[]> => {
    const statuses: number[] = [];
    for (const header of forwardedFor) statuses.push((await submit(header)).status);
    return statuses;
  };

  it('refuses a client more requests than the limit per window, saying when to come back', async () => {
    const from = clientAddress();
    expect(await statusesOf([from, from, from])).toEqual([202, 202, 202]);
    const refused = await submit(from);
    // The window is fixed (aligned on whole hours since the epoch): it ends at the next multiple of an hour.
    const now = Date.now();
    const secondsToWindowEnd = (WINDOW_MS - (now % WINDOW_MS)) / 1000;
    expect(refused.status).toBe(429);
    expect(refused.body.message).toMatch(/Too many requests .* try again in \d+ minutes?\./);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    expect(Math.abs(retryAfter - secondsToWindowEnd)).toBeLessThanOrEqual(2);
  });

  it('counts each client on its own', async () => {
    const first = clientAddress();
    const second = clientAddress();
    expect(await statusesOf([first, first, first, first])).toEqual([202, 202, 202, 429]);
    expect((await submit(second)).status).toBe(202);
  });

  it('takes the address the proxy saw, not one the client wrote in front of it', async () => {
    const client = clientAddress();
    // The client sends its own X-Forwarded-For; the proxy appends the address it saw. With one trusted
    // hop only that last entry counts: forged entries in front of it do not make new clients.
    const forged = [clientAddress(), clientAddress(), clientAddress(), clientAddress()];
    expect(await statusesOf(forged.map((address) => `${address}, ${client}`))).toEqual([202, 202, 202, 429]);
  });

  it('counts the request form by the person who sends it, not by the page that calls the API', async () => {
    const person = clientAddress();
    const neighbour = clientAddress();
    const browser = new PageClient(baseUrl);
    const page = await (await browser.get('/recover', { 'x-forwarded-for': person })).text();
    const send = (from: string, key: string) =>
      browser.post(
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
    const statuses: number[] = [];
    for (const key of ['form-a-1234', 'form-b-1234', 'form-c-1234'])
      statuses.push((await send(person, key)).status);
    expect(statuses).toEqual([303, 303, 303]);
    const refused = await send(person, 'form-d-1234');
    expect(refused.status).toBe(429);
    expect(await refused.text()).toContain('Too many requests came from your network in a short time.');
    expect((await send(neighbour, 'form-e-1234')).status).toBe(303);
  });
});
