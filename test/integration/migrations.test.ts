import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@app/persistence';
import { createDatabase, dropDatabase, withDatabase } from '../../tools/postgres/postgres-server';
import { openTestDatabase } from '../support/database';
import { testInfrastructure } from '../support/test-infrastructure';

describe('the database schema', () => {
  it('is exactly what the entities describe: no migration is missing', async () => {
    const db = await openTestDatabase();
    try {
      const pending = await db.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((q) => q.query)).toEqual([]);
    } finally {
      await db.destroy();
    }
  });

  it('migrates up, all the way down and up again on an empty database', async () => {
    const adminUrl = withDatabase(testInfrastructure().databaseUrl, 'postgres');
    const name = `econnect_migrations_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    await createDatabase(adminUrl, name);
    const db = await new DataSource(dataSourceOptions(withDatabase(adminUrl, name))).initialize();
    const tables = async () =>
      (
        await db.query<{ table_name: string }[]>(
          "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1",
        )
      ).map((r) => r.table_name);
    try {
      await db.runMigrations({ transaction: 'each' });
      expect(await tables()).toEqual(
        expect.arrayContaining([
          'case_events',
          'intake_idempotency_keys',
          'pending_secrets',
          'recovery_cases',
        ]),
      );
      const applied = async () =>
        (await db.query<[{ n: number }]>('SELECT count(*)::int AS n FROM schema_migrations'))[0].n;
      while ((await applied()) > 0) await db.undoLastMigration({ transaction: 'each' });
      expect(await tables()).toEqual(['schema_migrations']);
      await db.runMigrations({ transaction: 'each' });
      expect(await tables()).toContain('recovery_cases');
    } finally {
      await db.destroy();
      await dropDatabase(adminUrl, name);
    }
  });

  it('refuses to rewrite a case event', async () => {
    const db = await openTestDatabase();
    try {
      const caseId = await insertCase(db);
      await db.query(
        `INSERT INTO case_events (case_id, type, actor_type, details) VALUES ($1, 'case_submitted', 'requester', '{}')`,
        [caseId],
      );
      await expect(
        db.query(`UPDATE case_events SET type = 'case_expired' WHERE case_id = $1`, [caseId]),
      ).rejects.toThrow('case_events is append-only');
    } finally {
      await db.destroy();
    }
  });

  it.each([
    ['an unknown status', "status = 'lost'"],
    ['a KvK number that is not 8 digits', "kvk_number = '1234'"],
    ['an unknown method', "method = 'fax'"],
    ['a case that allows no upload', 'max_uploads = 0'],
  ])('refuses %s', async (_label, assignment) => {
    const db = await openTestDatabase();
    try {
      const caseId = await insertCase(db);
      await expect(
        db.query(`UPDATE recovery_cases SET ${assignment} WHERE id = $1`, [caseId]),
      ).rejects.toThrow(/violates check constraint/);
    } finally {
      await db.destroy();
    }
  });
});

/** A minimal valid case row, straight into the table. */
async function insertCase(db: DataSource): Promise<string> {
  const caseId = randomUUID();
  const reference = `RC-${randomUUID().slice(0, 4)}-${randomUUID().slice(0, 4)}`.toUpperCase();
  await db.query(
    `INSERT INTO recovery_cases (id, reference, status, method, requester_name, requester_email, company_name, token_hash,
                                 max_uploads, max_code_resends)
     VALUES ($1, $2, 'awaiting_confirmation', 'email', 'A', 'a@example.nl', 'A B.V.', '\\x00', 3, 3)`,
    [caseId, reference],
  );
  return caseId;
}
