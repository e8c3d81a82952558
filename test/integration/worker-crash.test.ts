import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { recoveryWorkflowId } from '@app/workflows/recovery.messages';
import { MailCatcher } from '../../tools/mail-catcher/mail-catcher';
import { openTestDatabase } from '../support/database';
import { eventually } from '../support/eventually';
import { caseAwaitingDocument, extractOf, type ExtractCase } from '../support/extract-case';
import type { ActivityHold } from '../support/holding-worker.main';
import { decide, uploadDocument } from '../support/recovery-flow';
import type { ServiceProcess } from '../support/source-process';
import { newStaff, signIn } from '../support/staff';
import { testConfig } from '../support/test-config';
import { testInfrastructure } from '../support/test-infrastructure';
import { startApi, type ServiceEndpoints } from '../support/test-service';
import { HOLDING_WORKER_MAIN, spawnWorker } from '../support/worker-process';

// A worker killed (SIGKILL) in the middle of a long activity: another worker takes the activity over within
// 30 s (the activities heartbeat; the heartbeat timeout is 10 s), and it does its work once. Three cases are
// held at once, each in another long activity, and one kill covers them all: reading an extract (held
// before it starts), the cooling-off notices and the appointment's mails (held after their mails went out
// and before Temporal heard of it, the worst moment for a second mail).

const TAKEN_OVER_WITHIN_MS = 30_000;
const COOLING_OFF = 'PT2S';

interface HeldCase {
  kase: ExtractCase;
  caseId: string;
  hold: ActivityHold;
}

describe('a worker killed in the middle of a long activity', () => {
  const mail = new MailCatcher();
  let api: NestFastifyApplication;
  let service: ServiceEndpoints;
  let db: DataSource;
  let agentToken: string;
  let workerEnv: NodeJS.ProcessEnv;
  let holdFile: string;
  const workers: ServiceProcess[] = [];

  beforeAll(async () => {
    await mail.start();
    const shared = {
      TEMPORAL_TASK_QUEUE: `worker-crash-${randomUUID()}`,
      SECRET_KEY: `worker-crash-key-${randomUUID()}`,
      PLATFORM_JWT_SECRET: `worker-crash-jwt-${randomUUID()}`,
      PUBLIC_BASE_URL: 'http://recovery.test',
      RECOVERY_COOLING_OFF: COOLING_OFF,
      SMTP_URL: mail.smtpUrl,
    };
    const infrastructure = testInfrastructure();
    holdFile = join(await mkdtemp(join(tmpdir(), 'worker-crash-')), 'holds.json');
    workerEnv = {
      ...shared,
      NODE_ENV: 'test',
      DATABASE_URL: infrastructure.databaseUrl,
      TEMPORAL_ADDRESS: infrastructure.temporalAddress,
      WORKFLOW_BUNDLE_PATH: infrastructure.workflowBundlePath,
      // spawnWorker waits for the worker's "running" line, logged at info.
      LOG_LEVEL: 'info',
      HOLD_FILE: holdFile,
    };
    let baseUrl: string;
    ({ api, baseUrl } = await startApi(testConfig(shared)));
    service = { baseUrl, mail };
    db = await openTestDatabase();
    const agent = await newStaff(db);
    agentToken = await signIn(baseUrl, agent);
  });

  afterAll(async () => {
    await Promise.all(workers.map((worker) => worker.kill()));
    await api.close();
    await db.destroy();
    await mail.stop();
    if (holdFile) await rm(dirname(holdFile), { recursive: true, force: true });
  });

  async function caseIdOf(reference: string): Promise<string> {
    const [row] = await db.query<{ id: string }[]>('SELECT id FROM recovery_cases WHERE reference = $1', [
      reference,
    ]);
    if (!row) throw new Error(`no case ${reference}`);
    return row.id;
  }

  async function eventCount(caseId: string, type: string): Promise<number> {
    const [row] = await db.query<{ n: number }[]>(
      'SELECT count(*)::int AS n FROM case_events WHERE case_id = $1 AND type = $2',
      [caseId, type],
    );
    return row?.n ?? 0;
  }

  async function statusOf(caseId: string): Promise<string> {
    const [row] = await db.query<{ status: string }[]>('SELECT status FROM recovery_cases WHERE id = $1', [
      caseId,
    ]);
    return row?.status ?? 'none';
  }

  /** An extract case of its own environment, waiting for review, and the hold for its long activity. */
  async function caseHeldAt(activity: string, at: ActivityHold['at']): Promise<HeldCase> {
    const kase = await caseAwaitingDocument(service, db);
    const caseId = await caseIdOf(kase.link.reference);
    return { kase, caseId, hold: { activity, workflowId: recoveryWorkflowId(caseId), at } };
  }

  async function uploadExtract({ kase }: HeldCase): Promise<void> {
    const [organisation] = kase.organisations;
    if (!organisation) throw new Error('no organisation');
    expect((await uploadDocument(service, kase.link, await extractOf(organisation))).status).toBe(202);
  }

  async function inReview(held: HeldCase): Promise<void> {
    await uploadExtract(held);
    await eventually(async () => expect(await statusOf(held.caseId)).toBe('awaiting_review'), 20_000);
  }

  it('is taken over within 30 s by the next worker, and does its work once', async () => {
    const worker = await spawnWorker(workerEnv, HOLDING_WORKER_MAIN);
    workers.push(worker);
    const reading = await caseHeldAt('analyseDocument', 'start');
    const notices = await caseHeldAt('sendCoolingOffNotices', 'end');
    const appointment = await caseHeldAt('sendAppointmentMails', 'end');
    await writeFile(holdFile, JSON.stringify([reading, notices, appointment].map((held) => held.hold)));

    await inReview(notices);
    await inReview(appointment);
    for (const held of [notices, appointment]) {
      expect(
        (await decide(service, agentToken, held.kase.link.reference, { decision: 'approve' })).status,
      ).toBe(200);
    }
    await uploadExtract(reading);
    const holding = (held: HeldCase): string => `holding ${held.hold.activity} ${held.hold.workflowId}`;
    await eventually(() => {
      for (const held of [reading, notices, appointment]) expect(worker.lines()).toContain(holding(held));
    }, 30_000);
    // Where the kill finds them: the extract not read; the notices and the appointment's mails out.
    expect(await eventCount(reading.caseId, 'document_analysed')).toBe(0);
    expect(await eventCount(notices.caseId, 'cooling_off_started')).toBe(0);
    expect(await statusOf(appointment.caseId)).toBe('completed');

    await worker.kill();
    const killedAt = Date.now();
    workers.push(await spawnWorker({ ...workerEnv, HOLD_FILE: '' }));

    const takenOver = async (done: () => Promise<void>): Promise<number> => {
      await eventually(done, TAKEN_OVER_WITHIN_MS, 100);
      return Date.now() - killedAt;
    };
    const [readAfterMs, scheduledAfterMs, endedAfterMs] = await Promise.all([
      takenOver(async () => expect(await eventCount(reading.caseId, 'document_analysed')).toBe(1)),
      takenOver(async () => expect(await eventCount(notices.caseId, 'cooling_off_started')).toBe(1)),
      takenOver(async () => {
        const description = await api.get(Client).workflow.getHandle(appointment.hold.workflowId).describe();
        expect(description.status.name).toBe('COMPLETED');
      }),
    ]);
    // Written down for the README: how long each took after the kill.
    process.stdout.write(
      `worker killed: extract read after ${readAfterMs} ms, notices' activity done after ${scheduledAfterMs} ms, appointment mails' activity done after ${endedAfterMs} ms\n`,
    );
    for (const ms of [readAfterMs, scheduledAfterMs, endedAfterMs])
      expect(ms).toBeLessThan(TAKEN_OVER_WITHIN_MS);

    // Once each: a mail sent before the kill is neither sent again (its delivery row says sent) nor sent
    // under another Message-ID.
    const received = new Map<string, number>();
    const idsPerKind = new Map<string, Set<string | undefined>>();
    for (const sent of mail.mails) {
      for (const to of sent.to) {
        const copy = `${to} ${sent.messageId}`;
        received.set(copy, (received.get(copy) ?? 0) + 1);
        const kind = `${to} ${sent.subject}`;
        idsPerKind.set(kind, (idsPerKind.get(kind) ?? new Set()).add(sent.messageId));
      }
    }
    expect([...received].filter(([, copies]) => copies > 1)).toEqual([]);
    expect([...idsPerKind].filter(([, ids]) => ids.size > 1)).toEqual([]);
    for (const [caseId, type] of [
      [reading.caseId, 'document_analysed'],
      [notices.caseId, 'cooling_off_started'],
      [appointment.caseId, 'administrator_appointed'],
    ] as const) {
      expect({ type, count: await eventCount(caseId, type) }).toEqual({ type, count: 1 });
    }
  });
});
