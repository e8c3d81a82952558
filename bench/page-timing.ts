// What does a page cost over the JSON it is made from? Renders the console's pages and requests the API
// answers they are made of, interleaved, against a real api on PostgreSQL (Temporal is not needed for
// these reads), and prints the latencies of both.
//   npm run bench:pages [-- <requests per kind, default 300>]
import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { loadConfig } from '@app/config';
import { CASE_REFERENCE_RANDOM_BYTES, caseReferenceFromBytes, CASE_STATUSES } from '@app/domain';
import { CaseEntity, dataSourceOptions, StaffAccountRepository } from '@app/persistence';
import { PasswordHasher } from '@app/secrets';
import { createApiApp } from '../apps/api/src/create-api-app';
import {
  createDatabase,
  dropDatabase,
  findLocalPostgres,
  startPostgres,
  withDatabase,
} from '../tools/postgres/postgres-server';
import { summary } from './latency';

const perKind = Number(process.argv[2] ?? 300);
const CASES = 5_000;

async function main(): Promise<void> {
  const workDir = await mkdtemp(join(tmpdir(), 'econnect-bench-'));
  const postgres = await startPostgres({
    databaseUrl: process.env.DATABASE_URL || (await findLocalPostgres()),
    dataDir: join(workDir, 'pg'),
    persistent: false,
  });
  const databaseName = `econnect_bench_${Date.now().toString(36)}`;
  await createDatabase(postgres.adminUrl, databaseName);
  const databaseUrl = withDatabase(postgres.adminUrl, databaseName);
  const db = await new DataSource(dataSourceOptions(databaseUrl, 'econnect-bench')).initialize();
  await db.runMigrations({ transaction: 'each' });

  // A queue of some size, in every state.
  const rows = Array.from({ length: CASES }, (_, i) => ({
    reference: caseReferenceFromBytes(randomBytes(CASE_REFERENCE_RANDOM_BYTES)),
    status: CASE_STATUSES[i % CASE_STATUSES.length],
    method: i % 2 === 0 ? ('email' as const) : ('chamber_extract' as const),
    language: i % 3 === 0 ? ('nl' as const) : ('en' as const),
    requesterName: `Requester ${String(i)}`,
    requesterEmail: `requester.${String(i)}@bench.example`,
    requesterPhone: null,
    companyName: `Bench ${String(i)} B.V.`,
    kvkNumber: String(50_000_000 + i),
    environmentReference: null,
    formerAdminEmail: null,
    message: null,
    tokenHash: randomBytes(32),
    maxUploads: 3,
    maxCodeResends: 3,
  }));
  for (let i = 0; i < rows.length; i += 500) {
    await db.getRepository(CaseEntity).insert(rows.slice(i, i + 500));
  }
  const password = randomUUID();
  await new StaffAccountRepository(db).insert({
    email: 'manager@bench.example',
    name: 'Bench Manager',
    role: 'manager',
    passwordHash: await new PasswordHasher().hash(password),
    active: true,
  });

  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: '127.0.0.1:1',
    LOG_LEVEL: 'silent',
  });
  const api = await createApiApp(config);
  await api.listen({ port: 0, host: '127.0.0.1' });
  const baseUrl = (await api.getUrl()).replace('[::1]', '127.0.0.1');
  const signIn = await fetch(`${baseUrl}/api/staff/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'manager@bench.example', password }),
  });
  const { token } = (await signIn.json()) as { token: string };
  const cookie = `staff_session=${token}`;

  const timed = async (path: string): Promise<number> => {
    const started = process.hrtime.bigint();
    const response = await fetch(`${baseUrl}${path}`, { headers: { cookie } });
    await response.text();
    const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
    if (response.status !== 200) throw new Error(`${path} answered ${String(response.status)}`);
    return elapsed;
  };

  const reference = rows[Math.floor(CASES / 2)]?.reference ?? '';
  const pairs: [string, string, string][] = [
    ['queue (25 newest)', '/api/cases', '/console/cases'],
    ['queue, searched', '/api/cases?q=Bench%2012', '/console/cases?q=Bench%2012'],
    ['case', `/api/cases/${reference}`, `/console/cases/${reference}`],
    ['dashboard', '/api/dashboard', '/console/dashboard'],
  ];
  console.log(
    `${String(CASES)} cases; ${String(perKind)} requests of each kind, interleaved (milliseconds):`,
  );
  for (const [name, json, page] of pairs) {
    for (let i = 0; i < 20; i += 1) await Promise.all([timed(json), timed(page)]);
    const samples = { json: [] as number[], page: [] as number[] };
    for (let i = 0; i < perKind; i += 1) {
      samples.json.push(await timed(json));
      samples.page.push(await timed(page));
    }
    const a = summary(samples.json);
    const b = summary(samples.page);
    console.log(
      `${name.padEnd(18)} API median ${a.median.toFixed(2)}, p95 ${a.p95.toFixed(2)}   page median ${b.median.toFixed(2)}, p95 ${b.p95.toFixed(2)}   page − API ${(b.median - a.median).toFixed(2)}`,
    );
  }

  await api.close();
  await db.destroy();
  await dropDatabase(postgres.adminUrl, databaseName);
  await postgres.stop();
  await rm(workDir, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
