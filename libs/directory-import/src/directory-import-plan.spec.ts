import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isActiveAdministrator } from '@app/domain';
import type { DirectorySnapshot } from '@app/persistence';
import { parseDirectoryFile, validateDirectoryFile, type DirectoryFile } from './directory-file';
import { planDirectoryImport, snapshotQuery } from './directory-import-plan';

const id = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function fileOf(environments: Record<string, unknown>[]): DirectoryFile {
  const result = validateDirectoryFile({ environments });
  if (!result.ok) throw new Error(result.problems.join('\n'));
  return result.file;
}

const acme = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  reference: 'ENV-1001',
  name: 'Acme',
  contactEmail: 'info@acme.example',
  plan: 'basic',
  ...overrides,
});

const EMPTY: DirectorySnapshot = { environments: [], organisations: [], users: [] };

/** ENV-1001 in the database with one organisation (12345678) and one user (anna@acme.example). */
const EXISTING: DirectorySnapshot = {
  environments: [{ id: id(1), reference: 'ENV-1001' }],
  organisations: [{ id: id(2), environmentId: id(1), kvkNumber: '12345678' }],
  users: [{ id: id(3), environmentId: id(1), email: 'Anna@Acme.example' }],
};

function sequence(): () => string {
  let next = 100;
  return () => id((next += 1));
}

function planOf(file: DirectoryFile, snapshot: DirectorySnapshot) {
  const result = planDirectoryImport(file, snapshot, sequence());
  if (!result.ok) throw new Error(result.problems.join('\n'));
  return result.plan;
}

function problemsOf(file: DirectoryFile, snapshot: DirectorySnapshot): string[] {
  const result = planDirectoryImport(file, snapshot, sequence());
  if (result.ok) throw new Error('expected problems');
  return result.problems;
}

describe(planDirectoryImport.name, () => {
  it('creates what the database lacks, keeping the ids the file gives and making up the others', () => {
    const plan = planOf(
      fileOf([
        acme({
          id: id(10),
          organisations: [
            { id: id(11), name: 'Acme B.V.', kvkNumber: '12345678' },
            { name: 'Acme Two', kvkNumber: '87654321' },
          ],
          users: [
            {
              id: id(12),
              email: 'anna@acme.example',
              name: 'Anna',
              organisations: [{ kvkNumber: '12345678', role: 'administrator' }, { kvkNumber: '87654321' }],
            },
          ],
        }),
      ]),
      EMPTY,
    );
    expect(plan.environments).toEqual([
      {
        row: {
          id: id(10),
          reference: 'ENV-1001',
          name: 'Acme',
          contactEmail: 'info@acme.example',
          plan: 'basic',
        },
        exists: false,
      },
    ]);
    expect(plan.organisations.map(({ row, exists }) => [row.id, row.environmentId, exists])).toEqual([
      [id(11), id(10), false],
      [id(101), id(10), false],
    ]);
    expect(plan.users.map(({ row, exists }) => [row.id, row.environmentId, exists])).toEqual([
      [id(12), id(10), false],
    ]);
    expect(plan.memberships).toEqual([
      {
        userId: id(12),
        environmentId: id(10),
        memberships: [
          { organisationId: id(11), role: 'administrator' },
          { organisationId: id(101), role: 'member' },
        ],
      },
    ]);
  });

  it('matches environments by reference, organisations by KvK number and users by email whatever its case', () => {
    const plan = planOf(
      fileOf([
        acme({
          organisations: [{ name: 'Acme B.V.', kvkNumber: '12345678' }],
          users: [{ email: 'ANNA@acme.example', name: 'Anna' }],
        }),
      ]),
      EXISTING,
    );
    expect(plan.environments[0]).toMatchObject({ row: { id: id(1) }, exists: true });
    expect(plan.organisations[0]).toMatchObject({ row: { id: id(2), environmentId: id(1) }, exists: true });
    expect(plan.users[0]).toMatchObject({ row: { id: id(3), email: 'ANNA@acme.example' }, exists: true });
    expect(plan.memberships).toEqual([]);
  });

  it('accepts the id a matched row already has', () => {
    const file = fileOf([
      acme({ id: id(1), users: [{ id: id(3), email: 'anna@acme.example', name: 'Anna' }] }),
    ]);
    expect(planDirectoryImport(file, EXISTING).ok).toBe(true);
  });

  it('links a user to an organisation that is only in the database', () => {
    const plan = planOf(
      fileOf([
        acme({
          users: [{ email: 'bob@acme.example', name: 'Bob', organisations: [{ kvkNumber: '12345678' }] }],
        }),
      ]),
      EXISTING,
    );
    expect(plan.memberships).toEqual([
      { userId: id(101), environmentId: id(1), memberships: [{ organisationId: id(2), role: 'member' }] },
    ]);
  });

  it('refuses a membership of an organisation that is neither in the file nor in the environment', () => {
    const otherEnvironment: DirectorySnapshot = {
      ...EXISTING,
      organisations: [{ id: id(9), environmentId: id(8), kvkNumber: '11112222' }],
    };
    const file = fileOf([
      acme({
        users: [
          {
            email: 'bob@acme.example',
            name: 'Bob',
            organisations: [{ kvkNumber: '12345678' }, { kvkNumber: '11112222' }],
          },
        ],
      }),
    ]);
    expect(problemsOf(file, otherEnvironment)).toEqual([
      'environments[0].users[0].organisations[0].kvkNumber: no organisation with KvK number 12345678 in environment ENV-1001, neither in the file nor in the database',
      'environments[0].users[0].organisations[1].kvkNumber: no organisation with KvK number 11112222 in environment ENV-1001, neither in the file nor in the database',
    ]);
  });

  it('refuses an id that differs from the matched row’s, naming the path', () => {
    const file = fileOf([
      acme({
        id: id(50),
        organisations: [{ id: id(51), name: 'Acme B.V.', kvkNumber: '12345678' }],
        users: [{ id: id(52), email: 'anna@acme.example', name: 'Anna' }],
      }),
    ]);
    expect(problemsOf(file, EXISTING)).toEqual([
      `environments[0].id: environment ENV-1001 exists with id ${id(1)}, not ${id(50)}`,
      `environments[0].organisations[0].id: the organisation with KvK number 12345678 in ENV-1001 exists with id ${id(2)}, not ${id(51)}`,
      `environments[0].users[0].id: the user anna@acme.example in ENV-1001 exists with id ${id(3)}, not ${id(52)}`,
    ]);
  });

  it('refuses a new row whose id another row already has', () => {
    const file = fileOf([
      acme({ reference: 'ENV-2002', id: id(1) }),
      acme({
        organisations: [{ id: id(2), name: 'New B.V.', kvkNumber: '33334444' }],
        users: [{ id: id(3), email: 'carol@acme.example', name: 'Carol' }],
      }),
    ]);
    expect(problemsOf(file, EXISTING)).toEqual([
      `environments[0].id: ${id(1)} is already the id of environment ENV-1001 (environments are matched by reference)`,
      `environments[1].organisations[0].id: ${id(2)} is already the id of the organisation with KvK number 12345678`,
      `environments[1].users[0].id: ${id(3)} is already the id of the user Anna@Acme.example`,
    ]);
  });

  it('names a row of another environment that has the id as such', () => {
    const file = fileOf([
      acme({ reference: 'ENV-2002', users: [{ id: id(3), email: 'anna@acme.example', name: 'Anna' }] }),
    ]);
    expect(problemsOf(file, EXISTING)).toEqual([
      `environments[0].users[0].id: ${id(3)} is already the id of the user Anna@Acme.example in another environment`,
    ]);
  });
});

describe(snapshotQuery.name, () => {
  it('asks for every reference, KvK number, email (in lower case) and id the file names', () => {
    const file = fileOf([
      acme({
        id: id(1),
        organisations: [{ id: id(2), name: 'Acme B.V.', kvkNumber: '12345678' }],
        users: [
          { id: id(3), email: 'Anna@Acme.example', name: 'Anna', organisations: [{ kvkNumber: '87654321' }] },
        ],
      }),
    ]);
    expect(snapshotQuery(file)).toEqual({
      references: ['ENV-1001'],
      kvkNumbers: ['12345678', '87654321'],
      emails: ['anna@acme.example'],
      ids: [id(1), id(2), id(3)],
    });
  });
});

describe('examples/directory.json', () => {
  const result = parseDirectoryFile(
    readFileSync(join(__dirname, '../../../examples/directory.json'), 'utf8'),
  );
  if (!result.ok) throw new Error(result.problems.join('\n'));
  const { environments } = result.file;

  it('loads into an empty database on its own', () => {
    expect(planDirectoryImport(result.file, EMPTY).ok).toBe(true);
  });

  it('shows an environment with one active administrator, an orphaned one and one with two', () => {
    expect(environments.map((e) => e.users.filter(isActiveAdministrator).length)).toEqual([1, 0, 2]);
    expect(environments[1]!.users.some((u) => u.role === 'administrator' && u.status === 'deactivated')).toBe(
      true,
    );
  });

  it('has organisation administrators who are no environment administrator, and an invited user', () => {
    const users = environments.flatMap((e) => e.users);
    const organisationAdministrators = users.filter(
      (u) => u.role === 'user' && u.organisations?.some((m) => m.role === 'administrator'),
    );
    expect(organisationAdministrators.length).toBeGreaterThan(0);
    expect(users.some((u) => u.status === 'invited')).toBe(true);
  });

  it('uses only addresses at .example domains', () => {
    const addresses = environments.flatMap((e) => [
      e.contactEmail,
      ...e.organisations.flatMap((o) => (o.contactEmail ? [o.contactEmail] : [])),
      ...e.users.map((u) => u.email),
    ]);
    expect(addresses.filter((address) => !address.endsWith('.example'))).toEqual([]);
  });
});
