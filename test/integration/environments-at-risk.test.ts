import type { DataSource } from 'typeorm';
import { EnvironmentRepository } from '@app/persistence';
import { openTestDatabase } from '../support/database';
import { newEnvironment } from '../support/directory';

describe(`${EnvironmentRepository.name}.findAtRisk`, () => {
  let db: DataSource;

  beforeAll(async () => {
    db = await openTestDatabase();
  });

  afterAll(async () => {
    await db.destroy();
  });

  it('lists environments with fewer than two active administrators, those with none first', async () => {
    const orphaned = await newEnvironment(db, {
      users: [
        { role: 'administrator', status: 'deactivated' },
        { role: 'administrator', status: 'invited' },
        {},
      ],
    });
    const empty = await newEnvironment(db);
    const single = await newEnvironment(db, {
      users: [{ role: 'administrator' }, { role: 'administrator', status: 'deactivated' }, {}, {}],
    });
    const safe = await newEnvironment(db, { users: [{ role: 'administrator' }, { role: 'administrator' }] });

    const atRisk = await new EnvironmentRepository(db).findAtRisk();
    const mine = new Map(atRisk.map((entry) => [entry.environment.id, entry]));

    expect(mine.get(orphaned.environment.id)?.activeAdministrators).toBe(0);
    expect(mine.get(empty.environment.id)?.activeAdministrators).toBe(0);
    expect(mine.get(single.environment.id)?.activeAdministrators).toBe(1);
    expect(mine.get(single.environment.id)?.environment).toMatchObject({ name: single.environment.name });
    expect(mine.has(safe.environment.id)).toBe(false);

    const counts = atRisk.map((entry) => entry.activeAdministrators);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    expect(counts.every((n) => n < 2)).toBe(true);
  });

  it('drops an environment from the list once it has a second active administrator', async () => {
    const { environment, users } = await newEnvironment(db, { users: [{ role: 'administrator' }, {}] });
    const repository = new EnvironmentRepository(db);
    expect((await repository.findAtRisk()).some((e) => e.environment.id === environment.id)).toBe(true);

    await db.query(`UPDATE users SET role = 'administrator' WHERE id = $1`, [users[1]!.id]);
    expect((await repository.findAtRisk()).some((e) => e.environment.id === environment.id)).toBe(false);
  });
});
