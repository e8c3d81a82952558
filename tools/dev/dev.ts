// `npm run dev`: the whole service on one machine. Uses what the environment names (DATABASE_URL,
// TEMPORAL_ADDRESS, SMTP_URL) and starts an embedded default for the rest; data lives in .data/.
import { mkdir, chmod } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { loadConfig } from '@app/config';
import { dataSourceOptions } from '@app/persistence';
import { issuePlatformToken } from '@app/secrets';
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
import { createDemoCasesIfNone, type DemoCasesResult, type MailReader } from './demo-cases';
import { describeCreated, findDemoAdministrator, loadDemoDirectoryIfEmpty } from './demo-directory';
import { ensureDemoStaff, type DemoStaff } from './demo-staff';
import { startServiceProcess, waitForHealth, type ServiceProcess } from './service-process';
import { waitForWorker } from './worker-ready';

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
  workerHealth: 3001,
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
  const production = loadConfig(process.env).isProduction;
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
  // Accounts to try the console with, a new password at each start: only beside the demo directory (not in
  // a database of real data that DATABASE_URL may name), and never in production, where no process creates
  // accounts by itself (`staff:create` does, when someone runs it).
  const demoStaff = production || !demoAdministrator ? undefined : await ensureDemoStaffOrSay(dataSource);
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
    WORKER_HEALTH_PORT:
      process.env.WORKER_HEALTH_PORT ?? String(await preferredOrFreePort(PREFERRED_PORTS.workerHealth)),
    PUBLIC_BASE_URL: process.env.PUBLIC_BASE_URL ?? `http://localhost:${port}`,
  };
  const config = loadConfig({ ...process.env, ...env });

  running.processes.push(startServiceProcess('worker', 'apps/worker/src/main.ts', env));
  running.processes.push(startServiceProcess('api', 'apps/api/src/main.ts', env));
  const apiUrl = `http://127.0.0.1:${config.http.port}`;
  await waitForHealth(`${apiUrl}/health/ready`, () => stoppedEarly(running.processes));
  // A few cases in different states, made through the api and the workflow, when there are none yet.
  const worker = running.processes.find((p) => p.name === 'worker');
  const workerReady = async (): Promise<void> => {
    if (worker?.child.pid === undefined) throw new Error('the worker process has no pid');
    const { address, namespace, taskQueue } = config.temporal;
    await waitForWorker({
      address,
      namespace,
      taskQueue,
      pid: worker.child.pid,
      gone: () => stoppedEarly([worker]),
    });
  };
  let demoCases: DemoCasesResult | undefined;
  if (!demoAdministrator) {
    say(
      'The database does not hold the demo directory (examples/directory.json): no demo accounts or cases.',
    );
  } else if (demoStaff) {
    demoCases = await createDemoCasesOrSay(apiUrl, demoStaff, running.mail, workerReady);
  }

  say('');
  say('The eConnect recovery service is running:');
  say(`  API                 ${config.http.publicBaseUrl}/api`);
  say(`  API documentation   ${config.http.publicBaseUrl}/api/docs`);
  say(`  Staff console       ${config.http.publicBaseUrl}/console`);
  say(`  Request form        ${config.http.publicBaseUrl}/recover`);
  if (running.mailWeb) say(`  Mail sent (inbox)   ${running.mailWeb.url}`);
  if (running.temporal?.uiUrl) say(`  Temporal UI         ${running.temporal.uiUrl}`);
  say(`  PostgreSQL          ${databaseUrl.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@')}`);
  say('');
  say(
    `Try it: send a request at ${config.http.publicBaseUrl}/recover, follow the link in the mail inbox, then review it in the console.`,
  );
  say(
    `Or with curl: curl -X POST ${config.http.publicBaseUrl}/api/recovery-requests -H 'content-type: application/json' \\`,
  );
  say(
    `  -d '{"requesterName":"Anna de Vries","requesterEmail":"anna@acme.example","companyName":"Acme B.V.","kvkNumber":"12345678","method":"email"}'`,
  );
  say('and open the mail in the inbox.');
  if (demoAdministrator) {
    const { maxLifetimeMs } = config.platformTokens;
    const token = issuePlatformToken(
      { secret: config.secrets.platformJwtSecret, ...config.platformTokens },
      demoAdministrator.id,
      Math.floor(maxLifetimeMs / 1000),
    );
    say('');
    say(
      `The directory as ${demoAdministrator.name} (${demoAdministrator.role}), with a token valid for ${String(maxLifetimeMs / 3_600_000)} hours:`,
    );
    say(`  curl ${config.http.publicBaseUrl}/api/environments/${demoAdministrator.environmentId}/users \\`);
    say(`    -H 'authorization: Bearer ${token}'`);
    // A DATABASE_URL of the developer's own is in their shell already (and is not echoed: it may hold a password).
    const cliEnv = givenDatabaseUrl ? '' : `DATABASE_URL=${databaseUrl} `;
    say(`A token for another user: ${cliEnv}npm run -s cli -- platform:token USER_ID`);
  }
  if (demoStaff) printDemoStaff(demoStaff);
  if (demoCases) printDemoCases(demoCases);
  say('');
  say(
    running.postgres.embedded
      ? 'Ctrl-C stops everything; the data stays in .data/.'
      : 'Ctrl-C stops everything; the data stays in the database above and .data/ (Temporal).',
  );
}

/** The demo accounts, or undefined with a line that says why not: the service runs without them. */
async function ensureDemoStaffOrSay(dataSource: DataSource): Promise<DemoStaff | undefined> {
  try {
    return await ensureDemoStaff(dataSource);
  } catch (error) {
    say(`Could not set up the demo staff accounts (${messageOf(error)}); going on without them.`);
    return undefined;
  }
}

async function createDemoCasesOrSay(
  apiUrl: string,
  demoStaff: DemoStaff,
  mail: MailReader | undefined,
  workerReady: () => Promise<void>,
): Promise<DemoCasesResult | undefined> {
  const agent = demoStaff.accounts.find((account) => account.role === 'agent');
  if (!agent) return undefined;
  try {
    const made = await createDemoCasesIfNone({
      apiUrl,
      agent: { email: agent.email, password: demoStaff.password },
      mail,
      beforeMaking: async () => {
        say('Making the demo cases, once the worker takes work...');
        await workerReady();
      },
    });
    if (!made) say('The database has cases already: no demo cases are made.');
    return made;
  } catch (error) {
    say(`Could not make the demo cases (${messageOf(error)}); the service runs without them.`);
    return undefined;
  }
}

function printDemoStaff({ accounts, password }: DemoStaff): void {
  say('');
  say('Demo sign-ins for the console (development only; a new password at every start):');
  for (const account of accounts) {
    say(`  ${account.role.padEnd(8)}  ${account.email.padEnd(22)}  password ${password}`);
  }
}

function printDemoCases({ cases, failures, leftOut }: DemoCasesResult): void {
  say('');
  say('Demo cases:');
  for (const kase of cases) say(`  ${kase.reference}  ${kase.status.padEnd(21)}  ${kase.summary}`);
  for (const failure of failures) say(`  not made: ${failure.summary}: ${failure.reason}`);
  if (leftOut > 0) {
    say(
      `  (${leftOut} more need the mailed links and codes, which only the built-in mail catcher lets this script read; SMTP_URL names another mail server)`,
    );
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Which of our processes has stopped, and how, if one has. */
function stoppedEarly(processes: readonly ServiceProcess[]): string | undefined {
  const exited = processes.find((p) => p.child.exitCode !== null || p.child.signalCode !== null);
  if (!exited) return undefined;
  const how = exited.child.signalCode ?? `exit code ${String(exited.child.exitCode)}`;
  return `${exited.name} stopped during start (${how}); its output is above`;
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
    say(`could not start: ${messageOf(error)}`);
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
