import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { MailCatcher } from '../../tools/mail-catcher/mail-catcher';
import { accessLinkFrom } from '../support/access-link';
import { eventually } from '../support/eventually';
import { newRecoveryRequest } from '../support/factories';
import { bearer, requestJson } from '../support/http-client';
import { testConfig } from '../support/test-config';
import { testInfrastructure } from '../support/test-infrastructure';
import { runFromSource } from '../support/source-process';
import { startApi } from '../support/test-service';

const ROOT = join(__dirname, '..', '..');
// The worker's shutdownGraceTime, and what starting and stopping a process from source may add to it.
const GRACE_MS = 10_000;
const MARGIN_MS = 5_000;

/**
 * A mail server that takes its time: a TCP proxy to the catcher that holds every new connection (no SMTP
 * greeting yet) until it is let through, so the activity sending the mail runs for as long as the test says.
 */
class HeldMailServer {
  private readonly server: Server;
  private readonly held: (() => void)[] = [];
  private readonly sockets = new Set<Socket>();
  private passing = false;
  private arrived?: () => void;
  port = 0;

  constructor(private readonly upstreamPort: number) {
    this.server = createServer((client) => {
      this.track(client);
      const forward = (): void => {
        const upstream = this.track(connect(this.upstreamPort, '127.0.0.1'));
        client.pipe(upstream).pipe(client);
      };
      if (this.passing) forward();
      else this.held.push(forward);
      this.arrived?.();
    });
  }

  get smtpUrl(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    if (address === null || typeof address === 'string') throw new Error('the proxy has no TCP address');
    this.port = address.port;
  }

  /** Resolves when a connection is held: a mail activity is running, waiting for the server's greeting. */
  connectionHeld(): Promise<void> {
    if (this.held.length > 0) return Promise.resolve();
    return new Promise((resolve) => (this.arrived = resolve));
  }

  /** Lets the held connections, and every later one, through to the catcher. */
  letThrough(): void {
    this.passing = true;
    for (const forward of this.held.splice(0)) forward();
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private track(socket: Socket): Socket {
    this.sockets.add(socket);
    socket.on('error', () => socket.destroy());
    socket.on('close', () => this.sockets.delete(socket));
    return socket;
  }
}

/** The worker as its own process from source, as production runs it; its exit code is what is tested. */
interface WorkerProcess {
  child: ChildProcess;
  /** `http://127.0.0.1:<port>` of its probes (WORKER_HEALTH_PORT=0: the port it logged). */
  healthUrl: string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  output(): string;
}

async function startWorker(env: NodeJS.ProcessEnv): Promise<WorkerProcess> {
  const child = spawn(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'apps/worker/src/main.ts'],
    { cwd: ROOT, env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    process.stderr.write(chunk);
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const port = await eventually(
    () => {
      if (child.exitCode !== null) throw new Error(`the worker exited with ${child.exitCode}:\n${output}`);
      const line = output
        .split('\n')
        .filter((text) => text.startsWith('{'))
        .map((text) => JSON.parse(text) as { msg?: string; port?: unknown })
        .find((entry) => entry.msg === 'worker health server listening');
      expect(typeof line?.port).toBe('number');
      return line?.port as number;
    },
    60_000,
    200,
  ).catch(async (error: unknown) => {
    child.kill('SIGKILL');
    await exited;
    throw error;
  });
  return { child, healthUrl: `http://127.0.0.1:${port}`, exited, output: () => output };
}

describe('the worker process: its probes, and SIGTERM', () => {
  const mail = new MailCatcher();
  let smtp: HeldMailServer;
  let api: NestFastifyApplication;
  let baseUrl: string;
  const workers: WorkerProcess[] = [];
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    await mail.start();
    smtp = new HeldMailServer(mail.port);
    await smtp.start();
    const infrastructure = testInfrastructure();
    // What the api and the worker processes share: the queue, the database, the keys of the case tokens.
    const shared = {
      TEMPORAL_TASK_QUEUE: `worker-shutdown-${randomUUID()}`,
      SECRET_KEY: `worker-shutdown-key-${randomUUID()}`,
      PLATFORM_JWT_SECRET: `worker-shutdown-jwt-${randomUUID()}`,
      PUBLIC_BASE_URL: 'http://recovery.test',
    };
    env = {
      ...shared,
      NODE_ENV: 'test',
      DATABASE_URL: infrastructure.databaseUrl,
      TEMPORAL_ADDRESS: infrastructure.temporalAddress,
      WORKFLOW_BUNDLE_PATH: infrastructure.workflowBundlePath,
      SMTP_URL: smtp.smtpUrl,
      // The port line is logged at info.
      LOG_LEVEL: 'info',
      WORKER_HEALTH_PORT: '0',
    };
    ({ api, baseUrl } = await startApi(testConfig(shared)));
  });

  afterAll(async () => {
    for (const worker of workers) {
      if (worker.child.exitCode === null && worker.child.signalCode === null) worker.child.kill('SIGKILL');
      await worker.exited;
    }
    await api.close();
    await smtp.stop();
    await mail.stop();
  });

  it('finishes the activity it runs, exits with 0, and a new worker takes the case on with no mail twice', async () => {
    const first = await startWorker(env);
    workers.push(first);
    // The probes listen before the Temporal worker starts; live once it runs.
    await eventually(async () => {
      expect(await requestJson(first.healthUrl, 'GET', '/health/live')).toMatchObject({
        status: 200,
        body: { status: 'ok' },
      });
    }, 30_000);
    expect(await requestJson(first.healthUrl, 'GET', '/health/ready')).toMatchObject({
      status: 200,
      body: { status: 'ok', state: 'RUNNING', checks: { temporal: 'up' } },
    });
    expect((await requestJson(first.healthUrl, 'GET', '/health/nothing')).status).toBe(404);
    expect((await requestJson(first.healthUrl, 'POST', '/health/live')).status).toBe(404);

    // The case's first mail (its access link) waits for the mail server's greeting: the activity runs.
    const request = newRecoveryRequest();
    const accepted = await requestJson<{ reference: string }>(baseUrl, 'POST', '/api/recovery-requests', {
      body: request,
    });
    expect(accepted.status).toBe(202);
    await smtp.connectionHeld();

    const signalledAt = Date.now();
    first.child.kill('SIGTERM');
    // Still there, draining: it answers that it no longer runs, and waits for its activity.
    await eventually(async () =>
      expect((await requestJson(first.healthUrl, 'GET', '/health/live')).status).toBe(503),
    );
    expect(first.child.exitCode).toBeNull();

    smtp.letThrough();
    const { code, signal } = await first.exited;
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(Date.now() - signalledAt).toBeLessThan(GRACE_MS + MARGIN_MS);
    const linkMail = await mail.waitForMail((m) => m.to.includes(String(request.requesterEmail)));
    expect(linkMail.messageId).toMatch(/^<case-link\./);

    // A new worker takes the case on: the requester's confirmation moves it to the next stage.
    const second = await startWorker(env);
    workers.push(second);
    await eventually(async () => {
      expect((await requestJson(second.healthUrl, 'GET', '/health/ready')).status).toBe(200);
    }, 30_000);
    const link = accessLinkFrom(linkMail);
    const confirmed = await requestJson<{ status: string; events: { type: string }[] }>(
      baseUrl,
      'POST',
      `/api/recovery-requests/${link.reference}/confirm`,
      { headers: bearer(link.token) },
    );
    expect(confirmed).toMatchObject({ status: 200, body: { status: 'awaiting_document' } });

    // The access link went out once (by Message-ID), and its step is on the case's trail once.
    const status = await requestJson<{ events: { type: string }[] }>(
      baseUrl,
      'GET',
      `/api/recovery-requests/${link.reference}`,
      { headers: bearer(link.token) },
    );
    expect(status.body.events.filter((e) => e.type === 'case_link_sent')).toHaveLength(1);
    expect(mail.mails.filter((m) => m.messageId === linkMail.messageId)).toHaveLength(1);

    second.child.kill('SIGTERM');
    expect(await second.exited).toEqual({ code: 0, signal: null });
  }, 180_000);

  it('does not start, and takes no task, when WORKER_HEALTH_PORT is in use', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, resolve));
    const address = taken.address();
    try {
      if (address === null || typeof address === 'string') throw new Error('no TCP address');
      const { code, output } = await runFromSource('apps/worker/src/main.ts', [], {
        ...env,
        WORKER_HEALTH_PORT: String(address.port),
      });
      expect(code).toBe(1);
      expect(output).toContain(`WORKER_HEALTH_PORT ${address.port} cannot be used`);
      expect(output).not.toContain('Temporal worker running');
    } finally {
      await new Promise<void>((resolve) => taken.close(() => resolve()));
    }
  });
});
