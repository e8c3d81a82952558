// `npm run dev`: the whole service on one machine. Uses what the environment names (DATABASE_URL,
// TEMPORAL_ADDRESS, SMTP_URL) and starts an embedded default for the rest; data lives in .data/.
import { mkdir, chmod } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { loadConfig } from '@app/config';
import { dataSourceOptions } from '@app/persistence';
import { MailCatcher } from '../mail-catcher/mail-catcher';
import { EmbeddedPostgresUnreachableError } from '../postgres/postgres-user-access';
import { startMailCatcherWeb, type MailCatcherWeb } from '../mail-catcher/mail-catcher-web';
import {
  createDatabase,
  databaseExists,
  findLocalPostgres,
  startPostgres,
  withDatabase,
  type PostgresServer,
} from '../postgres/postgres-server';
import { preferredOrFreePort } from '../support/free-port';
import { ensureTemporalCli } from '../temporal/temporal-cli';
import { startTemporalDevServer, type TemporalDevServer } from '../temporal/temporal-dev-server';
import { issuePlatformToken } from '../../apps/cli/src/platform-token/issue-platform-token';
import { describeCreated, findDemoAdministrator, loadDemoDirectoryIfEmpty } from './demo-directory';
import { startServiceProcess, type ServiceProcess } from './service-process';

const ROOT = resolve(__dirname, '..', '..');
const DATA_DIR = join(ROOT, '.data');
const DATABASE_NAME = 'econnect_recovery';
const DEMO_DIRECTORY = 'examples/directory.json';

// Fixed ports, so that links in mails and bookmarks keep working between runs; a free one if taken.
const PREFERRED_PORTS = {
  postgres: 54329,
  temporal: 7233,
  temporalUi: 8233,
  smtp: 1025,
  mailWeb: 1080,
  api: 3000,
};

const say = (message: string): void => {
  process.stdout.write(`dev    | ${message}\n`);
};

interface Running {
  postgres?: PostgresServer;
  temporal?: TemporalDevServer;
  mail?: MailCatcher;
  mailWeb?: MailCatcherWeb;
  processes: ServiceProcess[];
}

async function start(running: Running): Promise<void> {
  // A wrong variable is reported before anything is started, once, not by two processes later.
  loadConfig(process.env);
  await mkdir(DATA_DIR, { recursive: true });
  // As root an embedded PostgreSQL runs as the user `postgres`, which must be able to enter .data/.
  await chmod(DATA_DIR, 0o755);

  // PostgreSQL: the one DATABASE_URL names, or an embedded server whose data stays in .data/postgres.
  const givenDatabaseUrl = process.env.DATABASE_URL;
  running.postgres = await startPostgres({
    databaseUrl: givenDatabaseUrl,
    dataDir: join(DATA_DIR, 'postgres'),
    persistent: true,
    port: givenDatabaseUrl ? undefined : await preferredOrFreePort(PREFERRED_PORTS.postgres),
  }).catch(async (error: unknown) => {
    // As root in a folder the `postgres` user cannot enter: the machine's own server, if it has one, will do.
    if (!(error instanceof EmbeddedPostgresUnreachableError)) throw error;
    const local = await findLocalPostgres();
    if (!local) throw error;
    say(error.message);
    say('Using the PostgreSQL server at 127.0.0.1:5432 instead.');
    return startPostgres({ databaseUrl: local, dataDir: join(DATA_DIR, 'postgres'), persistent: true });
  });
  const databaseUrl = givenDatabaseUrl ?? withDatabase(running.postgres.adminUrl, DATABASE_NAME);
  if (!givenDatabaseUrl && !(await databaseExists(running.postgres.adminUrl, DATABASE_NAME))) {
    await createDatabase(running.postgres.adminUrl, DATABASE_NAME);
  }
  const dataSource = await new DataSource(
    dataSourceOptions(databaseUrl, 'econnect-recovery-dev'),
  ).initialize();
  const applied = await dataSource.runMigrations({ transaction: 'each' });
  // A fresh database gets the demo directory, so there is something to try; existing data is left alone.
  const demo = await loadDemoDirectoryIfEmpty(dataSource, join(ROOT, DEMO_DIRECTORY));
  const demoAdministrator = await findDemoAdministrator(dataSource);
  await dataSource.destroy();
  say(
    `PostgreSQL ready${running.postgres.embedded ? ' (embedded, data in .data/postgres)' : ''}; ${applied.length} migration(s) applied`,
  );
  if (demo) say(`Loaded demo directory from ${DEMO_DIRECTORY}: ${describeCreated(demo)}`);

  // Temporal: the server TEMPORAL_ADDRESS names, or the CLI's dev server with its state in .data/temporal.db.
  let temporalAddress = process.env.TEMPORAL_ADDRESS;
  if (!temporalAddress) {
    running.temporal = await startTemporalDevServer({
      cliPath: await ensureTemporalCli(say),
      port: await preferredOrFreePort(PREFERRED_PORTS.temporal),
      uiPort: await preferredOrFreePort(PREFERRED_PORTS.temporalUi),
      dbFile: join(DATA_DIR, 'temporal.db'),
      ownProcessGroup: true,
    });
    temporalAddress = running.temporal.address;
  }
  say(`Temporal ready at ${temporalAddress}`);

  // Mail: the server SMTP_URL names, or a catcher whose inbox is a web page.
  let smtpUrl = process.env.SMTP_URL;
  if (!smtpUrl) {
    running.mail = new MailCatcher({ port: await preferredOrFreePort(PREFERRED_PORTS.smtp) });
    await running.mail.start();
    running.mailWeb = await startMailCatcherWeb(running.mail, {
      port: await preferredOrFreePort(PREFERRED_PORTS.mailWeb),
    });
    smtpUrl = running.mail.smtpUrl;
  }

  const port = process.env.PORT ?? String(await preferredOrFreePort(PREFERRED_PORTS.api));
  const env: NodeJS.ProcessEnv = {
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: temporalAddress,
    SMTP_URL: smtpUrl,
    PORT: port,
    PUBLIC_BASE_URL: process.env.PUBLIC_BASE_URL ?? `http://localhost:${port}`,
  };
  const config = loadConfig({ ...process.env, ...env });

  running.processes.push(startServiceProcess('worker', 'apps/worker/src/main.ts', env));
  running.processes.push(startServiceProcess('api', 'apps/api/src/main.ts', env));
  await waitForHealth(`http://127.0.0.1:${config.http.port}/health/ready`, running.processes);

  say('');
  say('The eConnect recovery service is running:');
  say(`  API                 ${config.http.publicBaseUrl}/api`);
  say(`  API documentation   ${config.http.publicBaseUrl}/api/docs`);
  if (running.mailWeb) say(`  Mail sent (inbox)   ${running.mailWeb.url}`);
  if (running.temporal?.uiUrl) say(`  Temporal UI         ${running.temporal.uiUrl}`);
  say(`  PostgreSQL          ${databaseUrl.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@')}`);
  say('');
  say(
    `Try it: curl -X POST ${config.http.publicBaseUrl}/api/recovery-requests -H 'content-type: application/json' \\`,
  );
  say(
    `  -d '{"requesterName":"Anna de Vries","requesterEmail":"anna@acme.example","companyName":"Acme B.V.","kvkNumber":"12345678","method":"email"}'`,
  );
  say('and open the mail in the inbox.');
  if (demoAdministrator) {
    const token = issuePlatformToken(config.secrets.platformJwtSecret, demoAdministrator.id, 12 * 3600);
    say('');
    say(
      `The directory as ${demoAdministrator.name} (${demoAdministrator.role}), with a token valid for 12 hours:`,
    );
    say(`  curl ${config.http.publicBaseUrl}/api/environments/${demoAdministrator.environmentId}/users \\`);
    say(`    -H 'authorization: Bearer ${token}'`);
    // A DATABASE_URL of the developer's own is in their shell already (and is not echoed: it may hold a password).
    const cliEnv = givenDatabaseUrl ? '' : `DATABASE_URL=${databaseUrl} `;
    say(`A token for another user: ${cliEnv}npm run -s cli -- platform:token USER_ID`);
  }
  say('');
  say(
    running.postgres.embedded
      ? 'Ctrl-C stops everything; the data stays in .data/.'
      : 'Ctrl-C stops everything; the data stays in the database above and .data/ (Temporal).',
  );
}

async function waitForHealth(url: string, processes: readonly ServiceProcess[]): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const exited = processes.find((p) => p.child.exitCode !== null || p.child.signalCode !== null);
    if (exited) {
      const how = exited.child.signalCode ?? `exit code ${String(exited.child.exitCode)}`;
      throw new Error(`${exited.name} stopped during start (${how}); its output is above`);
    }
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the api did not become ready at ${url} within 2 minutes`);
}

async function stop(running: Running): Promise<void> {
  await Promise.all(running.processes.map((p) => p.stop()));
  await running.mailWeb?.stop();
  await running.mail?.stop();
  await running.temporal?.stop();
  await running.postgres?.stop();
}

async function main(): Promise<void> {
  const running: Running = { processes: [] };
  let stopping: Promise<void> | undefined;
  const shutdown = (code: number): void => {
    stopping ??= stop(running).finally(() => process.exit(code));
  };
  process.once('SIGINT', () => shutdown(0));
  process.once('SIGTERM', () => shutdown(0));
  try {
    await start(running);
  } catch (error) {
    say(`could not start: ${error instanceof Error ? error.message : String(error)}`);
    shutdown(1);
    return;
  }
  // One of ours stopping on its own is an error worth seeing: stop the rest and say so.
  const first = await Promise.race(running.processes.map((p) => p.exited.then((code) => ({ p, code }))));
  if (!stopping) {
    say(`${first.p.name} stopped unexpectedly (exit code ${String(first.code)}); stopping everything`);
    shutdown(1);
  }
}

void main();
