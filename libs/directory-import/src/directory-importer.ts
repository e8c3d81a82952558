import type { DataSource } from 'typeorm';
import { DirectoryImportRepository } from '@app/persistence';
import type { DirectoryFile } from './directory-file';
import {
  planDirectoryImport,
  snapshotQuery,
  type DirectoryImportPlan,
  type PlannedRow,
} from './directory-import-plan';

interface ImportTally {
  created: number;
  updated: number;
  unchanged: number;
}

export interface DirectoryImportSummary {
  environments: ImportTally;
  organisations: ImportTally;
  users: ImportTally;
  /** `removed`: memberships a listed user had but the file no longer gives them. */
  memberships: ImportTally & { removed: number };
}

/** The file does not fit what the database holds (ids, memberships); each problem names its JSON path. */
export class DirectoryImportRejected extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`the import was refused: ${problems.join('; ')}`);
  }
}

/**
 * Loads a validated directory file in one transaction: the environments it names are locked, every entry
 * is matched and checked, and only then is anything written. A problem or a database error rolls back all.
 */
export function importDirectory(
  dataSource: DataSource,
  file: DirectoryFile,
): Promise<DirectoryImportSummary> {
  return dataSource.transaction(async (manager) => {
    const repository = new DirectoryImportRepository(manager);
    const planned = planDirectoryImport(file, await repository.lockSnapshot(snapshotQuery(file)));
    if (!planned.ok) throw new DirectoryImportRejected(planned.problems);
    return write(repository, planned.plan);
  });
}

/** Whether the database holds no environment yet: `npm run dev` loads the demo directory then. */
export function isDirectoryEmpty(dataSource: DataSource): Promise<boolean> {
  return new DirectoryImportRepository(dataSource.manager).hasEnvironments().then((found) => !found);
}

async function write(
  repository: DirectoryImportRepository,
  plan: DirectoryImportPlan,
): Promise<DirectoryImportSummary> {
  // In this order, so that every row's foreign keys point at rows already written.
  const environments = await saveRows(
    plan.environments,
    (row) => repository.insertEnvironment(row),
    (row) => repository.updateEnvironment(row),
  );
  const organisations = await saveRows(
    plan.organisations,
    (row) => repository.insertOrganisation(row),
    (row) => repository.updateOrganisation(row),
  );
  const users = await saveRows(
    plan.users,
    (row) => repository.insertUser(row),
    (row) => repository.updateUser(row),
  );
  const memberships = { created: 0, updated: 0, unchanged: 0, removed: 0 };
  for (const userMemberships of plan.memberships) {
    const changes = await repository.replaceMemberships(userMemberships);
    for (const key of ['created', 'updated', 'unchanged', 'removed'] as const) {
      memberships[key] += changes[key];
    }
  }
  return { environments, organisations, users, memberships };
}

async function saveRows<T>(
  rows: readonly PlannedRow<T>[],
  insert: (row: T) => Promise<void>,
  update: (row: T) => Promise<boolean>,
): Promise<ImportTally> {
  const tally: ImportTally = { created: 0, updated: 0, unchanged: 0 };
  for (const { row, exists } of rows) {
    if (!exists) {
      await insert(row);
      tally.created += 1;
    } else if (await update(row)) {
      tally.updated += 1;
    } else {
      tally.unchanged += 1;
    }
  }
  return tally;
}

/** The summary as printed: one line per kind of row. */
export function describeSummary(summary: DirectoryImportSummary): string[] {
  const line = (label: string, tally: ImportTally, extra = ''): string =>
    `  ${label.padEnd(14)} ${tally.created} created, ${tally.updated} updated, ${tally.unchanged} unchanged${extra}`;
  return [
    line('environments', summary.environments),
    line('organisations', summary.organisations),
    line('users', summary.users),
    line('memberships', summary.memberships, `, ${summary.memberships.removed} removed`),
  ];
}

/** Whether the import wrote nothing at all: the database already matched the file. */
export function changedNothing(summary: DirectoryImportSummary): boolean {
  const { environments, organisations, users, memberships } = summary;
  return (
    [environments, organisations, users, memberships].every((t) => t.created + t.updated === 0) &&
    memberships.removed === 0
  );
}
