import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { openTestDatabase } from '../support/database';
import { newEnvironment, platformToken, uniqueKvkNumber } from '../support/directory';
import {
  added,
  changed,
  changesDuring,
  membershipKey,
  removed,
  type DirectoryChange,
} from '../support/directory-snapshot';
import { bearer, requestJson } from '../support/http-client';
import { startTestService, type TestService } from '../support/test-service';

// Who calls, in the words of issue 3's matrix.
const ACTORS = [
  'environment administrator',
  'organisation administrator of that organisation',
  'organisation administrator of another organisation',
  'plain user',
  'user of another environment',
  'deactivated user',
  'no token',
  'expired token',
  'token signed with another secret',
] as const;
type Actor = (typeof ACTORS)[number];

/** One fresh environment per case, so that a change made by one case never decides another's answer. */
interface World {
  environmentId: string;
  /** The environment of the 'user of another environment'. */
  otherEnvironmentId: string;
  organisationId: string;
  /** A user of the environment who is not yet a member of the organisation. */
  outsiderId: string;
  /** A member of the organisation, to be removed, and of the other one, to be kept. */
  memberId: string;
  headers: Record<string, string>;
}

interface EndpointRequest {
  method: string;
  path: string;
  body?: Record<string, unknown>;
}

interface Endpoint {
  name: string;
  request(world: World): EndpointRequest;
  /** The answer for each actor allowed to get past authentication. */
  allowed: Partial<Record<Actor, number>>;
  /**
   * Exactly the rows an allowed call writes (none when left out); a refused call writes none at all.
   * `answer` is the body of the allowed call, for the ids of the rows it created.
   */
  writes?(world: World, request: EndpointRequest, answer: Record<string, unknown>): DirectoryChange[];
}

const EVERY_USER_OF_THE_ENVIRONMENT = (status: number): Partial<Record<Actor, number>> => ({
  'environment administrator': status,
  'organisation administrator of that organisation': status,
  'organisation administrator of another organisation': status,
  'plain user': status,
});
const ONLY_THE_ADMINISTRATOR = (status: number): Partial<Record<Actor, number>> => ({
  'environment administrator': status,
  'organisation administrator of that organisation': 403,
  'organisation administrator of another organisation': 403,
  'plain user': 403,
});
const ADMINISTRATORS_OF_THE_ORGANISATION = (status: number): Partial<Record<Actor, number>> => ({
  'environment administrator': status,
  'organisation administrator of that organisation': status,
  'organisation administrator of another organisation': 403,
  'plain user': 403,
});

const ENDPOINTS: Endpoint[] = [
  {
    name: 'GET /api/environments/:id',
    request: (w) => ({ method: 'GET', path: `/api/environments/${w.environmentId}` }),
    allowed: EVERY_USER_OF_THE_ENVIRONMENT(200),
  },
  {
    name: 'PATCH /api/environments/:id/subscription',
    request: (w) => ({
      method: 'PATCH',
      path: `/api/environments/${w.environmentId}/subscription`,
      body: { plan: 'enterprise' },
    }),
    allowed: ONLY_THE_ADMINISTRATOR(200),
    writes: (w) => [changed('environments', w.environmentId, { plan: 'enterprise' })],
  },
  {
    name: 'GET /api/environments/:id/users',
    request: (w) => ({ method: 'GET', path: `/api/environments/${w.environmentId}/users` }),
    allowed: EVERY_USER_OF_THE_ENVIRONMENT(200),
  },
  {
    name: 'POST /api/environments/:id/users',
    request: (w) => ({
      method: 'POST',
      path: `/api/environments/${w.environmentId}/users`,
      body: { email: `invitee.${randomUUID()}@env.example`, name: 'Invitee' },
    }),
    allowed: ONLY_THE_ADMINISTRATOR(201),
    writes: (w, request, answer) => [
      added('users', String(answer.id), {
        id: answer.id,
        environment_id: w.environmentId,
        email: request.body?.email,
        name: 'Invitee',
        role: 'user',
        status: 'invited',
      }),
    ],
  },
  {
    name: 'PATCH /api/environments/:id/users/:userId',
    request: (w) => ({
      method: 'PATCH',
      path: `/api/environments/${w.environmentId}/users/${w.outsiderId}`,
      body: { role: 'administrator' },
    }),
    allowed: ONLY_THE_ADMINISTRATOR(200),
    writes: (w) => [changed('users', w.outsiderId, { role: 'administrator' })],
  },
  {
    name: 'GET /api/environments/:id/organisations',
    request: (w) => ({ method: 'GET', path: `/api/environments/${w.environmentId}/organisations` }),
    allowed: EVERY_USER_OF_THE_ENVIRONMENT(200),
  },
  {
    name: 'POST /api/environments/:id/organisations',
    request: (w) => ({
      method: 'POST',
      path: `/api/environments/${w.environmentId}/organisations`,
      body: { name: 'New B.V.', kvkNumber: uniqueKvkNumber() },
    }),
    allowed: ONLY_THE_ADMINISTRATOR(201),
    writes: (w, request, answer) => [
      added('organisations', String(answer.id), {
        id: answer.id,
        environment_id: w.environmentId,
        name: 'New B.V.',
        kvk_number: request.body?.kvkNumber,
        contact_email: null,
      }),
    ],
  },
  {
    name: 'GET /api/environments/:id/organisations/:orgId/members',
    request: (w) => ({
      method: 'GET',
      path: `/api/environments/${w.environmentId}/organisations/${w.organisationId}/members`,
    }),
    allowed: EVERY_USER_OF_THE_ENVIRONMENT(200),
  },
  {
    name: 'PUT /api/environments/:id/organisations/:orgId/members/:userId',
    request: (w) => ({
      method: 'PUT',
      path: `/api/environments/${w.environmentId}/organisations/${w.organisationId}/members/${w.outsiderId}`,
      body: { role: 'member' },
    }),
    allowed: ADMINISTRATORS_OF_THE_ORGANISATION(201),
    writes: (w) => [
      added('organisation_memberships', membershipKey(w.organisationId, w.outsiderId), {
        organisation_id: w.organisationId,
        user_id: w.outsiderId,
        environment_id: w.environmentId,
        role: 'member',
      }),
    ],
  },
  {
    name: 'DELETE /api/environments/:id/organisations/:orgId/members/:userId',
    request: (w) => ({
      method: 'DELETE',
      path: `/api/environments/${w.environmentId}/organisations/${w.organisationId}/members/${w.memberId}`,
    }),
    allowed: ADMINISTRATORS_OF_THE_ORGANISATION(204),
    writes: (w) => [removed('organisation_memberships', membershipKey(w.organisationId, w.memberId))],
  },
];

const DENIED_BEFORE_ANY_ROLE: Partial<Record<Actor, number>> = {
  // Another customer's environment is not theirs to know about.
  'user of another environment': 404,
  'deactivated user': 401,
  'no token': 401,
  'expired token': 401,
  'token signed with another secret': 401,
};

function expectedStatus(endpoint: Endpoint, actor: Actor): number {
  const status = DENIED_BEFORE_ANY_ROLE[actor] ?? endpoint.allowed[actor];
  if (status === undefined) throw new Error(`${endpoint.name}: no expectation for ${actor}`);
  return status;
}

describe('Permissions of the environment endpoints', () => {
  let service: TestService;
  let db: DataSource;

  beforeAll(async () => {
    [service, db] = await Promise.all([startTestService(), openTestDatabase()]);
  });

  afterAll(async () => {
    await service.close();
    await db.destroy();
  });

  async function worldFor(actor: Actor): Promise<World> {
    const { environment, organisations, users } = await newEnvironment(db, {
      organisations: 2,
      users: [
        { role: 'administrator' },
        { organisations: { 0: 'administrator' } },
        { organisations: { 1: 'administrator' } },
        {},
        { status: 'deactivated' },
        {},
        { organisations: { 0: 'member', 1: 'member' } },
      ],
    });
    const [admin, orgAdmin, otherOrgAdmin, plain, deactivated, outsider, member] = users;
    const other = await newEnvironment(db, { users: [{ role: 'administrator' }] });
    const stranger = other.users[0];
    const secret = service.config.secrets.platformJwtSecret;
    const tokenFor: Record<Actor, string | undefined> = {
      'environment administrator': platformToken(secret, admin!.id),
      'organisation administrator of that organisation': platformToken(secret, orgAdmin!.id),
      'organisation administrator of another organisation': platformToken(secret, otherOrgAdmin!.id),
      'plain user': platformToken(secret, plain!.id),
      'user of another environment': platformToken(secret, stranger!.id),
      'deactivated user': platformToken(secret, deactivated!.id),
      'no token': undefined,
      'expired token': platformToken(secret, admin!.id, { expiresInSeconds: -60 }),
      'token signed with another secret': platformToken(`not-${secret}`, admin!.id),
    };
    const token = tokenFor[actor];
    return {
      environmentId: environment.id,
      otherEnvironmentId: other.environment.id,
      organisationId: organisations[0]!.id,
      outsiderId: outsider!.id,
      memberId: member!.id,
      headers: token ? bearer(token) : {},
    };
  }

  const cases = ENDPOINTS.flatMap((endpoint) =>
    ACTORS.map((actor) => ({ endpoint, actor, status: expectedStatus(endpoint, actor) })),
  );

  it.each(cases)('$endpoint.name by $actor → $status', async ({ endpoint, actor, status }) => {
    const world = await worldFor(actor);
    const request = endpoint.request(world);
    // The case's environment and the stranger's: no call may write in either beyond what it promises.
    const { result: answer, changes } = await changesDuring(
      db,
      [world.environmentId, world.otherEnvironmentId],
      () =>
        requestJson(service.baseUrl, request.method, request.path, {
          body: request.body,
          headers: world.headers,
        }),
    );
    // The body is in the comparison so that a failure shows the message that came with the status.
    expect({ status: answer.status, body: answer.body }).toMatchObject({ status });
    if (status >= 400) expect(answer.body.message).toEqual(expect.stringMatching(/\w/));
    // A refusal writes nothing; an allowed call exactly what it promises, and nothing beside it.
    const promised = status < 400 ? (endpoint.writes?.(world, request, answer.body) ?? []) : [];
    expect(changes).toEqual(promised);
  });
});
