import { Test, type TestingModule } from '@nestjs/testing';
import type { DataSource } from 'typeorm';
import { AppointmentActivities } from '../../apps/worker/src/activities/appointment.activities';
import { TemporalWorkerService } from '../../apps/worker/src/temporal-worker.service';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { newCase } from '../support/cases';
import { openTestDatabase } from '../support/database';
import { newEnvironment } from '../support/directory';
import { testConfig } from '../support/test-config';

// The appointment activity on its own, against the real database: what Temporal does after a crash
// between the commit and the acknowledgement is run it again.
describe(AppointmentActivities.name, () => {
  let worker: TestingModule;
  let activities: AppointmentActivities;
  let db: DataSource;

  beforeAll(async () => {
    // The worker's providers without the Temporal worker: its service is replaced by an empty object, so
    // nothing connects to Temporal or polls a task queue when the context starts and stops.
    worker = await Test.createTestingModule({ imports: [WorkerModule.forRoot(testConfig())] })
      .overrideProvider(TemporalWorkerService)
      .useValue({})
      .compile();
    await worker.init();
    activities = worker.get(AppointmentActivities);
    db = await openTestDatabase();
  });

  afterAll(async () => {
    await db.destroy();
    await worker.close();
  });

  /** Everything the appointment may touch: the environment's users, memberships and the case's trail. */
  async function snapshot(environmentId: string, caseId: string): Promise<unknown> {
    const [users, memberships, events, kase] = await Promise.all<unknown[]>([
      db.query<unknown[]>(
        `SELECT id, email, role, status FROM users WHERE environment_id = $1 ORDER BY email`,
        [environmentId],
      ),
      db.query<unknown[]>(
        `SELECT organisation_id, user_id, role FROM organisation_memberships WHERE environment_id = $1
          ORDER BY organisation_id, user_id`,
        [environmentId],
      ),
      db.query<unknown[]>(`SELECT id, type, details FROM case_events WHERE case_id = $1 ORDER BY id`, [
        caseId,
      ]),
      db.query<unknown[]>(`SELECT status, appointed_user_id, closed_at FROM recovery_cases WHERE id = $1`, [
        caseId,
      ]),
    ]);
    return { users, memberships, events, kase };
  }

  async function appointingCase(options: { existingUser?: 'active' | 'deactivated' } = {}) {
    const { environment, organisations, users } = await newEnvironment(db, {
      organisations: 3,
      users: [
        { role: 'administrator', status: 'deactivated' },
        ...(options.existingUser ? [{ role: 'user' as const, status: options.existingUser }] : []),
      ],
    });
    const kase = await newCase(db, {
      status: 'appointing',
      environmentId: environment.id,
      matchKind: 'kvk_number',
      approvedOrganisationIds: [organisations[0]?.id ?? '', organisations[2]?.id ?? ''],
      ...(options.existingUser ? { requesterEmail: users[1]?.email.toUpperCase() } : {}),
    });
    return { environment, organisations, kase };
  }

  it('creates the requester invited, as administrator of the environment and the chosen organisations', async () => {
    const { environment, organisations, kase } = await appointingCase();
    const first = await activities.appointAdministrator({ caseId: kase.id });
    expect(first.newUser).toBe(true);

    const [user] = await db.query<{ id: string; role: string; status: string }[]>(
      `SELECT id, role, status FROM users WHERE environment_id = $1 AND lower(email) = lower($2)`,
      [environment.id, kase.requesterEmail],
    );
    expect(user).toEqual({ id: first.userId, role: 'administrator', status: 'invited' });
    const memberships = await db.query<{ organisation_id: string; role: string }[]>(
      `SELECT organisation_id, role FROM organisation_memberships WHERE user_id = $1`,
      [first.userId],
    );
    expect(memberships.map((m) => m.organisation_id).sort()).toEqual(
      [organisations[0]?.id, organisations[2]?.id].sort(),
    );
    expect(memberships.every((m) => m.role === 'administrator')).toBe(true);
  });

  it('changes nothing when it runs a second time', async () => {
    const { environment, kase } = await appointingCase();
    const first = await activities.appointAdministrator({ caseId: kase.id });
    const after = await snapshot(environment.id, kase.id);
    const second = await activities.appointAdministrator({ caseId: kase.id });
    expect(second).toEqual(first);
    expect(await snapshot(environment.id, kase.id)).toEqual(after);
  });

  it('appoints once when two attempts run at the same moment', async () => {
    const { environment, kase } = await appointingCase();
    const [a, b] = await Promise.all([
      activities.appointAdministrator({ caseId: kase.id }),
      activities.appointAdministrator({ caseId: kase.id }),
    ]);
    expect(a.userId).toBe(b.userId);
    const appointed = await db.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM case_events WHERE case_id = $1 AND type = 'administrator_appointed'`,
      [kase.id],
    );
    expect(appointed[0]?.n).toBe(1);
    const users = await db.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM users WHERE environment_id = $1 AND lower(email) = lower($2)`,
      [environment.id, kase.requesterEmail],
    );
    expect(users[0]?.n).toBe(1);
  });

  it("reuses the requester's existing user, whatever the case of the address", async () => {
    const { environment, kase } = await appointingCase({ existingUser: 'active' });
    const result = await activities.appointAdministrator({ caseId: kase.id });
    expect(result.newUser).toBe(false);
    const rows = await db.query<{ role: string; status: string }[]>(
      `SELECT role, status FROM users WHERE environment_id = $1 AND lower(email) = lower($2)`,
      [environment.id, kase.requesterEmail],
    );
    expect(rows).toEqual([{ role: 'administrator', status: 'active' }]);
  });

  it('invites a deactivated user again rather than reactivating a login they lost', async () => {
    const { environment, kase } = await appointingCase({ existingUser: 'deactivated' });
    await activities.appointAdministrator({ caseId: kase.id });
    const rows = await db.query<{ role: string; status: string }[]>(
      `SELECT role, status FROM users WHERE environment_id = $1 AND lower(email) = lower($2)`,
      [environment.id, kase.requesterEmail],
    );
    expect(rows).toEqual([{ role: 'administrator', status: 'invited' }]);
  });

  it('refuses a case that is not appointing, for good', async () => {
    const { kase } = await appointingCase();
    await db.query(`UPDATE recovery_cases SET status = 'awaiting_review' WHERE id = $1`, [kase.id]);
    await expect(activities.appointAdministrator({ caseId: kase.id })).rejects.toMatchObject({
      code: 'invalid_state',
    });
  });

  it('refuses for good, and changes nothing, when an approved organisation is gone', async () => {
    const { environment, organisations, kase } = await appointingCase();
    const before = await snapshot(environment.id, kase.id);
    await db.query(`DELETE FROM organisations WHERE id = $1`, [organisations[2]?.id]);
    await expect(activities.appointAdministrator({ caseId: kase.id })).rejects.toMatchObject({
      code: 'not_found',
    });
    expect(await snapshot(environment.id, kase.id)).toEqual(before);
  });
});
