// Does the intake answer in the same time whether or not the request matches an environment?
// Sends the same number of matching and non-matching requests, interleaved, to a real api (PostgreSQL and a
// Temporal dev server; no worker, so nothing else competes), and prints the latencies of both kinds.
//   npm run bench:intake [-- <requests per kind, default 300>]
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { loadConfig } from '@app/config';
import {
  dataSourceOptions,
  EnvironmentEntity,
  OrganisationRepository,
  UserRepository,
} from '@app/persistence';
import { createApiApp } from '../apps/api/src/create-api-app';
import {
  createDatabase,
  dropDatabase,
  findLocalPostgres,
  startPostgres,
  withDatabase,
} from '../tools/postgres/postgres-server';
import { ensureTemporalCli } from '../tools/temporal/temporal-cli';
import { startTemporalDevServer } from '../tools/temporal/temporal-dev-server';
import { summary } from './latency';

const perKind = Number(process.argv[2] ?? 300);

async function main(): Promise<void> {
  const workDir = await mkdtemp(join(tmpdir(), 'econnect-bench-'));
  const postgres = await startPostgres({
    databaseUrl: process.env.DATABASE_URL || (await findLocalPostgres()),
    dataDir: join(workDir, 'pg'),
    persistent: false,
  });
  const temporal = await startTemporalDevServer({ cliPath: await ensureTemporalCli(), headless: true });
  const databaseName = `econnect_bench_${Date.now().toString(36)}`;
  await createDatabase(postgres.adminUrl, databaseName);
  const databaseUrl = withDatabase(postgres.adminUrl, databaseName);
  const db = await new DataSource(dataSourceOptions(databaseUrl, 'econnect-bench')).initialize();
  await db.runMigrations({ transaction: 'each' });

  // A directory of some size, so that a match has rows to find.
  const kvkNumbers: string[] = [];
  const adminEmails: string[] = [];
  for (let i = 0; i < 200; i += 1) {
    const { id: environmentId } = await db.getRepository(EnvironmentEntity).save({
      reference: `ENV-B${i}`,
      name: `Bench ${i}`,
      contactEmail: `info${i}@bench.example`,
      plan: 'basic',
    });
    const kvkNumber = String(30_000_000 + i);
    await new OrganisationRepository(db).insert({ environmentId, name: `Bench ${i} B.V.`, kvkNumber });
    await new UserRepository(db).insert({
      environmentId,
      email: `admin${i}@bench.example`,
      name: `Admin ${i}`,
      role: 'administrator',
      status: 'deactivated',
    });
    kvkNumbers.push(kvkNumber);
    adminEmails.push(`admin${i}@bench.example`);
  }

  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_TASK_QUEUE: `bench-${randomUUID()}`,
    LOG_LEVEL: 'silent',
    // Every request comes from this one address: the limit per client would stop the bench, not time it.
    INTAKE_RATE_LIMIT: '1000000',
  });
  const api = await createApiApp(config);
  await api.listen({ port: 0, host: '127.0.0.1' });
  const baseUrl = (await api.getUrl()).replace('[::1]', '127.0.0.1');

  const send = async (matching: boolean, i: number): Promise<number> => {
    const body = {
      requesterName: 'Anna de Vries',
      requesterEmail: `anna.${randomUUID()}@bench.example`,
      companyName: 'Bench B.V.',
      kvkNumber: matching ? kvkNumbers[i % kvkNumbers.length] : String(40_000_000 + i),
      formerAdminEmail: matching ? adminEmails[i % adminEmails.length] : `nobody${i}@bench.example`,
      method: 'email',
    };
    const started = process.hrtime.bigint();
    const response = await fetch(`${baseUrl}/api/recovery-requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    await response.text();
    const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
    if (response.status !== 202) throw new Error(`intake answered ${response.status}`);
    return elapsed;
  };

  // Warm up connections and code paths, then interleave the two kinds so drift hits both alike.
  for (let i = 0; i < 30; i += 1) await send(i % 2 === 0, i);
  const samples = { matching: [] as number[], other: [] as number[] };
  for (let i = 0; i < perKind; i += 1) {
    samples.matching.push(await send(true, i));
    samples.other.push(await send(false, i));
  }

  const matching = summary(samples.matching);
  const other = summary(samples.other);
  const row = (name: string, s: ReturnType<typeof summary>) =>
    `${name.padEnd(22)} median ${s.median.toFixed(2)} ms   mean ${s.mean.toFixed(2)} ms   p95 ${s.p95.toFixed(2)} ms`;
  console.log(`intake latency, ${perKind} requests of each kind, interleaved:`);
  console.log(row('matches an environment', matching));
  console.log(row('matches nothing', other));
  console.log(`difference of the medians: ${(matching.median - other.median).toFixed(2)} ms`);

  await api.close();
  await db.destroy();
  await dropDatabase(postgres.adminUrl, databaseName);
  await temporal.stop();
  await postgres.stop();
  await rm(workDir, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
