import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { eventually } from '../support/eventually';
import { requestJson } from '../support/http-client';
import { testConfig, unreachableTemporal } from '../support/test-config';
import { startApi, startTestService, type TestService } from '../support/test-service';

describe('probes, OpenAPI document and request ids', () => {
  let service: TestService;

  beforeAll(async () => {
    service = await startTestService();
  });

  afterAll(async () => {
    await service.close();
  });

  it('GET /health/live answers 200', async () => {
    const answer = await requestJson(service.baseUrl, 'GET', '/health/live');
    expect(answer).toMatchObject({ status: 200, body: { status: 'ok' } });
  });

  it('GET /health/ready answers 200 when PostgreSQL and Temporal answer and a worker polls', async () => {
    const answer = await requestJson(service.baseUrl, 'GET', '/health/ready');
    expect(answer).toMatchObject({
      status: 200,
      body: { status: 'ok', checks: { database: 'up', temporal: 'up', worker: 'up' } },
    });
  });

  it('GET /health/ready answers 503 naming the worker while none polls the task queue, 200 once one does', async () => {
    // A task queue of its own, which no worker of another test polls.
    const config = testConfig();
    const { api, baseUrl } = await startApi(config);
    let worker: INestApplicationContext | undefined;
    try {
      const alone = await requestJson(baseUrl, 'GET', '/health/ready');
      expect(alone).toMatchObject({
        status: 503,
        body: { status: 'unavailable', checks: { database: 'up', temporal: 'up', worker: 'down' } },
      });

      worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { bufferLogs: true });
      worker.useLogger(worker.get(Logger));
      await worker.init();
      const served = await eventually(async () => {
        const answer = await requestJson(baseUrl, 'GET', '/health/ready');
        expect(answer.status).toBe(200);
        return answer;
      });
      expect(served.body).toEqual({
        status: 'ok',
        checks: { database: 'up', temporal: 'up', worker: 'up' },
      });
    } finally {
      await worker?.close();
      await api.close();
    }
  });

  it('GET /health/ready answers 503 naming Temporal when it does not answer', async () => {
    const { api, baseUrl } = await startApi(testConfig(await unreachableTemporal()));
    try {
      const answer = await requestJson(baseUrl, 'GET', '/health/ready');
      expect(answer).toMatchObject({
        status: 503,
        body: { status: 'unavailable', checks: { database: 'up', temporal: 'down', worker: 'down' } },
      });
    } finally {
      await api.close();
    }
  });

  it('serves the OpenAPI document generated from the controllers, as JSON and as a page', async () => {
    const json = await requestJson<{ openapi: string; paths: Record<string, Record<string, unknown>> }>(
      service.baseUrl,
      'GET',
      '/api/docs/json',
    );
    expect(json.status).toBe(200);
    expect(json.body.openapi).toMatch(/^3\./);
    expect(Object.keys(json.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/recovery-requests',
        '/api/recovery-requests/{reference}',
        '/api/environments/{id}/users',
        '/api/environments/{id}/users/{userId}',
        '/api/environments/{id}/organisations/{orgId}/members/{userId}',
        '/health/ready',
      ]),
    );
    expect(Object.keys(json.body.paths['/api/recovery-requests'] ?? {})).toEqual(['post']);

    const page = await fetch(`${service.baseUrl}/api/docs`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
  });

  it('describes the findings of a case and their checks, each field typed and every code and colour named', async () => {
    type Schema = {
      properties?: Record<string, Schema>;
      required?: string[];
      enum?: string[];
      items?: Schema;
      allOf?: Schema[];
      $ref?: string;
      nullable?: boolean;
    };
    const json = await requestJson<{ components: { schemas: Record<string, Schema> } }>(
      service.baseUrl,
      'GET',
      '/api/docs/json',
    );
    const { schemas } = json.body.components;
    const ref = (name: string) => `#/components/schemas/${name}`;
    const detail = schemas.CaseDetailDto?.properties;
    expect(JSON.stringify(detail?.findings)).toContain(ref('ExtractFindingsDto'));
    expect(detail?.findings?.nullable).toBe(true);
    expect(detail?.findingChecks).toMatchObject({ type: 'array', items: { $ref: ref('FindingCheckDto') } });

    const findings = schemas.ExtractFindingsDto?.properties ?? {};
    expect(Object.keys(findings).sort()).toEqual(
      [
        'kvkNumber',
        'kvkNumberMatches',
        'matchedOrganisationIds',
        'companyName',
        'companyNameMatches',
        'companyNameSimilarity',
        'extractDate',
        'extractRecent',
        'officers',
        'requesterIsOfficer',
        'requesterOfficerAuthority',
        'warnings',
      ].sort(),
    );
    expect(findings.companyNameMatches?.enum).toEqual(['exact', 'similar', 'different', 'unknown']);
    expect(findings.requesterOfficerAuthority?.enum).toEqual(['yes', 'no', 'not_determined']);
    expect(findings.officers?.items?.$ref).toBe(ref('FindingsOfficerDto'));
    expect(findings.warnings?.items?.$ref).toBe(ref('FindingWarningDto'));
    expect(schemas.FindingsOfficerDto?.properties?.role?.enum).toEqual([
      'bestuurder',
      'gevolmachtigde',
      'eigenaar',
      'vennoot',
    ]);
    expect(schemas.FindingWarningDto?.properties?.code?.enum).toEqual(
      expect.arrayContaining(['not_sealed', 'kvk_number_not_in_environment', 'requester_not_officer']),
    );
    const check = schemas.FindingCheckDto;
    expect(check?.required?.sort()).toEqual(['check', 'colour', 'reason', 'title']);
    expect(check?.properties?.colour?.enum).toEqual(['green', 'amber', 'red']);
    expect(check?.properties?.check?.enum).toEqual([
      'kvk_number',
      'company_name',
      'extract_date',
      'requester_officer',
      'document',
    ]);
  });

  it('gives every answer a request id, and keeps a sane one the caller sent', async () => {
    const fresh = await requestJson(service.baseUrl, 'GET', '/health/live');
    expect(fresh.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const given = await requestJson(service.baseUrl, 'GET', '/health/live', {
      headers: { 'x-request-id': 'trace-42' },
    });
    expect(given.headers.get('x-request-id')).toBe('trace-42');
    const hostile = await requestJson(service.baseUrl, 'GET', '/health/live', {
      headers: { 'x-request-id': 'x'.repeat(500) },
    });
    expect(hostile.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers an unknown route with the error shape of every error', async () => {
    const answer = await requestJson(service.baseUrl, 'GET', '/api/nothing-here');
    expect(answer).toMatchObject({ status: 404, body: { statusCode: 404, error: 'Not Found' } });
    expect(typeof answer.body.message).toBe('string');
  });
});
