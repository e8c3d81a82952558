import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test, type TestingModule } from '@nestjs/testing';
import { QueryFailedError, type DataSource } from 'typeorm';
import { importDirectory, parseDirectoryFile, type DirectoryFile } from '@app/directory-import';
import { AppointmentActivities } from '../../apps/worker/src/activities/appointment.activities';
import { TemporalWorkerService } from '../../apps/worker/src/temporal-worker.service';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { newCase } from '../support/cases';
import { openTestDatabase } from '../support/database';
import { newEnvironment, platformToken, uniqueKvkNumber } from '../support/directory';
import { eventually } from '../support/eventually';
import { bearer, requestJson, type JsonResponse } from '../support/http-client';
import { testConfig } from '../support/test-config';
import { startApi } from '../support/test-service';

// Races the README promises to survive: the import, the API and the appointment all lock the environment's
// row before they count or change its administrators. Each race runs several rounds, in three ways: at once
// (whatever order the machine picks), and queued in each order behind a lock the test holds, so that both
// orders surely happen; every round checks the end state in PostgreSQL.
const ROUNDS = 9;
type Order = 'at once' | 'first' | 'second';
const orderOf = (round: number): Order => (['at once', 'first', 'second'] as const)[round % 3]!;

/** The file format as a test writes it; the importer takes the validated file. */
interface EnvironmentJson {
  reference: string;
  name: string;
  contactEmail: string;
  plan: string;
  organisations?: { name: string; kvkNumber: string }[];
  users: { email: string; name: string; role?: string; status?: string }[];
}

function directoryFile(...environments: EnvironmentJson[]): DirectoryFile {
  const result = parseDirectoryFile(JSON.stringify({ environments }));
  if (!result.ok) throw new Error(result.problems.join('\n'));
  return result.file;
}

/** A promise with a flag that says whether it has settled, for a racer that should have queued but did not. */
function tracked<T>(promise: Promise<T>): { promise: Promise<T>; settled: () => boolean } {
  let settled = false;
  const observed = promise.finally(() => {
    settled = true;
  });
  // The racer's own failure is asserted where it is awaited; this copy must not count as unhandled.
  observed.catch(() => undefined);
  return { promise: observed, settled: () => settled };
}

describe('Races on the directory', () => {
  let db: DataSource;
  let api: NestFastifyApplication;
  let baseUrl: string;
  let secret: string;
  let worker: TestingModule;
  let appointments: AppointmentActivities;

  beforeAll(async () => {
    const config = testConfig();
    secret = config.secrets.platformJwtSecret;
    // The api alone (no Temporal needed for role changes) and the worker's providers without a Temporal
    // worker, as in the appointment activity's own test.
    [db, { api, baseUrl }, worker] = await Promise.all([
      openTestDatabase(),
      startApi(config),
      Test.createTestingModule({ imports: [WorkerModule.forRoot(config)] })
        .overrideProvider(TemporalWorkerService)
        .useValue({})
        .compile(),
    ]);
    await worker.init();
    appointments = worker.get(AppointmentActivities);
  });

  afterAll(async () => {
    await api.close();
    await worker.close();
    await db.destroy();
  });

  const changeUser = (
    callerId: string,
    environmentId: string,
    userId: string,
    body: Record<string, string>,
  ): Promise<JsonResponse<{ message?: string }>> =>
    requestJson(baseUrl, 'PATCH', `/api/environments/${environmentId}/users/${userId}`, {
      body,
      headers: bearer(platformToken(secret, callerId)),
    });

  async function usersOf(environmentId: string): Promise<Record<string, { role: string; status: string }>> {
    const rows = await db.query<{ id: string; role: string; status: string }[]>(
      'SELECT id, role, status FROM users WHERE environment_id = $1',
      [environmentId],
    );
    return Object.fromEntries(rows.map(({ id, role, status }) => [id, { role, status }]));
  }

  async function activeAdministrators(environmentId: string): Promise<string[]> {
    const rows = await db.query<{ id: string }[]>(
      `SELECT id FROM users WHERE environment_id = $1 AND role = 'administrator' AND status = 'active'
        ORDER BY id`,
      [environmentId],
    );
    return rows.map((row) => row.id);
  }

  /**
   * Holds a lock in a transaction of the test's own until `release`: the racers queue behind it, in the
   * order they arrive, and go on one after the other once it is released.
   */
  async function hold(lockSql: string, parameters: unknown[] = []): Promise<() => Promise<void>> {
    const runner = db.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    await runner.query(lockSql, parameters);
    const [session] = (await runner.query('SELECT pg_backend_pid() AS pid')) as { pid: number }[];
    holder = session?.pid ?? 0;
    return async () => {
      await runner.commitTransaction();
      await runner.release();
    };
  }
  // The session of the test's lock now held: the racers queue behind it.
  let holder = 0;
  const holdEnvironment = (environmentId: string) =>
    hold('SELECT id FROM environments WHERE id = $1 FOR UPDATE', [environmentId]);

  /**
   * Waits until `count` sessions wait behind the test's lock (directly, or behind a session that does), or
   * one of `racers` has finished: a racer that does not queue behind the lock is a failure the assertions on
   * the outcome then show. Only waits that lead to the test's lock count: another session's lock wait
   * (the api's background work, say) must not pass for a racer's.
   */
  async function queued(count: number, racers: { settled: () => boolean }[]): Promise<void> {
    await eventually(
      async () => {
        if (racers.some((racer) => racer.settled())) return;
        const [row] = await db.query<{ n: number }[]>(
          `WITH RECURSIVE behind(pid) AS (
             SELECT pid FROM pg_stat_activity WHERE $1 = ANY (pg_blocking_pids(pid))
             UNION
             SELECT a.pid FROM pg_stat_activity a JOIN behind b ON b.pid = ANY (pg_blocking_pids(a.pid)))
           SELECT count(*)::int AS n FROM behind`,
          [holder],
        );
        expect(row?.n).toBe(count);
      },
      10_000,
      5,
    );
  }

  /**
   * Runs two racers: at once, or queued behind the environment's lock with `first` in front. Each racer is
   * started by a function, so that a queued one starts only once the one before it waits.
   */
  async function race<A, B>(
    order: Order,
    lock: () => Promise<() => Promise<void>>,
    first: () => Promise<A>,
    second: () => Promise<B>,
    /** How many lock waits `first` makes (a second attempt of the same activity waits for the case row). */
    firstWaits = 1,
  ): Promise<[A, B]> {
    if (order === 'at once') return Promise.all([first(), second()]);
    const release = await lock();
    const [front, back] = order === 'first' ? [first, second] : [second, first];
    const frontWaits = order === 'first' ? firstWaits : 1;
    let one, two;
    try {
      one = tracked<unknown>(front());
      await queued(frontWaits, [one]);
      two = tracked<unknown>(back());
      await queued(frontWaits + (order === 'first' ? 1 : firstWaits), [one, two]);
    } finally {
      // Also when a racer never queued: the others must not stay blocked behind the test's lock.
      await release();
    }
    const [a, b] = await Promise.all([one.promise, two.promise]);
    return (order === 'first' ? [a, b] : [b, a]) as [A, B];
  }

  describe('a directory import beside the API demoting the last administrator', () => {
    // The file makes A a user and lists B as administrator; B demotes themself through the API. Whatever the
    // order, B stays the one active administrator: the API refuses once the import has demoted A, and an
    // import that comes after the API's demotion writes B back as the file says.
    it.each(Array.from({ length: ROUNDS }, (_, round) => ({ round, order: orderOf(round) })))(
      'round $round, the import $order: never without an active administrator',
      async ({ round, order }) => {
        const { environment, users } = await newEnvironment(db, {
          users: [{ role: 'administrator' }, { role: 'administrator' }],
        });
        const [a, b] = [users[0]!, users[1]!];
        const file = directoryFile({
          reference: environment.reference,
          name: environment.name,
          contactEmail: environment.contactEmail,
          plan: environment.plan,
          users: [
            { email: b.email, name: b.name, role: 'administrator' },
            { email: a.email, name: a.name, role: 'user' },
          ],
        });
        const demotion: Record<string, string> = round % 2 ? { status: 'deactivated' } : { role: 'user' };

        const [imported, answer] = await race(
          order,
          () => holdEnvironment(environment.id),
          () => importDirectory(db, file),
          () => changeUser(b.id, environment.id, b.id, demotion),
        );

        // 200 means the API went first (two administrators then); 409 that the import had demoted A.
        expect([200, 409]).toContain(answer.status);
        const apiFirst = answer.status === 200;
        if (order !== 'at once') expect({ apiFirst }).toEqual({ apiFirst: order === 'second' });
        if (!apiFirst) expect(answer.body.message).toMatch(/last active administrator/);
        expect(imported.users).toEqual(
          apiFirst ? { created: 0, updated: 2, unchanged: 0 } : { created: 0, updated: 1, unchanged: 1 },
        );
        expect(await usersOf(environment.id)).toEqual({
          [a.id]: { role: 'user', status: 'active' },
          [b.id]: { role: 'administrator', status: 'active' },
        });
        expect(await activeAdministrators(environment.id)).toEqual([b.id]);
      },
    );
  });

  describe('two imports creating one environment at the same moment', () => {
    // README: "A database error (say, another process creating the same environment at the same moment)
    // rolls back the whole file too." So: one environment, the refused file leaves no row at all, not even
    // of an environment only it names, and running it again loads it.
    it.each(
      Array.from({ length: ROUNDS }, (_, round) => ({
        round,
        way: round % 3 ? ('queued together' as const) : ('at once' as const),
      })),
    )(
      'round $round, $way: one environment, and nothing lost once the refused file runs again',
      async ({ way }) => {
        const together = way === 'queued together';
        const tag = randomUUID().slice(0, 8);
        const shared = {
          reference: `ENV-RACE-${tag}`,
          name: `Race ${tag}`,
          contactEmail: `info@race-${tag}.example`,
          plan: 'basic',
        };
        const kvkNumber = uniqueKvkNumber();
        // Both name the shared environment with an organisation and an administrator of their own; the
        // second names an environment of its own first, which must go if its file is refused.
        const files = [
          directoryFile({
            ...shared,
            organisations: [{ name: 'Shared B.V.', kvkNumber }],
            users: [{ email: `first@race-${tag}.example`, name: 'First', role: 'administrator' }],
          }),
          directoryFile(
            {
              reference: `ENV-RACE-${tag}-OWN`,
              name: `Own ${tag}`,
              contactEmail: `own@race-${tag}.example`,
              plan: 'enterprise',
              users: [{ email: `own@race-${tag}.example`, name: 'Own', role: 'administrator' }],
            },
            {
              ...shared,
              organisations: [{ name: 'Shared B.V.', kvkNumber }],
              users: [{ email: `second@race-${tag}.example`, name: 'Second', role: 'administrator' }],
            },
          ),
        ];

        // Queued together behind a lock of the environments table, both read that there is no such
        // environment yet before either writes it: one of them must then be refused.
        const release = together ? await hold('LOCK TABLE environments IN EXCLUSIVE MODE') : undefined;
        const racers = files.map((file) => tracked(importDirectory(db, file)));
        if (release) {
          await queued(2, racers);
          await release();
        }
        const results = await Promise.allSettled(racers.map((racer) => racer.promise));

        const refused = results.flatMap((result, index) => (result.status === 'rejected' ? [index] : []));
        if (together) expect(refused).toHaveLength(1);
        else expect(refused.length).toBeLessThanOrEqual(1);
        for (const index of refused) {
          const reason = (results[index] as PromiseRejectedResult).reason as unknown;
          // A plain unique violation, which says what collided: running the file again is the remedy.
          expect(reason).toBeInstanceOf(QueryFailedError);
          expect(String(reason)).toMatch(
            /duplicate key value violates unique constraint "ux_environments_reference"/,
          );
          expect(await referencesLike(`ENV-RACE-${tag}%`)).toEqual(
            index === 1 ? [shared.reference] : [shared.reference, `ENV-RACE-${tag}-OWN`],
          );
          expect(await emailsIn(shared.reference)).toEqual([
            index === 1 ? `first@race-${tag}.example` : `second@race-${tag}.example`,
          ]);
        }

        // The refused file, run again, finds the environment and adds what it brings.
        for (const index of refused) {
          const again = await importDirectory(db, files[index]!);
          expect(again.environments.unchanged).toBe(1);
        }
        expect(await referencesLike(`ENV-RACE-${tag}%`)).toEqual([shared.reference, `ENV-RACE-${tag}-OWN`]);
        expect(await emailsIn(shared.reference)).toEqual([
          `first@race-${tag}.example`,
          `second@race-${tag}.example`,
        ]);
        const [organisations] = await db.query<{ n: number }[]>(
          `SELECT count(*)::int AS n FROM organisations o JOIN environments e ON e.id = o.environment_id
            WHERE e.reference = $1`,
          [shared.reference],
        );
        expect(organisations?.n).toBe(1);
      },
    );

    async function referencesLike(pattern: string): Promise<string[]> {
      const rows = await db.query<{ reference: string }[]>(
        'SELECT reference FROM environments WHERE reference LIKE $1 ORDER BY reference',
        [pattern],
      );
      return rows.map((row) => row.reference);
    }

    async function emailsIn(reference: string): Promise<string[]> {
      const rows = await db.query<{ email: string }[]>(
        `SELECT u.email FROM users u JOIN environments e ON e.id = u.environment_id
          WHERE e.reference = $1 ORDER BY u.email`,
        [reference],
      );
      return rows.map((row) => row.email);
    }
  });

  describe('an appointment beside the API demoting another administrator', () => {
    // A, the one active administrator, steps down while the requester is appointed (twice at once, as a
    // retried activity may be). Once the appointment has made an existing active user administrator, A may
    // go; before it, or when the requester is new (invited, so not yet active), A is the last one and stays.
    it.each(
      Array.from({ length: ROUNDS }, (_, round) => ({
        round,
        order: orderOf(round),
        requester: round % 2 ? ('new' as const) : ('an active user' as const),
      })),
    )(
      'round $round, the appointment $order, the requester $requester: one appointment, never without an active administrator',
      async ({ round, order, requester }) => {
        const existing = requester === 'an active user';
        const { environment, organisations, users } = await newEnvironment(db, {
          organisations: 1,
          users: [{ role: 'administrator' }, ...(existing ? [{}] : [])],
        });
        const a = users[0]!;
        const kase = await newCase(db, {
          status: 'appointing',
          environmentId: environment.id,
          matchKind: 'kvk_number',
          approvedOrganisationIds: [organisations[0]!.id],
          ...(existing ? { requesterEmail: users[1]!.email } : {}),
        });
        const stepDown: Record<string, string> = round % 4 < 2 ? { role: 'user' } : { status: 'deactivated' };

        const [appointed, answer] = await race(
          order,
          () => holdEnvironment(environment.id),
          // The second attempt waits for the case row the first one holds.
          () =>
            Promise.all([
              appointments.appointAdministrator({ caseId: kase.id }),
              appointments.appointAdministrator({ caseId: kase.id }),
            ]),
          () => changeUser(a.id, environment.id, a.id, stepDown),
          2,
        );

        const requesterId = appointed[0].userId;
        expect(appointed).toEqual([
          { userId: requesterId, newUser: !existing },
          { userId: requesterId, newUser: !existing },
        ]);
        if (existing) expect(requesterId).toBe(users[1]!.id);
        expect([200, 409]).toContain(answer.status);
        const stepped = answer.status === 200;
        // Only an appointment that went first and made an active administrator lets A go.
        if (!existing || order === 'second') expect({ stepped }).toEqual({ stepped: false });
        if (existing && order === 'first') expect({ stepped }).toEqual({ stepped: true });

        const [kaseRow] = await db.query<{ status: string; appointed_user_id: string }[]>(
          'SELECT status, appointed_user_id FROM recovery_cases WHERE id = $1',
          [kase.id],
        );
        expect(kaseRow).toEqual({ status: 'completed', appointed_user_id: requesterId });
        const events = await db.query<{ type: string; n: number }[]>(
          `SELECT type, count(*)::int AS n FROM case_events
            WHERE case_id = $1 AND type IN ('administrator_appointed', 'case_completed') GROUP BY type ORDER BY type`,
          [kase.id],
        );
        expect(events).toEqual([
          { type: 'administrator_appointed', n: 1 },
          { type: 'case_completed', n: 1 },
        ]);
        expect(await usersOf(environment.id)).toEqual({
          [a.id]: stepped
            ? { role: 'administrator', status: 'active', ...stepDown }
            : { role: 'administrator', status: 'active' },
          [requesterId]: { role: 'administrator', status: existing ? 'active' : 'invited' },
        });
        expect(await activeAdministrators(environment.id)).toEqual(
          [...(stepped ? [] : [a.id]), ...(existing ? [requesterId] : [])].sort(),
        );
        const memberships = await db.query<{ organisation_id: string; role: string }[]>(
          'SELECT organisation_id, role FROM organisation_memberships WHERE user_id = $1',
          [requesterId],
        );
        expect(memberships).toEqual([{ organisation_id: organisations[0]!.id, role: 'administrator' }]);
      },
    );
  });
});
