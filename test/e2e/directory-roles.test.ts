import { randomUUID } from 'node:crypto';
import { JwtService, type JwtSignOptions } from '@nestjs/jwt';
import type { DataSource } from 'typeorm';
import { openTestDatabase } from '../support/database';
import { newEnvironment, platformToken, uniqueKvkNumber } from '../support/directory';
import { added, changed, changesDuring } from '../support/directory-snapshot';
import { bearer, requestJson, type JsonResponse } from '../support/http-client';
import { testConfig, unreachableTemporal } from '../support/test-config';
import { startApi, startTestService, type TestService } from '../support/test-service';

type Body = Record<string, unknown> & { message: string; fields?: Record<string, string[]> };

describe('Environment roles', () => {
  let service: TestService;
  let db: DataSource;

  beforeAll(async () => {
    [service, db] = await Promise.all([startTestService(), openTestDatabase()]);
  });

  afterAll(async () => {
    await service.close();
    await db.destroy();
  });

  const tokenFor = (userId: string, expiresInSeconds?: number): string =>
    platformToken(service.config.secrets.platformJwtSecret, userId, { expiresInSeconds });

  const call = (
    token: string | undefined,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<JsonResponse<Body>> =>
    requestJson<Body>(service.baseUrl, method, path, { body, headers: token ? bearer(token) : {} });

  /** Runs a call that must be refused, and checks it wrote nothing in these environments. */
  const refusedWithoutWriting = async <T>(environmentIds: string[], act: () => Promise<T>): Promise<T> => {
    const { result, changes } = await changesDuring(db, environmentIds, act);
    expect(changes).toEqual([]);
    return result;
  };

  describe('promotion and demotion', () => {
    it('lets a promoted user act as administrator on the next request with the token they had', async () => {
      const { environment, users } = await newEnvironment(db, { users: [{ role: 'administrator' }, {}] });
      const [admin, user] = [tokenFor(users[0]!.id), tokenFor(users[1]!.id)];
      const createOrganisation = () =>
        call(user, 'POST', `/api/environments/${environment.id}/organisations`, {
          name: 'Promoted B.V.',
          kvkNumber: uniqueKvkNumber(),
        });

      expect((await refusedWithoutWriting([environment.id], createOrganisation)).status).toBe(403);
      const { result: promoted, changes } = await changesDuring(db, [environment.id], () =>
        call(admin, 'PATCH', `/api/environments/${environment.id}/users/${users[1]!.id}`, {
          role: 'administrator',
        }),
      );
      expect(promoted.status).toBe(200);
      expect(promoted.body).toMatchObject({ id: users[1]!.id, role: 'administrator', status: 'active' });
      expect(changes).toEqual([changed('users', users[1]!.id, { role: 'administrator' })]);
      expect((await createOrganisation()).status).toBe(201);
    });

    it('takes administrator actions away from a demoted user on their next request', async () => {
      const { environment, users } = await newEnvironment(db, {
        users: [{ role: 'administrator' }, { role: 'administrator' }],
      });
      const [first, second] = [tokenFor(users[0]!.id), tokenFor(users[1]!.id)];
      const changePlan = () =>
        call(second, 'PATCH', `/api/environments/${environment.id}/subscription`, { plan: 'professional' });

      expect((await changePlan()).status).toBe(200);
      expect(
        (
          await call(first, 'PATCH', `/api/environments/${environment.id}/users/${users[1]!.id}`, {
            role: 'user',
          })
        ).status,
      ).toBe(200);
      const refused = await refusedWithoutWriting([environment.id], changePlan);
      expect(refused.status).toBe(403);
      expect(refused.body.message).toBe('Only an administrator of this environment may do this.');
    });

    it('shuts a deactivated user out on their next request, and lets them in again once reactivated', async () => {
      const { environment, users } = await newEnvironment(db, { users: [{ role: 'administrator' }, {}] });
      const [admin, user] = [tokenFor(users[0]!.id), tokenFor(users[1]!.id)];
      const path = `/api/environments/${environment.id}/users/${users[1]!.id}`;

      expect((await call(admin, 'PATCH', path, { status: 'deactivated' })).status).toBe(200);
      const shut = await refusedWithoutWriting([environment.id], () =>
        call(user, 'GET', `/api/environments/${environment.id}/users`),
      );
      expect(shut.status).toBe(401);
      expect(shut.body.message).toContain('deactivated');

      expect((await call(admin, 'PATCH', path, { status: 'active' })).status).toBe(200);
      expect((await call(user, 'GET', `/api/environments/${environment.id}/users`)).status).toBe(200);
    });
  });

  describe('the last active administrator', () => {
    it('cannot be demoted or deactivated, and the answer says what to do instead', async () => {
      const { environment, users } = await newEnvironment(db, {
        users: [{ role: 'administrator' }, { role: 'administrator', status: 'deactivated' }, {}],
      });
      const admin = tokenFor(users[0]!.id);
      const path = `/api/environments/${environment.id}/users/${users[0]!.id}`;

      for (const change of [
        { role: 'user' },
        { status: 'deactivated' },
        { role: 'user', status: 'deactivated' },
      ]) {
        const refused = await refusedWithoutWriting([environment.id], () =>
          call(admin, 'PATCH', path, change),
        );
        expect(refused.status).toBe(409);
        expect(refused.body.message).toMatch(
          /last active administrator.*Make another user administrator first/,
        );
      }
    });

    it('can step down once another administrator is active', async () => {
      const { environment, users } = await newEnvironment(db, { users: [{ role: 'administrator' }, {}] });
      const admin = tokenFor(users[0]!.id);
      const base = `/api/environments/${environment.id}/users`;

      expect((await call(admin, 'PATCH', `${base}/${users[1]!.id}`, { role: 'administrator' })).status).toBe(
        200,
      );
      const { result: steppedDown, changes } = await changesDuring(db, [environment.id], () =>
        call(admin, 'PATCH', `${base}/${users[0]!.id}`, { role: 'user' }),
      );
      expect(steppedDown.status).toBe(200);
      expect(changes).toEqual([changed('users', users[0]!.id, { role: 'user' })]);
    });

    it('survives two administrators removing each other at the same moment: one wins, the other is refused', async () => {
      // Several rounds: a race that is lost only sometimes must still be caught.
      for (let round = 0; round < 8; round += 1) {
        const { environment, users } = await newEnvironment(db, {
          users: [{ role: 'administrator' }, { role: 'administrator' }],
        });
        const [a, b] = [users[0]!, users[1]!];
        const base = `/api/environments/${environment.id}/users`;
        const aRemovesB = round % 2 ? { status: 'deactivated' } : { role: 'user' };
        const { result: answers, changes } = await changesDuring(db, [environment.id], () =>
          Promise.all([
            call(tokenFor(a.id), 'PATCH', `${base}/${b.id}`, aRemovesB),
            call(tokenFor(b.id), 'PATCH', `${base}/${a.id}`, { status: 'deactivated' }),
          ]),
        );
        // One wins. The other is refused: by the last-administrator rule (409) when both were checked before
        // either was written, or, when the winner was done first, as the user it has just become (403 once
        // demoted, 401 once deactivated).
        const aWon = answers[0].status === 200;
        const loser = aWon ? answers[1] : answers[0];
        const loserNowIs = aWon && !('status' in aRemovesB) ? 403 : 401;
        expect(answers.filter((answer) => answer.status === 200)).toHaveLength(1);
        expect([409, loserNowIs]).toContain(loser.status);
        // Exactly the winner's change was written, and the loser's refusal wrote nothing.
        expect(changes).toEqual([
          aWon ? changed('users', b.id, aRemovesB) : changed('users', a.id, { status: 'deactivated' }),
        ]);
        const [count] = await db.query<[{ n: number }]>(
          `SELECT count(*)::int AS n FROM users WHERE environment_id = $1 AND role = 'administrator' AND status = 'active'`,
          [environment.id],
        );
        expect(count.n).toBe(1);
      }
    });
  });

  describe('the two-administrators advice', () => {
    it('is given while there are fewer than two active administrators, and not after', async () => {
      const { environment, users } = await newEnvironment(db, {
        users: [{ role: 'administrator' }, { role: 'administrator', status: 'deactivated' }, {}],
      });
      const admin = tokenFor(users[0]!.id);
      const list = () => call(admin, 'GET', `/api/environments/${environment.id}/users`);

      const before = await list();
      expect(before.status).toBe(200);
      expect(before.body).toMatchObject({
        activeAdministrators: 1,
        administratorAdvice: expect.stringContaining('Make a second user administrator') as unknown,
      });
      expect(before.body.users).toHaveLength(3);
      expect((await call(admin, 'GET', `/api/environments/${environment.id}`)).body).toMatchObject({
        activeAdministrators: 1,
        administratorAdvice: expect.any(String) as unknown,
      });

      await call(admin, 'PATCH', `/api/environments/${environment.id}/users/${users[2]!.id}`, {
        role: 'administrator',
      });
      expect((await list()).body).toMatchObject({ activeAdministrators: 2, administratorAdvice: null });
    });
  });

  describe('invitations', () => {
    it('adds the user as invited and mails the invitation through the worker', async () => {
      const { environment, users } = await newEnvironment(db, {
        users: [{ role: 'administrator', name: 'Anna' }],
      });
      const email = `Bram.${randomUUID()}@Env.example`;
      const invited = await call(
        tokenFor(users[0]!.id),
        'POST',
        `/api/environments/${environment.id}/users`,
        {
          email,
          name: 'Bram',
          role: 'administrator',
        },
      );
      expect(invited.status).toBe(201);
      expect(invited.body).toMatchObject({ email, name: 'Bram', role: 'administrator', status: 'invited' });

      const mail = await service.mail.waitForMail((m) => m.to.includes(email.toLowerCase()));
      expect(mail.subject).toBe(`You are invited to ${environment.name} on eConnect`);
      expect(mail.text).toContain('Anna invited you');
      expect(mail.messageId).toMatch(new RegExp(`^<invitation\\.${String(invited.body.id)}@`));
    });

    it('refuses a second user with the same address in another case, with 409', async () => {
      const { environment, users } = await newEnvironment(db, { users: [{ role: 'administrator' }] });
      const refused = await refusedWithoutWriting([environment.id], () =>
        call(tokenFor(users[0]!.id), 'POST', `/api/environments/${environment.id}/users`, {
          email: users[0]!.email.toUpperCase(),
          name: 'Twin',
        }),
      );
      expect(refused.status).toBe(409);
      expect(refused.body.message).toContain('already exists in this environment');
    });

    it('lets one of two simultaneous invitations of one address through, and refuses the other with 409', async () => {
      const { environment, users } = await newEnvironment(db, { users: [{ role: 'administrator' }] });
      const email = `twice.${randomUUID()}@env.example`;
      const { result: answers, changes } = await changesDuring(db, [environment.id], () =>
        Promise.all(
          [email, email.toUpperCase()].map((address) =>
            call(tokenFor(users[0]!.id), 'POST', `/api/environments/${environment.id}/users`, {
              email: address,
              name: 'Twice',
            }),
          ),
        ),
      );
      expect(answers.map((answer) => answer.status).sort()).toEqual([201, 409]);
      const winner = answers.find((answer) => answer.status === 201)!.body;
      expect(changes).toEqual([
        added('users', String(winner.id), {
          id: winner.id,
          environment_id: environment.id,
          email: winner.email,
          name: 'Twice',
          role: 'user',
          status: 'invited',
        }),
      ]);
    });

    it('makes an invited user active at their first signed-in request', async () => {
      const { environment, users } = await newEnvironment(db, {
        users: [{ role: 'administrator' }, { status: 'invited' }],
      });
      const path = `/api/environments/${environment.id}/users/${users[1]!.id}`;
      const early = await refusedWithoutWriting([environment.id], () =>
        call(tokenFor(users[0]!.id), 'PATCH', path, { status: 'active' }),
      );
      expect(early.status).toBe(409);
      expect(early.body.message).toContain('when they first sign in');

      const { result: first, changes } = await changesDuring(db, [environment.id], () =>
        call(tokenFor(users[1]!.id), 'GET', `/api/environments/${environment.id}`),
      );
      expect(first.status).toBe(200);
      expect(changes).toEqual([changed('users', users[1]!.id, { status: 'active' })]);
    });

    it('answers 503 and keeps nothing when the invitation cannot be scheduled', async () => {
      const { environment, users } = await newEnvironment(db, { users: [{ role: 'administrator' }] });
      const config = testConfig({
        ...(await unreachableTemporal()),
        PLATFORM_JWT_SECRET: service.config.secrets.platformJwtSecret,
        // The failed start is logged as an error on purpose; the test need not print it.
        LOG_LEVEL: 'fatal',
      });
      const { api, baseUrl } = await startApi(config);
      try {
        const email = `nobody.${randomUUID()}@env.example`;
        const answer = await refusedWithoutWriting([environment.id], () =>
          requestJson<Body>(baseUrl, 'POST', `/api/environments/${environment.id}/users`, {
            body: { email, name: 'Nobody' },
            headers: bearer(tokenFor(users[0]!.id)),
          }),
        );
        expect(answer.status).toBe(503);
        expect(answer.body.message).toContain('try again');
      } finally {
        await api.close();
      }
    });
  });

  describe('organisation members', () => {
    it('lets an organisation administrator add a member, change their role and remove them', async () => {
      const { environment, organisations, users } = await newEnvironment(db, {
        organisations: 1,
        users: [{ role: 'administrator' }, { organisations: { 0: 'administrator' } }, {}],
      });
      const orgAdmin = tokenFor(users[1]!.id);
      const path = `/api/environments/${environment.id}/organisations/${organisations[0]!.id}/members`;

      expect((await call(orgAdmin, 'PUT', `${path}/${users[2]!.id}`, { role: 'member' })).status).toBe(201);
      const changed = await call(orgAdmin, 'PUT', `${path}/${users[2]!.id}`, { role: 'administrator' });
      expect(changed.status).toBe(200);
      expect(changed.body).toMatchObject({ userId: users[2]!.id, role: 'administrator' });

      const listed = await call(orgAdmin, 'GET', path);
      expect(listed.body.members).toEqual(
        expect.arrayContaining([expect.objectContaining({ userId: users[2]!.id, role: 'administrator' })]),
      );
      expect((await call(orgAdmin, 'DELETE', `${path}/${users[2]!.id}`)).status).toBe(204);
      const gone = await refusedWithoutWriting([environment.id], () =>
        call(orgAdmin, 'DELETE', `${path}/${users[2]!.id}`),
      );
      expect(gone.status).toBe(404);
      expect(gone.body.message).toBe('This user is not a member of this organisation.');
    });

    it('gives an organisation administrator nothing beyond their organisation', async () => {
      const { environment, users } = await newEnvironment(db, {
        organisations: 1,
        users: [{ role: 'administrator' }, { organisations: { 0: 'administrator' } }, {}],
      });
      const orgAdmin = tokenFor(users[1]!.id);
      const base = `/api/environments/${environment.id}`;
      const attempts: [string, string, unknown][] = [
        ['PATCH', `${base}/users/${users[2]!.id}`, { status: 'deactivated' }],
        ['PATCH', `${base}/subscription`, { plan: 'enterprise' }],
        ['POST', `${base}/users`, { email: `x.${randomUUID()}@env.example`, name: 'X' }],
      ];
      for (const [method, path, body] of attempts) {
        const refused = await refusedWithoutWriting([environment.id], () =>
          call(orgAdmin, method, path, body),
        );
        expect([method, path, refused.status]).toEqual([method, path, 403]);
      }
    });
  });

  describe('things that are not there', () => {
    it('answers 404 alike for an unknown environment, a malformed id and another customer’s environment', async () => {
      const mine = await newEnvironment(db, { users: [{ role: 'administrator' }] });
      const theirs = await newEnvironment(db, { users: [{ role: 'administrator' }] });
      const admin = tokenFor(mine.users[0]!.id);
      const answers = await Promise.all(
        [randomUUID(), 'not-an-id', theirs.environment.id].map((id) =>
          call(admin, 'GET', `/api/environments/${id}/users`),
        ),
      );
      expect(answers.map((a) => [a.status, a.body.message])).toEqual(
        Array(3).fill([404, 'There is no environment with this id among yours.']),
      );
    });

    it('answers 404 for users and organisations that are not in this environment', async () => {
      const mine = await newEnvironment(db, { organisations: 1, users: [{ role: 'administrator' }] });
      const theirs = await newEnvironment(db, { organisations: 1, users: [{}] });
      const admin = tokenFor(mine.users[0]!.id);
      const base = `/api/environments/${mine.environment.id}`;
      const cases: [string, string, unknown, string][] = [
        ['PATCH', `${base}/users/${theirs.users[0]!.id}`, { role: 'administrator' }, 'There is no user'],
        ['PATCH', `${base}/users/42`, { role: 'administrator' }, 'There is no user'],
        [
          'GET',
          `${base}/organisations/${theirs.organisations[0]!.id}/members`,
          undefined,
          'There is no organisation',
        ],
        [
          'PUT',
          `${base}/organisations/${mine.organisations[0]!.id}/members/${theirs.users[0]!.id}`,
          { role: 'member' },
          'There is no user',
        ],
        [
          'PUT',
          `${base}/organisations/x/members/${mine.users[0]!.id}`,
          { role: 'member' },
          'There is no organisation',
        ],
      ];
      for (const [method, path, body, message] of cases) {
        // Neither environment is written: not the caller's, and not the one the ids belong to.
        const answer = await refusedWithoutWriting([mine.environment.id, theirs.environment.id], () =>
          call(admin, method, path, body),
        );
        expect([method, path, answer.status, answer.body.message]).toEqual([
          method,
          path,
          404,
          expect.stringContaining(message) as unknown,
        ]);
      }
    });
  });

  describe('tokens', () => {
    it('says why a token is refused', async () => {
      const { environment, users } = await newEnvironment(db, { users: [{ role: 'administrator' }] });
      const secret = service.config.secrets.platformJwtSecret;
      const base64url = (part: object): string => Buffer.from(JSON.stringify(part)).toString('base64url');
      const { issuer, audience } = service.config.platformTokens;
      const signed = (payload: object, options: JwtSignOptions = {}): string =>
        new JwtService({ secret }).sign({ iss: issuer, aud: audience, ...payload }, options);
      const path = `/api/environments/${environment.id}`;
      const cases: [string | undefined, string][] = [
        [undefined, 'send your access token'],
        [tokenFor(users[0]!.id, -5), 'has expired'],
        [platformToken('another secret', users[0]!.id), 'not valid'],
        [tokenFor(randomUUID()), 'not valid'],
        ['garbage', 'not valid'],
        [signed({ sub: 'anna@acme.example' }, { expiresIn: 600 }), 'does not name a user'],
        [signed({ sub: users[0]!.id }), 'has no issue or expiry time'],
        [signed({ sub: users[0]!.id }, { expiresIn: 600, noTimestamp: true }), 'has no issue or expiry time'],
        // Unsigned (`alg: none`) and signed with another algorithm: refused, whatever they claim.
        [`${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ sub: users[0]!.id })}.`, 'not valid'],
        [signed({ sub: users[0]!.id }, { algorithm: 'HS512', expiresIn: 600 }), 'not valid'],
        // Right secret, but issued by someone else, or for another service.
        [platformToken(secret, users[0]!.id, { issuer: 'https://login.attacker.example' }), 'not valid'],
        [platformToken(secret, users[0]!.id, { audience: 'econnect-invoicing' }), 'not valid'],
        // Minted to live for a year (the limit is 12 hours), or dated in the future to outlive it.
        [platformToken(secret, users[0]!.id, { expiresInSeconds: 365 * 24 * 3600 }), 'lives longer'],
        [
          platformToken(secret, users[0]!.id, { issuedAtSeconds: Math.floor(Date.now() / 1000) + 3600 }),
          'issued in the future',
        ],
      ];
      for (const [token, message] of cases) {
        const answer = await call(token, 'GET', path);
        expect([answer.status, answer.body.message]).toEqual([
          401,
          expect.stringContaining(message) as unknown,
        ]);
      }
    });
  });

  describe('bad input', () => {
    const BAD_BODIES: [string, string, Record<string, unknown>, string][] = [
      [
        'invite',
        'POST users',
        { email: 'x@env.example', name: 'X', admin: true },
        'property admin should not exist',
      ],
      ['invite', 'POST users', { email: 'not-an-email', name: 'X' }, 'email must be an email address'],
      ['invite', 'POST users', { email: 'x@env.example', name: '' }, 'name is required'],
      ['invite', 'POST users', { email: 'x@env.example', name: 'X', role: 'owner' }, 'role must be one of'],
      ['change', 'PATCH user', { role: 'superuser' }, 'role must be one of'],
      ['change', 'PATCH user', { status: 'invited' }, 'status must be one of: active, deactivated'],
      ['change', 'PATCH user', {}, 'Give a role, a status, or both.'],
      ['change', 'PATCH user', { role: 'user', extra: 1 }, 'property extra should not exist'],
      [
        'organisation',
        'POST organisations',
        { name: 'X', kvkNumber: '1234567' },
        'kvkNumber must be exactly 8 digits',
      ],
      [
        'organisation',
        'POST organisations',
        { name: 'X', kvkNumber: '123456789' },
        'kvkNumber must be exactly 8 digits',
      ],
      [
        'organisation',
        'POST organisations',
        { name: 'X', kvkNumber: 12345678 },
        'kvkNumber must be exactly 8 digits',
      ],
      [
        'organisation',
        'POST organisations',
        { name: 'X', kvkNumber: '12345678', contactEmail: 'no' },
        'contactEmail must be an email address',
      ],
      [
        'plan',
        'PATCH subscription',
        { plan: 'gold' },
        'plan must be one of: basic, professional, enterprise',
      ],
      ['member', 'PUT member', { role: 'owner' }, 'role must be one of: administrator, member'],
    ];

    it.each(BAD_BODIES)(
      '%s: %s with %j → 400 "%s", nothing written',
      async (_kind, target, body, message) => {
        const { environment, organisations, users } = await newEnvironment(db, {
          organisations: 1,
          users: [{ role: 'administrator' }, {}],
        });
        const base = `/api/environments/${environment.id}`;
        const [method, path] = {
          'POST users': ['POST', `${base}/users`],
          'PATCH user': ['PATCH', `${base}/users/${users[1]!.id}`],
          'POST organisations': ['POST', `${base}/organisations`],
          'PATCH subscription': ['PATCH', `${base}/subscription`],
          'PUT member': ['PUT', `${base}/organisations/${organisations[0]!.id}/members/${users[1]!.id}`],
        }[target] as [string, string];
        const answer = await refusedWithoutWriting([environment.id], () =>
          call(tokenFor(users[0]!.id), method, path, body),
        );
        expect([answer.status, answer.body.message]).toEqual([
          400,
          expect.stringContaining(message) as unknown,
        ]);
      },
    );

    it('refuses a KvK number that is already in the environment with 409, and accepts it in another', async () => {
      const { environment, organisations, users } = await newEnvironment(db, {
        organisations: 1,
        users: [{ role: 'administrator' }],
      });
      const other = await newEnvironment(db, { users: [{ role: 'administrator' }] });
      const kvkNumber = organisations[0]!.kvkNumber;
      const refused = await refusedWithoutWriting([environment.id, other.environment.id], () =>
        call(tokenFor(users[0]!.id), 'POST', `/api/environments/${environment.id}/organisations`, {
          name: 'Again B.V.',
          kvkNumber: `${kvkNumber.slice(0, 4)} ${kvkNumber.slice(4)}`,
        }),
      );
      expect(refused.status).toBe(409);
      expect(refused.body.message).toBe(
        `An organisation with KvK number ${kvkNumber} already exists in this environment.`,
      );

      const { result: elsewhere, changes } = await changesDuring(
        db,
        [environment.id, other.environment.id],
        () =>
          call(
            tokenFor(other.users[0]!.id),
            'POST',
            `/api/environments/${other.environment.id}/organisations`,
            { name: 'Same number B.V.', kvkNumber },
          ),
      );
      expect(elsewhere.status).toBe(201);
      expect(elsewhere.body).toMatchObject({ kvkNumber, name: 'Same number B.V.', contactEmail: null });
      expect(changes).toEqual([
        added('organisations', String(elsewhere.body.id), {
          id: elsewhere.body.id,
          environment_id: other.environment.id,
          name: 'Same number B.V.',
          kvk_number: kvkNumber,
          contact_email: null,
        }),
      ]);
    });
  });
});
