import { Client } from 'pg';

import { startEmbeddedPostgres } from './embedded-postgres-server';

export interface PostgresServer {
  /** URL of the server's `postgres` database, for creating and dropping databases. */
  adminUrl: string;
  /** True when this process started a private server (embedded-postgres). */
  embedded: boolean;
  /** Stops an embedded server; a no-op for a server given by URL. Idempotent. */
  stop(): Promise<void>;
}

export interface StartPostgresOptions {
  /** Use this existing server instead of starting one (any database on it; the admin URL uses `postgres`). */
  databaseUrl?: string;
  /** Data directory of the embedded server. */
  dataDir: string;
  /** Keep the embedded server's data between runs; otherwise it is wiped at start and at stop. */
  persistent: boolean;
  /** Port of the embedded server; a free one when omitted. */
  port?: number;
  log?: (m: string) => void;
}

const DATABASE_NAME = /^[a-z_][a-z0-9_]*$/;
// PostgreSQL truncates identifiers longer than NAMEDATALEN - 1 bytes, which would make two names collide.
const MAX_NAME_LENGTH = 63;

/** Checks the server behind `databaseUrl`, or starts an embedded one when there is none. */
export async function startPostgres(options: StartPostgresOptions): Promise<PostgresServer> {
  if (options.databaseUrl !== undefined && options.databaseUrl !== '') {
    const adminUrl = withDatabase(options.databaseUrl, 'postgres');
    await checkAnswers(adminUrl);
    return { adminUrl, embedded: false, stop: () => Promise.resolve() };
  }
  return startEmbeddedPostgres(options);
}

/** Where a PostgreSQL installed on the machine usually listens, with the trust login of a developer box. */
const LOCAL_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * `LOCAL_POSTGRES_URL` if a server there lets us in and may create databases, else undefined. The tests use
 * it when no DATABASE_URL is given: an embedded server is the fallback, not the first choice, because as
 * root it needs a checkout the `postgres` user can enter.
 */
export async function findLocalPostgres(): Promise<string | undefined> {
  try {
    const allowed = await withClient(
      LOCAL_POSTGRES_URL,
      async (client) => {
        const result = await client.query<{ allowed: boolean }>(
          'SELECT rolcreatedb OR rolsuper AS allowed FROM pg_roles WHERE rolname = current_user',
        );
        return result.rows[0]?.allowed === true;
      },
      1_000,
    );
    return allowed ? LOCAL_POSTGRES_URL : undefined;
  } catch {
    return undefined;
  }
}

export async function createDatabase(adminUrl: string, name: string): Promise<void> {
  assertDatabaseName(name);
  await withClient(adminUrl, async (client) => {
    await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  });
}

/** Drops the database if it exists, disconnecting its sessions first (WITH (FORCE), PostgreSQL >= 13). */
export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  assertDatabaseName(name);
  await withClient(adminUrl, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`);
  });
}

export async function databaseExists(adminUrl: string, name: string): Promise<boolean> {
  return withClient(adminUrl, async (client) => {
    const result = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    return result.rowCount === 1;
  });
}

/** The same server URL (credentials, host, query parameters) pointing at database `name`. */
export function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(name)}`;
  return parsed.toString();
}

function assertDatabaseName(name: string): void {
  if (!DATABASE_NAME.test(name) || name.length > MAX_NAME_LENGTH) {
    throw new Error(
      `Invalid database name ${JSON.stringify(name)}: use lower-case letters, digits and underscores ` +
        `(not starting with a digit), at most ${MAX_NAME_LENGTH} characters.`,
    );
  }
}

async function checkAnswers(adminUrl: string): Promise<void> {
  try {
    await withClient(adminUrl, (client) => client.query('SELECT 1'));
  } catch (error) {
    const { hostname, port } = new URL(adminUrl);
    const where = `${hostname || 'the default socket'}${port ? `:${port}` : ''}`;
    throw new Error(`PostgreSQL at ${where} (from the database URL) does not answer: ${describe(error)}`);
  }
}

async function withClient<T>(
  url: string,
  work: (client: Client) => Promise<T>,
  connectionTimeoutMillis = 5_000,
): Promise<T> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis });
  // Without a listener, a server-side disconnect would be an uncaught 'error' event and crash the process.
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

function describe(error: unknown): string {
  if (error instanceof AggregateError && error.message === '') {
    // Node reports a refused connection to every address of `localhost` as an AggregateError with no message.
    return error.errors.map(describe).join('; ');
  }
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    return error.message !== '' ? error.message : (code ?? error.name);
  }
  return String(error);
}
