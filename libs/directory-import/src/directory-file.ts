import { isUUID } from 'class-validator';
import {
  ENVIRONMENT_ROLES,
  isStrictEmailAddress,
  KVK_NUMBER_PATTERN,
  MAX_EMAIL_LENGTH,
  ORGANISATION_ROLES,
  SUBSCRIPTION_PLANS,
  USER_STATUSES,
  type EnvironmentRole,
  type OrganisationRole,
  type SubscriptionPlan,
  type UserStatus,
} from '@app/domain';
import { parseJson } from './json-text';

// The directory import file (SPEC section 8, README "Directory import file"). Every entry keeps its JSON
// path, so the checks against the database can name the place in the file too.

export interface DirectoryFile {
  environments: EnvironmentEntry[];
}

interface EnvironmentEntry {
  path: string;
  id?: string;
  reference: string;
  name: string;
  contactEmail: string;
  plan: SubscriptionPlan;
  organisations: OrganisationEntry[];
  users: UserEntry[];
}

interface OrganisationEntry {
  path: string;
  id?: string;
  name: string;
  kvkNumber: string;
  /** null when the file gives none: the organisation then has no contact address. */
  contactEmail: string | null;
}

interface UserEntry {
  path: string;
  id?: string;
  email: string;
  name: string;
  role: EnvironmentRole;
  status: UserStatus;
  /** Undefined when the file leaves the key out: the user's memberships are then left as they are. */
  organisations?: MembershipEntry[];
}

interface MembershipEntry {
  path: string;
  kvkNumber: string;
  role: OrganisationRole;
}

export type DirectoryFileResult = { ok: true; file: DirectoryFile } | { ok: false; problems: string[] };

const DEFAULT_USER_ROLE: EnvironmentRole = 'user';
const DEFAULT_USER_STATUS: UserStatus = 'active';
const DEFAULT_MEMBERSHIP_ROLE: OrganisationRole = 'member';

// The columns' lengths: a longer value is the file's mistake, not a database error halfway.
const MAX_REFERENCE = 64;
const MAX_NAME = 200;

const FIELDS = {
  file: ['environments'],
  environment: ['id', 'reference', 'name', 'contactEmail', 'plan', 'organisations', 'users'],
  organisation: ['id', 'name', 'kvkNumber', 'contactEmail'],
  user: ['id', 'email', 'name', 'role', 'status', 'organisations'],
  membership: ['kvkNumber', 'role'],
} as const;

/**
 * Reads a directory import file: its JSON syntax (a problem names line and column), then its content
 * (every problem names the JSON path, all of them at once). Pure: what the database holds is checked later.
 */
export function parseDirectoryFile(text: string): DirectoryFileResult {
  const parsed = parseJson(text);
  if (!parsed.ok) {
    const { line, column, message } = parsed.error;
    return { ok: false, problems: [`line ${line}, column ${column}: ${message}`] };
  }
  return validateDirectoryFile(parsed.value);
}

export function validateDirectoryFile(value: unknown): DirectoryFileResult {
  const reader = new DirectoryFileReader();
  const file = reader.file(value);
  return file && reader.problems.length === 0 ? { ok: true, file } : { ok: false, problems: reader.problems };
}

type Fields = Record<string, unknown>;

const at = (path: string, key: string | number): string =>
  typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key;

/** Walks the parsed JSON, collecting problems; answers a typed entry only where its own fields are valid. */
class DirectoryFileReader {
  readonly problems: string[] = [];
  /** Every id in the file, whatever it identifies: a copied id is a mistake wherever it is. */
  private readonly ids = new Map<string, string>();
  private readonly references = new Map<string, string>();

  file(value: unknown): DirectoryFile | undefined {
    const fields = this.object(value, '', FIELDS.file);
    if (!fields) return undefined;
    const environments = this.list(fields, '', 'environments', true, (item, path) =>
      this.environment(item, path),
    );
    return environments && { environments };
  }

  private environment(value: unknown, path: string): EnvironmentEntry | undefined {
    const fields = this.object(value, path, FIELDS.environment);
    if (!fields) return undefined;
    const id = this.id(fields, path);
    const reference = this.text(fields, path, 'reference', MAX_REFERENCE);
    if (reference !== undefined) this.unique(this.references, reference, at(path, 'reference'), 'reference');
    const name = this.text(fields, path, 'name', MAX_NAME);
    const contactEmail = this.email(fields, path, 'contactEmail');
    const plan = this.oneOf(fields, path, 'plan', SUBSCRIPTION_PLANS);

    const kvkNumbers = new Map<string, string>();
    const organisations = this.list(fields, path, 'organisations', false, (item, itemPath) =>
      this.organisation(item, itemPath, kvkNumbers),
    );
    const emails = new Map<string, string>();
    const users = this.list(fields, path, 'users', false, (item, itemPath) =>
      this.user(item, itemPath, emails),
    );

    if (reference === undefined || name === undefined || contactEmail === undefined || plan === undefined) {
      return undefined;
    }
    return {
      path,
      ...(id !== undefined && { id }),
      reference,
      name,
      contactEmail,
      plan,
      organisations: organisations ?? [],
      users: users ?? [],
    };
  }

  private organisation(
    value: unknown,
    path: string,
    kvkNumbers: Map<string, string>,
  ): OrganisationEntry | undefined {
    const fields = this.object(value, path, FIELDS.organisation);
    if (!fields) return undefined;
    const id = this.id(fields, path);
    const name = this.text(fields, path, 'name', MAX_NAME);
    const kvkNumber = this.kvkNumber(fields, path);
    if (kvkNumber !== undefined) {
      this.unique(kvkNumbers, kvkNumber, at(path, 'kvkNumber'), 'KvK number');
    }
    // null and absent both mean "no contact address"; anything else must be an address.
    const contactEmail =
      fields.contactEmail === null ? null : this.email(fields, path, 'contactEmail', false);
    if (name === undefined || kvkNumber === undefined) return undefined;
    return { path, ...(id !== undefined && { id }), name, kvkNumber, contactEmail: contactEmail ?? null };
  }

  private user(value: unknown, path: string, emails: Map<string, string>): UserEntry | undefined {
    const fields = this.object(value, path, FIELDS.user);
    if (!fields) return undefined;
    const id = this.id(fields, path);
    const email = this.email(fields, path, 'email');
    if (email !== undefined) {
      this.unique(
        emails,
        email.toLowerCase(),
        at(path, 'email'),
        'email address',
        ' (letter case does not count)',
      );
    }
    const name = this.text(fields, path, 'name', MAX_NAME);
    const role = this.oneOf(fields, path, 'role', ENVIRONMENT_ROLES, DEFAULT_USER_ROLE);
    const status = this.oneOf(fields, path, 'status', USER_STATUSES, DEFAULT_USER_STATUS);
    const kvkNumbers = new Map<string, string>();
    const organisations = this.list(fields, path, 'organisations', false, (item, itemPath) =>
      this.membership(item, itemPath, kvkNumbers),
    );
    if (email === undefined || name === undefined || role === undefined || status === undefined) {
      return undefined;
    }
    return {
      path,
      ...(id !== undefined && { id }),
      email,
      name,
      role,
      status,
      ...(organisations !== undefined && { organisations }),
    };
  }

  private membership(
    value: unknown,
    path: string,
    kvkNumbers: Map<string, string>,
  ): MembershipEntry | undefined {
    const fields = this.object(value, path, FIELDS.membership);
    if (!fields) return undefined;
    const kvkNumber = this.kvkNumber(fields, path);
    if (kvkNumber !== undefined) {
      this.unique(kvkNumbers, kvkNumber, at(path, 'kvkNumber'), 'KvK number');
    }
    const role = this.oneOf(fields, path, 'role', ORGANISATION_ROLES, DEFAULT_MEMBERSHIP_ROLE);
    if (kvkNumber === undefined || role === undefined) return undefined;
    return { path, kvkNumber, role };
  }

  private object(value: unknown, path: string, allowed: readonly string[]): Fields | undefined {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.report(path, 'must be an object');
      return undefined;
    }
    const fields = value as Fields;
    for (const key of Object.keys(fields)) {
      if (!allowed.includes(key)) {
        this.report(at(path, key), `unknown field (the fields here are ${allowed.join(', ')})`);
      }
    }
    return fields;
  }

  /** The list's valid items, or undefined when the key is absent or not a list. */
  private list<T>(
    fields: Fields,
    path: string,
    key: string,
    required: boolean,
    item: (value: unknown, path: string) => T | undefined,
  ): T[] | undefined {
    const value = fields[key];
    const listPath = at(path, key);
    if (value === undefined) {
      if (required) this.report(listPath, 'is required');
      return undefined;
    }
    if (!Array.isArray(value)) {
      this.report(listPath, 'must be a list');
      return undefined;
    }
    return (value as unknown[]).flatMap((element, index) => item(element, at(listPath, index)) ?? []);
  }

  private text(
    fields: Fields,
    path: string,
    key: string,
    maxLength: number,
    required = true,
  ): string | undefined {
    const value = fields[key];
    const fieldPath = at(path, key);
    if (value === undefined) {
      if (required) this.report(fieldPath, 'is required');
      return undefined;
    }
    if (typeof value !== 'string' || value.trim() === '') {
      this.report(fieldPath, 'must be a non-empty string');
      return undefined;
    }
    // Stored trimmed: a stray space would otherwise make "the same" name differ on the next import.
    const trimmed = value.trim();
    if (trimmed.length > maxLength) {
      this.report(fieldPath, `must be at most ${maxLength} characters`);
      return undefined;
    }
    return trimmed;
  }

  private email(fields: Fields, path: string, key: string, required = true): string | undefined {
    const value = this.text(fields, path, key, MAX_EMAIL_LENGTH, required);
    if (value === undefined) return undefined;
    if (!isStrictEmailAddress(value)) {
      this.report(at(path, key), `must be an email address (got ${JSON.stringify(value)})`);
      return undefined;
    }
    return value;
  }

  private id(fields: Fields, path: string): string | undefined {
    const value = fields.id;
    if (value === undefined) return undefined;
    const idPath = at(path, 'id');
    if (typeof value !== 'string' || !isUUID(value, 'loose')) {
      this.report(idPath, `must be a UUID (got ${JSON.stringify(value)})`);
      return undefined;
    }
    // PostgreSQL answers uuids in lower case; compared that way, an id in capitals is the same id.
    const id = value.toLowerCase();
    this.unique(this.ids, id, idPath, 'id');
    return id;
  }

  private kvkNumber(fields: Fields, path: string): string | undefined {
    const value = fields.kvkNumber;
    const kvkPath = at(path, 'kvkNumber');
    if (value === undefined) {
      this.report(kvkPath, 'is required');
      return undefined;
    }
    if (typeof value === 'number') {
      this.report(kvkPath, 'must be a string of 8 digits, in quotes (as a number it loses leading zeros)');
      return undefined;
    }
    if (typeof value !== 'string' || !KVK_NUMBER_PATTERN.test(value)) {
      this.report(kvkPath, `must be a KvK number of 8 digits (got ${JSON.stringify(value)})`);
      return undefined;
    }
    return value;
  }

  private oneOf<T extends string>(
    fields: Fields,
    path: string,
    key: string,
    allowed: readonly T[],
    fallback?: T,
  ): T | undefined {
    const value = fields[key];
    if (value === undefined) {
      if (fallback === undefined) this.report(at(path, key), `is required (one of ${allowed.join(', ')})`);
      return fallback;
    }
    const match = allowed.find((candidate) => candidate === value);
    if (match === undefined) {
      this.report(at(path, key), `must be one of ${allowed.join(', ')} (got ${JSON.stringify(value)})`);
    }
    return match;
  }

  /** Reports a value seen before in `seen`, naming the entry that has it first; remembers it otherwise. */
  private unique(seen: Map<string, string>, value: string, path: string, what: string, note = ''): void {
    const first = seen.get(value);
    if (first === undefined) {
      seen.set(value, path);
      return;
    }
    const owner = first.replace(/\.[^.]+$/, '');
    this.report(path, `${JSON.stringify(value)} is also the ${what} of ${owner}${note}`);
  }

  private report(path: string, message: string): void {
    this.problems.push(path ? `${path}: ${message}` : `the file: ${message}`);
  }
}
