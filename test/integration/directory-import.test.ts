import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import {
  DirectoryImportRejected,
  importDirectory,
  parseDirectoryFile,
  type DirectoryFile,
  type DirectoryImportSummary,
} from '@app/directory-import';
import { loadDemoDirectoryIfEmpty } from '../../tools/dev/demo-directory';
import { openTestDatabase, withScratchDatabase } from '../support/database';
import { runCli } from '../support/source-process';

const ROOT = join(__dirname, '..', '..');

// The file format as a test writes it (the importer's own types are those of the validated file).
interface MembershipJson {
  kvkNumber: string;
  role?: string;
}
interface UserJson {
  id?: string;
  email: string;
  name: string;
  role?: string;
  status?: string;
  organisations?: MembershipJson[];
}
interface EnvironmentJson {
  id?: string;
  reference: string;
  name: string;
  contactEmail: string;
  plan: string;
  organisations: { id?: string; name: string; kvkNumber: string; contactEmail?: string }[];
  users: UserJson[];
}

let sequence = 0;

/**
 * An environment no other test uses (reference and addresses are unique; KvK numbers need to be unique
 * only within their environment): two organisations, an administrator, a member and an invited user.
 */
function newEnvironmentJson(): EnvironmentJson {
  sequence += 1;
  const tag = `${sequence}-${randomUUID().slice(0, 8)}`;
  return {
    id: randomUUID(),
    reference: `ENV-IMPORT-${tag}`,
    name: `Import ${tag}`,
    contactEmail: `info@import-${tag}.example`,
    plan: 'basic',
    organisations: [
      {
        id: randomUUID(),
        name: 'First B.V.',
        kvkNumber: '11111111',
        contactEmail: `first@import-${tag}.example`,
      },
      { name: 'Second B.V.', kvkNumber: '22222222' },
    ],
    users: [
      {
        id: randomUUID(),
        email: `admin@import-${tag}.example`,
        name: 'Ada Admin',
        role: 'administrator',
        organisations: [{ kvkNumber: '11111111', role: 'administrator' }],
      },
      {
        email: `member@import-${tag}.example`,
        name: 'Mo Member',
        organisations: [{ kvkNumber: '11111111' }, { kvkNumber: '22222222', role: 'administrator' }],
      },
      { email: `invited@import-${tag}.example`, name: 'Ivy Invited', status: 'invited' },
    ],
  };
}

function fileOf(...environments: EnvironmentJson[]): DirectoryFile {
  const result = parseDirectoryFile(JSON.stringify({ environments }));
  if (!result.ok) throw new Error(result.problems.join('\n'));
  return result.file;
}

const tally = (created: number, updated: number, unchanged: number) => ({ created, updated, unchanged });

/**
 * Every row of the environment, whole, with its `xmin` (the transaction that last wrote it): equal
 * snapshots mean no row was rewritten, not merely that the values came out the same.
 */
async function rowsOf(db: DataSource, reference: string) {
  const query = (sql: string) =>
    db.query<{ version: string; row: Record<string, unknown> }[]>(sql, [reference]);
  const inEnvironment = 'environment_id = (SELECT id FROM environments WHERE reference = $1)';
  return {
    environments: await query(
      'SELECT xmin::text AS version, to_jsonb(e) AS row FROM environments e WHERE reference = $1',
    ),
    organisations: await query(
      `SELECT xmin::text AS version, to_jsonb(o) AS row FROM organisations o WHERE ${inEnvironment} ORDER BY kvk_number`,
    ),
    users: await query(
      `SELECT xmin::text AS version, to_jsonb(u) AS row FROM users u WHERE ${inEnvironment} ORDER BY email`,
    ),
    memberships: await query(
      `SELECT xmin::text AS version, to_jsonb(m) AS row FROM organisation_memberships m WHERE ${inEnvironment}
       ORDER BY organisation_id, user_id`,
    ),
  };
}

async function membershipsOf(db: DataSource, email: string): Promise<{ kvk_number: string; role: string }[]> {
  return db.query(
    `SELECT o.kvk_number, m.role FROM organisation_memberships m
     JOIN organisations o ON o.id = m.organisation_id JOIN users u ON u.id = m.user_id
     WHERE u.email = $1 ORDER BY o.kvk_number`,
    [email],
  );
}

async function rejectionOf(promise: Promise<unknown>): Promise<readonly string[]> {
  const error: unknown = await promise.then(
    () => new Error('expected the import to be refused'),
    (refusal: unknown) => refusal,
  );
  if (!(error instanceof DirectoryImportRejected)) throw error;
  return error.problems;
}

describe(importDirectory.name, () => {
  let db: DataSource;

  beforeAll(async () => {
    db = await openTestDatabase();
  });

  afterAll(async () => {
    await db.destroy();
  });

  it('creates environments, organisations, users and memberships, keeping the ids the file gives', async () => {
    const environment = newEnvironmentJson();
    const summary = await importDirectory(db, fileOf(environment));

    expect(summary).toEqual({
      environments: tally(1, 0, 0),
      organisations: tally(2, 0, 0),
      users: tally(3, 0, 0),
      memberships: { ...tally(3, 0, 0), removed: 0 },
    });
    const rows = await rowsOf(db, environment.reference);
    expect(rows.environments.map(({ row }) => row)).toEqual([
      expect.objectContaining({ id: environment.id, name: environment.name, plan: 'basic' }),
    ]);
    expect(rows.organisations.map(({ row }) => row)).toEqual([
      expect.objectContaining({ id: environment.organisations[0]!.id, kvk_number: '11111111' }),
      expect.objectContaining({ name: 'Second B.V.', kvk_number: '22222222', contact_email: null }),
    ]);
    const [admin, member, invited] = environment.users;
    expect(rows.users.map(({ row }) => [row.email, row.role, row.status])).toEqual([
      [admin!.email, 'administrator', 'active'],
      [invited!.email, 'user', 'invited'],
      [member!.email, 'user', 'active'],
    ]);
    expect(rows.users.find(({ row }) => row.email === admin!.email)?.row.id).toBe(admin!.id);
    expect(await membershipsOf(db, member!.email)).toEqual([
      { kvk_number: '11111111', role: 'member' },
      { kvk_number: '22222222', role: 'administrator' },
    ]);
  });

  it('changes nothing when the same file is imported again: every row and its updated_at stay', async () => {
    const environment = newEnvironmentJson();
    await importDirectory(db, fileOf(environment));
    const before = await rowsOf(db, environment.reference);

    const summary = await importDirectory(db, fileOf(environment));

    expect(summary).toEqual({
      environments: tally(0, 0, 1),
      organisations: tally(0, 0, 2),
      users: tally(0, 0, 3),
      memberships: { ...tally(0, 0, 3), removed: 0 },
    });
    expect(await rowsOf(db, environment.reference)).toEqual(before);
  });

  it('applies a changed name, role, status and memberships, and leaves rows the file omits alone', async () => {
    const environment = newEnvironmentJson();
    await importDirectory(db, fileOf(environment));
    const before = await rowsOf(db, environment.reference);
    const [admin, member, invited] = environment.users as [UserJson, UserJson, UserJson];

    const changed: EnvironmentJson = {
      ...environment,
      name: 'Renamed',
      users: [
        {
          ...admin,
          organisations: [{ kvkNumber: '11111111', role: 'member' }, { kvkNumber: '22222222' }],
        },
        { ...member, role: 'administrator', status: 'deactivated', organisations: [] },
      ],
    };
    const summary = await importDirectory(db, fileOf(changed));

    expect(summary).toEqual({
      environments: tally(0, 1, 0),
      organisations: tally(0, 0, 2),
      users: tally(0, 1, 1),
      memberships: { ...tally(1, 1, 0), removed: 2 },
    });
    const after = await rowsOf(db, environment.reference);
    expect(after.environments[0]!.row).toMatchObject({ name: 'Renamed' });
    expect(after.environments[0]!.row.updated_at).not.toEqual(before.environments[0]!.row.updated_at);
    expect(after.organisations).toEqual(before.organisations);
    const userRow = (rows: typeof before, email: string) => rows.users.find(({ row }) => row.email === email);
    expect(userRow(after, member.email)?.row).toMatchObject({ role: 'administrator', status: 'deactivated' });
    expect(userRow(after, admin.email)).toEqual(userRow(before, admin.email));
    expect(userRow(after, invited.email)).toEqual(userRow(before, invited.email));
    expect(await membershipsOf(db, admin.email)).toEqual([
      { kvk_number: '11111111', role: 'member' },
      { kvk_number: '22222222', role: 'member' },
    ]);
    expect(await membershipsOf(db, member.email)).toEqual([]);
  });

  it('matches a user by email whatever its case, and keeps the spelling of the file', async () => {
    const environment = newEnvironmentJson();
    await importDirectory(db, fileOf(environment));
    const admin = environment.users[0]!;
    const shouted = admin.email.toUpperCase();

    const summary = await importDirectory(
      db,
      fileOf({ ...environment, users: [{ ...admin, email: shouted }] }),
    );

    expect(summary.users).toEqual(tally(0, 1, 0));
    const users = (await rowsOf(db, environment.reference)).users.map(({ row }) => row);
    expect(users).toHaveLength(3);
    expect(users).toContainEqual(expect.objectContaining({ id: admin.id, email: shouted }));
  });

  it('links a user to an organisation that only the database has', async () => {
    const environment = newEnvironmentJson();
    await importDirectory(db, fileOf(environment));
    const newcomer = { email: `new.${environment.contactEmail}`, name: 'Nina New' };

    const summary = await importDirectory(
      db,
      fileOf({
        ...environment,
        organisations: [],
        users: [{ ...newcomer, organisations: [{ kvkNumber: '22222222' }] }],
      }),
    );

    expect(summary.memberships).toEqual({ ...tally(1, 0, 0), removed: 0 });
    expect(await membershipsOf(db, newcomer.email)).toEqual([{ kvk_number: '22222222', role: 'member' }]);
  });

  it('refuses a membership of an organisation the environment does not have, and writes nothing', async () => {
    // 11111111 exists, but in another environment: it does not count.
    const other = newEnvironmentJson();
    await importDirectory(db, fileOf(other));
    const environment: EnvironmentJson = { ...newEnvironmentJson(), organisations: [] };
    environment.users[1]!.organisations = [{ kvkNumber: '11111111' }];

    const problems = await rejectionOf(importDirectory(db, fileOf(environment)));

    expect(problems).toEqual([
      `environments[0].users[0].organisations[0].kvkNumber: no organisation with KvK number 11111111 in environment ${environment.reference}, neither in the file nor in the database`,
      `environments[0].users[1].organisations[0].kvkNumber: no organisation with KvK number 11111111 in environment ${environment.reference}, neither in the file nor in the database`,
    ]);
    expect((await rowsOf(db, environment.reference)).environments).toEqual([]);
  });

  it('refuses an id other than the matched row’s, naming its path, and writes nothing', async () => {
    const environment = newEnvironmentJson();
    await importDirectory(db, fileOf(environment));
    const before = await rowsOf(db, environment.reference);
    const admin = environment.users[0]!;
    const wrongId = randomUUID();

    const problems = await rejectionOf(
      importDirectory(
        db,
        fileOf({
          ...environment,
          name: 'Renamed',
          users: [{ ...admin, id: wrongId }, ...environment.users.slice(1)],
        }),
      ),
    );

    expect(problems).toEqual([
      `environments[0].users[0].id: the user ${admin.email} in ${environment.reference} exists with id ${admin.id}, not ${wrongId}`,
    ]);
    expect(await rowsOf(db, environment.reference)).toEqual(before);
  });

  it('rolls the whole file back when the database refuses a row', async () => {
    const first = newEnvironmentJson();
    const second = newEnvironmentJson();
    const file = fileOf(first, second);
    // Past the validator, like a conflict the file could not foresee: the last user's row does not fit.
    file.environments[1]!.users[2]!.name = 'N'.repeat(201);

    await expect(importDirectory(db, file)).rejects.toThrow(/value too long/);

    expect((await rowsOf(db, first.reference)).environments).toEqual([]);
    expect((await rowsOf(db, second.reference)).environments).toEqual([]);
  });
});

describe('npm run cli -- directory:import', () => {
  let db: DataSource;
  let folder: string;

  const fileWith = async (text: string): Promise<string> => {
    const path = join(folder, `${randomUUID()}.json`);
    await writeFile(path, text);
    return path;
  };

  beforeAll(async () => {
    db = await openTestDatabase();
    folder = await mkdtemp(join(tmpdir(), 'directory-import-'));
  });

  afterAll(async () => {
    await db.destroy();
    await rm(folder, { recursive: true, force: true });
  });

  it('imports a file, prints what it did, and on the second run that nothing changed', async () => {
    const environment = newEnvironmentJson();
    const path = await fileWith(JSON.stringify({ environments: [environment] }, null, 2));

    const first = await runCli(['directory:import', path]);
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toContain(`Imported ${path}:`);
    expect(first.stdout).toContain('environments   1 created, 0 updated, 0 unchanged');
    expect(first.stdout).toContain('memberships    3 created, 0 updated, 0 unchanged, 0 removed');
    expect((await rowsOf(db, environment.reference)).users).toHaveLength(3);

    const second = await runCli(['directory:import', path]);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('nothing changed, the database already matched the file');
    expect(second.stdout).toContain('users          0 created, 0 updated, 3 unchanged');
  });

  it('names the line and column of a syntax error, writes nothing and exits with 1', async () => {
    const environment = newEnvironmentJson();
    const text = JSON.stringify({ environments: [environment] }, null, 2).replace(
      `"name": "${environment.name}",`,
      `"name": "${environment.name}"`,
    );
    const path = await fileWith(text);

    const { code, stdout, stderr } = await runCli(['directory:import', path]);

    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain(`${path} has a problem; nothing was written:`);
    expect(stderr).toContain(`line 7, column 7: expected ',' between two values or fields`);
    expect((await rowsOf(db, environment.reference)).environments).toEqual([]);
  });

  it('lists every validation problem by its path, writes nothing and exits with 1', async () => {
    const good = newEnvironmentJson();
    const bad = newEnvironmentJson();
    bad.users[1]!.email = 'not-an-address';
    bad.organisations[1]!.kvkNumber = '123';
    const path = await fileWith(
      JSON.stringify({ environments: [good, { ...bad, plan: 'gold', colour: 'red' }] }, null, 2),
    );

    const { code, stderr } = await runCli(['directory:import', path]);

    expect(code).toBe(1);
    expect(stderr).toContain(`${path} has 4 problems; nothing was written:`);
    for (const problem of [
      'environments[1].colour: unknown field',
      'environments[1].plan: must be one of basic, professional, enterprise (got "gold")',
      'environments[1].organisations[1].kvkNumber: must be a KvK number of 8 digits (got "123")',
      'environments[1].users[1].email: must be an email address (got "not-an-address")',
    ]) {
      expect(stderr).toContain(`  - ${problem}`);
    }
    expect((await rowsOf(db, good.reference)).environments).toEqual([]);
    expect((await rowsOf(db, bad.reference)).environments).toEqual([]);
  });

  it('exits with 2 and the usage without a file, or when the file is missing', async () => {
    const none = await runCli(['directory:import']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('directory:import needs the file to import');
    expect(none.stderr).toContain('Usage: npm run cli -- <command> [arguments]');

    const missing = await runCli(['directory:import', join(folder, 'missing.json')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`Cannot read ${join(folder, 'missing.json')}: no such file`);
  });
});

describe(loadDemoDirectoryIfEmpty.name, () => {
  it('loads examples/directory.json into an empty database once, through the importer', async () => {
    // A database of its own: the demo's references and ids are fixed.
    await withScratchDatabase('econnect_demo', async (db) => {
      const demo = join(ROOT, 'examples', 'directory.json');

      const summary: DirectoryImportSummary | undefined = await loadDemoDirectoryIfEmpty(db, demo);
      // What examples/directory.json holds: 3 environments, 7 organisations, 12 users, 17 memberships.
      expect(summary).toEqual({
        environments: tally(3, 0, 0),
        organisations: tally(7, 0, 0),
        users: tally(12, 0, 0),
        memberships: { ...tally(17, 0, 0), removed: 0 },
      });

      expect(await loadDemoDirectoryIfEmpty(db, demo)).toBeUndefined();
      const administrators = await db.query<{ reference: string; active: number }[]>(
        `SELECT e.reference, count(u.id) FILTER (WHERE u.role = 'administrator' AND u.status = 'active')::int AS active
         FROM environments e JOIN users u ON u.environment_id = e.id GROUP BY e.reference ORDER BY e.reference`,
      );
      expect(administrators).toEqual([
        { reference: 'ENV-1001', active: 1 },
        { reference: 'ENV-1002', active: 0 },
        { reference: 'ENV-1003', active: 2 },
      ]);
    });
  });
});
