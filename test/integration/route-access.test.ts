import { GUARDS_METADATA, METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { DataSource } from 'typeorm';
import { randomToken, SecretHasher } from '@app/secrets';
import { PUBLIC_ACCESS } from '../../apps/api/src/http/public.decorator';
import { newCase } from '../support/cases';
import { openTestDatabase } from '../support/database';
import { newEnvironment, platformToken } from '../support/directory';
import { bearer, requestJson } from '../support/http-client';
import { newStaff, signIn } from '../support/staff';
import { testConfig } from '../support/test-config';
import { startApi } from '../support/test-service';

interface Route {
  name: string;
  isPublic: boolean;
  guards: unknown[];
}

/** Every handler of every controller the api serves, with what says who may call it. */
function routesOf(app: NestFastifyApplication): Route[] {
  const routes: Route[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => unknown) | null;
      if (!controller) continue;
      const prototype = controller.prototype as Record<string, unknown>;
      for (const key of Object.getOwnPropertyNames(prototype)) {
        const handler = prototype[key];
        if (key === 'constructor' || typeof handler !== 'function') continue;
        if (Reflect.getMetadata(METHOD_METADATA, handler) === undefined) continue;
        const metadata = (target: object, name: string): unknown =>
          Reflect.getMetadata(name, target) as unknown;
        routes.push({
          name: `${controller.name}.${key} (${String(metadata(controller, PATH_METADATA))}/${String(metadata(handler, PATH_METADATA))})`,
          isPublic: metadata(handler, PUBLIC_ACCESS) === true || metadata(controller, PUBLIC_ACCESS) === true,
          guards: [
            ...((metadata(controller, GUARDS_METADATA) as unknown[] | undefined) ?? []),
            ...((metadata(handler, GUARDS_METADATA) as unknown[] | undefined) ?? []),
          ],
        });
      }
    }
  }
  return routes;
}

describe('who may call each route', () => {
  let api: NestFastifyApplication;

  beforeAll(async () => {
    ({ api } = await startApi(testConfig()));
  });

  afterAll(async () => {
    await api.close();
  });

  it('is said by every route: @Public() or a guard, never neither', () => {
    const routes = routesOf(api);
    expect(routes.length).toBeGreaterThan(10);
    const unsaid = routes.filter((route) => !route.isPublic && route.guards.length === 0).map((r) => r.name);
    expect(unsaid).toEqual([]);
  });

  it('finds no route that is both public and guarded', () => {
    const both = routesOf(api).filter((route) => route.isPublic && route.guards.length > 0);
    expect(both.map((r) => r.name)).toEqual([]);
  });
});

describe('who may answer a case that needs attention (retry the step, close the case)', () => {
  const config = testConfig();
  let api: NestFastifyApplication;
  let baseUrl: string;
  let db: DataSource;

  beforeAll(async () => {
    [{ api, baseUrl }, db] = await Promise.all([startApi(config), openTestDatabase()]);
  });

  afterAll(async () => {
    await api.close();
    await db.destroy();
  });

  it("refuses them without a session, with the requester's own token and with a platform token", async () => {
    const requesterToken = randomToken();
    const kase = await newCase(db, {
      status: 'needs_attention',
      tokenHash: api.get(SecretHasher).hash('case_token', requesterToken),
    });
    // The token opens the requester's own case: the refusals below are the routes', not a bad token's.
    const own = await requestJson(baseUrl, 'GET', `/api/recovery-requests/${kase.reference}`, {
      headers: bearer(requesterToken),
    });
    expect(own.status).toBe(200);
    const { users } = await newEnvironment(db, { users: [{ role: 'administrator' }] });
    const platform = platformToken(config.secrets.platformJwtSecret, users[0]!.id);
    const actions = [
      { path: `/api/cases/${kase.reference}/retry`, body: {} },
      { path: `/api/cases/${kase.reference}/close`, body: { reason: 'Closed by someone who may not.' } },
    ];
    const callers = { nobody: {}, requester: bearer(requesterToken), platform: bearer(platform) };
    for (const { path, body } of actions) {
      for (const [caller, headers] of Object.entries(callers)) {
        const answer = await requestJson(baseUrl, 'POST', path, { body, headers });
        expect({ path, caller, status: answer.status }).toEqual({ path, caller, status: 401 });
      }
    }

    // Staff get past the guard: this hand-made case has no workflow, whose absence answers 409.
    const agent = bearer(await signIn(baseUrl, await newStaff(db, { role: 'agent' })));
    for (const { path, body } of actions) {
      const answer = await requestJson(baseUrl, 'POST', path, { body, headers: agent });
      expect({ path, status: answer.status }).toEqual({ path, status: 409 });
    }
    const [row] = await db.query<{ status: string; notes: number }[]>(
      `SELECT status, (SELECT count(*)::int FROM case_notes WHERE case_id = $1) AS notes
         FROM recovery_cases WHERE id = $1`,
      [kase.id],
    );
    expect(row).toEqual({ status: 'needs_attention', notes: 0 });
  });
});
