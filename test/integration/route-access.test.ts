import { GUARDS_METADATA, METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { PUBLIC_ACCESS } from '../../apps/api/src/http/public.decorator';
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
