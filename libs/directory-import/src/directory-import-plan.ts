import { randomUUID } from 'node:crypto';
import type {
  DirectorySnapshot,
  DirectorySnapshotQuery,
  ImportedEnvironment,
  ImportedMemberships,
  ImportedOrganisation,
  ImportedUser,
} from '@app/persistence';
import type { DirectoryFile } from './directory-file';

/** A row to write, and whether it exists already (then it is updated where a value differs). */
export interface PlannedRow<T> {
  row: T;
  exists: boolean;
}

export interface DirectoryImportPlan {
  environments: PlannedRow<ImportedEnvironment>[];
  organisations: PlannedRow<ImportedOrganisation>[];
  users: PlannedRow<ImportedUser>[];
  /** Only for the users whose entry lists `organisations`. */
  memberships: ImportedMemberships[];
}

export type DirectoryImportPlanResult =
  { ok: true; plan: DirectoryImportPlan } | { ok: false; problems: string[] };

/** The existing rows the plan needs: those the file's keys and ids could match. */
export function snapshotQuery(file: DirectoryFile): DirectorySnapshotQuery {
  const query: DirectorySnapshotQuery = { references: [], kvkNumbers: [], emails: [], ids: [] };
  for (const environment of file.environments) {
    query.references.push(environment.reference);
    if (environment.id) query.ids.push(environment.id);
    for (const organisation of environment.organisations) {
      query.kvkNumbers.push(organisation.kvkNumber);
      if (organisation.id) query.ids.push(organisation.id);
    }
    for (const user of environment.users) {
      query.emails.push(user.email.toLowerCase());
      if (user.id) query.ids.push(user.id);
      for (const membership of user.organisations ?? []) query.kvkNumbers.push(membership.kvkNumber);
    }
  }
  return query;
}

/**
 * Matches the file's entries with existing rows (environments by reference, organisations by KvK number
 * and users by email within their environment), checks the ids the file gives and resolves memberships.
 * Pure: the snapshot holds everything it needs to know of the database.
 */
export function planDirectoryImport(
  file: DirectoryFile,
  snapshot: DirectorySnapshot,
  newId: () => string = randomUUID,
): DirectoryImportPlanResult {
  const problems: string[] = [];
  const plan: DirectoryImportPlan = { environments: [], organisations: [], users: [], memberships: [] };

  const environmentsByReference = new Map(snapshot.environments.map((e) => [e.reference, e]));
  const environmentsById = new Map(snapshot.environments.map((e) => [e.id, e]));
  const organisationsByKey = new Map(
    snapshot.organisations.map((o) => [`${o.environmentId}/${o.kvkNumber}`, o]),
  );
  const organisationsById = new Map(snapshot.organisations.map((o) => [o.id, o]));
  const usersByKey = new Map(snapshot.users.map((u) => [`${u.environmentId}/${u.email.toLowerCase()}`, u]));
  const usersById = new Map(snapshot.users.map((u) => [u.id, u]));

  /**
   * The id of the row an entry stands for: the matched row's (a different id in the file is a mistake),
   * else the file's (unless another row has it), else a new one.
   */
  const resolveId = <T extends { id: string }>(
    entry: { path: string; id?: string },
    match: T | undefined,
    matchName: string,
    byId: ReadonlyMap<string, T>,
    nameOther: (other: T) => string,
  ): string => {
    if (match) {
      if (entry.id !== undefined && entry.id !== match.id) {
        problems.push(`${entry.path}.id: ${matchName} exists with id ${match.id}, not ${entry.id}`);
      }
      return match.id;
    }
    if (entry.id === undefined) return newId();
    const other = byId.get(entry.id);
    if (other) problems.push(`${entry.path}.id: ${entry.id} is already the id of ${nameOther(other)}`);
    return entry.id;
  };

  for (const environment of file.environments) {
    const { reference } = environment;
    const existing = environmentsByReference.get(reference);
    const environmentId = resolveId(
      environment,
      existing,
      `environment ${reference}`,
      environmentsById,
      (other) => `environment ${other.reference} (environments are matched by reference)`,
    );
    plan.environments.push({
      row: {
        id: environmentId,
        reference,
        name: environment.name,
        contactEmail: environment.contactEmail,
        plan: environment.plan,
      },
      exists: existing !== undefined,
    });

    // KvK number → id, for the memberships: the file's organisations first, then the database's.
    const organisationIds = new Map<string, string>();
    for (const organisation of environment.organisations) {
      const { kvkNumber } = organisation;
      const match = existing && organisationsByKey.get(`${existing.id}/${kvkNumber}`);
      const id = resolveId(
        organisation,
        match,
        `the organisation with KvK number ${kvkNumber} in ${reference}`,
        organisationsById,
        (other) => `the organisation with KvK number ${other.kvkNumber}${elsewhere(other, environmentId)}`,
      );
      organisationIds.set(kvkNumber, id);
      plan.organisations.push({
        row: {
          id,
          environmentId,
          name: organisation.name,
          kvkNumber,
          contactEmail: organisation.contactEmail,
        },
        exists: match !== undefined,
      });
    }
    const organisationId = (kvkNumber: string): string | undefined =>
      organisationIds.get(kvkNumber) ??
      (existing && organisationsByKey.get(`${existing.id}/${kvkNumber}`)?.id);

    for (const user of environment.users) {
      const match = existing && usersByKey.get(`${existing.id}/${user.email.toLowerCase()}`);
      const userId = resolveId(
        user,
        match,
        `the user ${user.email} in ${reference}`,
        usersById,
        (other) => `the user ${other.email}${elsewhere(other, environmentId)}`,
      );
      plan.users.push({
        row: {
          id: userId,
          environmentId,
          email: user.email,
          name: user.name,
          role: user.role,
          status: user.status,
        },
        exists: match !== undefined,
      });
      if (!user.organisations) continue;

      const memberships: ImportedMemberships['memberships'] = [];
      for (const membership of user.organisations) {
        const id = organisationId(membership.kvkNumber);
        if (id === undefined) {
          problems.push(
            `${membership.path}.kvkNumber: no organisation with KvK number ${membership.kvkNumber} in environment ${reference}, neither in the file nor in the database`,
          );
        } else {
          memberships.push({ organisationId: id, role: membership.role });
        }
      }
      plan.memberships.push({ userId, environmentId, memberships });
    }
  }

  return problems.length > 0 ? { ok: false, problems } : { ok: true, plan };
}

const elsewhere = (row: { environmentId: string }, environmentId: string): string =>
  row.environmentId === environmentId ? '' : ' in another environment';
