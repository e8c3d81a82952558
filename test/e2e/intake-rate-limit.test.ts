import { randomInt } from 'node:crypto';
import { newRecoveryRequest } from '../support/factories';
import { requestJson } from '../support/http-client';
import { startApi } from '../support/test-service';
import { testConfig } from '../support/test-config';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

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

  /** A client address of its own (the api sits behind a proxy that says who the client is). */
  const clientAddress = (): string => `198.51.100.${randomInt(1, 255)}`;

  const submit = (from: string) =>
    requestJson(baseUrl, 'POST', '/api/recovery-requests', {
      body: newRecoveryRequest(),
      headers: { 'x-forwarded-for': from },
    });

  it('refuses a client more requests than the limit per window, saying when to come back', async () => {
    const from = clientAddress();
    for (let i = 0; i < 3; i += 1) expect((await submit(from)).status).toBe(202);
    const refused = await submit(from);
    expect(refused.status).toBe(429);
    expect(refused.body.message).toMatch(/Too many requests .* try again in \d+ minutes/);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('counts each client on its own', async () => {
    const first = clientAddress();
    let second = clientAddress();
    while (second === first) second = clientAddress();
    for (let i = 0; i < 4; i += 1) await submit(first);
    expect((await submit(second)).status).toBe(202);
  });
});
