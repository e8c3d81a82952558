import { readFile } from 'node:fs/promises';
import type { DataSource } from 'typeorm';
import {
  importDirectory,
  isDirectoryEmpty,
  parseDirectoryFile,
  type DirectoryImportSummary,
} from '@app/directory-import';
import { UserRepository, type UserEntity } from '@app/persistence';

/**
 * Gives a fresh development database something to work with: the demo directory, loaded through the
 * same importer as `npm run cli -- directory:import`. Answers what was created, or undefined when the
 * database has environments already (the developer's own data is never touched).
 */
export async function loadDemoDirectoryIfEmpty(
  dataSource: DataSource,
  path: string,
): Promise<DirectoryImportSummary | undefined> {
  if (!(await isDirectoryEmpty(dataSource))) return undefined;
  const parsed = parseDirectoryFile(await readFile(path, 'utf8'));
  if (!parsed.ok) throw new Error(`${path} is not a valid directory file: ${parsed.problems.join('; ')}`);
  return importDirectory(dataSource, parsed.file);
}

export function describeCreated(summary: DirectoryImportSummary): string {
  const { environments, organisations, users, memberships } = summary;
  return `${environments.created} environments, ${organisations.created} organisations, ${users.created} users, ${memberships.created} memberships`;
}

/** Anna de Vries, the sole administrator of ENV-1001 in examples/directory.json: who `npm run dev` suggests trying as. */
const DEMO_ADMINISTRATOR_ID = '30000000-0000-4000-8000-000000000001';

/** The demo administrator, if the database has them (it may hold the developer's own data instead). */
export function findDemoAdministrator(dataSource: DataSource): Promise<UserEntity | null> {
  return new UserRepository(dataSource).findById(DEMO_ADMINISTRATOR_ID);
}
