import { isDeepStrictEqual } from 'node:util';
import type { DataSource } from 'typeorm';

/** The tables a directory call (API, import, appointment) can write, in the order their changes are listed. */
const DIRECTORY_TABLES = ['environments', 'organisations', 'users', 'organisation_memberships'] as const;
export type DirectoryTable = (typeof DIRECTORY_TABLES)[number];

/** A row as PostgreSQL's `to_jsonb` gives it: column names as keys, timestamps with their microseconds. */
export type Row = Record<string, unknown>;

interface VersionedRow {
  row: Row;
  /** `xmin`: the transaction that last wrote the row, so that a rewrite with the same values shows too. */
  version: string;
}

/** Every directory row of some environments, by table and primary key (`organisation_id/user_id`). */
type DirectorySnapshot = Record<DirectoryTable, Map<string, VersionedRow>>;

/**
 * One difference between two snapshots. `changed` lists the new values of the columns that differ; it is
 * `{}` when the row was written again with the values it had.
 */
export type DirectoryChange =
  | { table: DirectoryTable; key: string; change: 'added'; row: Row }
  | { table: DirectoryTable; key: string; change: 'changed'; columns: Row }
  | { table: DirectoryTable; key: string; change: 'removed'; row: Row };

const KEYS: Record<DirectoryTable, string> = {
  environments: 't.id::text',
  organisations: 't.id::text',
  users: 't.id::text',
  organisation_memberships: `t.organisation_id::text || '/' || t.user_id::text`,
};
const SCOPES: Record<DirectoryTable, string> = {
  environments: 't.id = ANY($1::uuid[])',
  organisations: 't.environment_id = ANY($1::uuid[])',
  users: 't.environment_id = ANY($1::uuid[])',
  organisation_memberships: 't.environment_id = ANY($1::uuid[])',
};

// One round trip for the whole snapshot: the permission matrix takes two per case.
const SNAPSHOT_SQL = `SELECT ${DIRECTORY_TABLES.map(
  (table) =>
    `(SELECT coalesce(jsonb_agg(jsonb_build_array(${KEYS[table]}, t.xmin::text, to_jsonb(t))), '[]'::jsonb)
        FROM ${table} t WHERE ${SCOPES[table]}) AS ${table}`,
).join(',\n       ')}`;

/** Every row of these environments and of their organisations, users and memberships. */
async function snapshotDirectory(
  db: DataSource,
  environmentIds: readonly string[],
): Promise<DirectorySnapshot> {
  const [result] = await db.query<Record<DirectoryTable, [string, string, Row][]>[]>(SNAPSHOT_SQL, [
    environmentIds,
  ]);
  if (!result) throw new Error('snapshotDirectory: the query answered no row');
  const snapshot = {} as DirectorySnapshot;
  for (const table of DIRECTORY_TABLES) {
    snapshot[table] = new Map(result[table].map(([key, version, row]) => [key, { row, version }]));
  }
  return snapshot;
}

/** What changed from `before` to `after`, table by table (in {@link DIRECTORY_TABLES} order), then by key. */
function directoryChanges(before: DirectorySnapshot, after: DirectorySnapshot): DirectoryChange[] {
  const changes: DirectoryChange[] = [];
  for (const table of DIRECTORY_TABLES) {
    const keys = [...new Set([...before[table].keys(), ...after[table].keys()])].sort();
    for (const key of keys) {
      const was = before[table].get(key);
      const is = after[table].get(key);
      if (!was && is) changes.push({ table, key, change: 'added', row: is.row });
      else if (was && !is) changes.push({ table, key, change: 'removed', row: was.row });
      else if (was && is && was.version !== is.version) {
        const columns = Object.fromEntries(
          Object.entries(is.row).filter(([column, value]) => !isDeepStrictEqual(value, was.row[column])),
        );
        changes.push({ table, key, change: 'changed', columns });
      }
    }
  }
  return changes;
}

/**
 * Runs `act` between two snapshots of the environments and answers its result with the changes it made.
 * The environments are those the call could reach: the caller's, and any other it names.
 */
export async function changesDuring<T>(
  db: DataSource,
  environmentIds: readonly string[],
  act: () => Promise<T>,
): Promise<{ result: T; changes: DirectoryChange[] }> {
  const before = await snapshotDirectory(db, environmentIds);
  const result = await act();
  return { result, changes: directoryChanges(before, await snapshotDirectory(db, environmentIds)) };
}

// Builders of expected changes, to compare with `toEqual`.

/** A timestamp as `to_jsonb` writes it; in a `changed` entry its presence means it moved. */
const A_TIMESTAMP: unknown = expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/);

export const added = (table: DirectoryTable, key: string, row: Row): DirectoryChange => ({
  table,
  key,
  change: 'added',
  row: { created_at: A_TIMESTAMP, updated_at: A_TIMESTAMP, ...row },
});

export const changed = (table: DirectoryTable, key: string, columns: Row): DirectoryChange => ({
  table,
  key,
  change: 'changed',
  columns: { updated_at: A_TIMESTAMP, ...columns },
});

export const removed = (table: DirectoryTable, key: string): DirectoryChange => ({
  table,
  key,
  change: 'removed',
  row: expect.objectContaining({}) as Row,
});

/** The key of a membership in a snapshot. */
export const membershipKey = (organisationId: string, userId: string): string =>
  `${organisationId}/${userId}`;
