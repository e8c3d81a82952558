import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { AppConfig } from '@app/config';
import { TemporalWorkerService } from './temporal-worker.service';

/** What a route answers: JSON for an object, the text as it is (with its content type) for a string. */
interface WorkerHttpAnswer {
  status: number;
  body: Record<string, unknown> | string;
  contentType?: string;
}

type RouteHandler = () => Promise<WorkerHttpAnswer> | WorkerHttpAnswer;

// As the api's readiness probe: a Temporal that does not answer within this is down.
const CHECK_TIMEOUT_MS = 3000;

/** Whether `check` answers true within the probe's time; a failure or a timeout is false. */
async function answersInTime(check: () => Promise<boolean>, logger: Logger): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`Temporal did not answer within ${CHECK_TIMEOUT_MS} ms`)),
      CHECK_TIMEOUT_MS,
    );
  });
  try {
    return await Promise.race([check(), timeout]);
  } catch (error) {
    logger.warn({ check: 'temporal', err: error }, 'readiness check failed');
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The worker's probes over plain HTTP (`WORKER_HEALTH_PORT`), for a supervisor that restarts a worker which
 * no longer polls: `GET /health/live` (the Temporal worker runs), `GET /health/ready` (it runs and Temporal
 * answers on its connection). Routes are a map of paths, so another provider can add one (`/metrics`).
 * Only the worker process serves it (main.ts): workers started inside tests open no port.
 */
@Injectable()
export class WorkerHealthServer implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(WorkerHealthServer.name);
  private readonly routes = new Map<string, RouteHandler>();
  private server?: Server;

  constructor(
    private readonly config: AppConfig,
    private readonly moduleRef: ModuleRef,
  ) {}

  /** Serves `GET path` with `handler`; anything not routed answers 404. */
  route(path: string, handler: RouteHandler): void {
    this.routes.set(path, handler);
  }

  /**
   * Listens before the Temporal worker starts (onApplicationBootstrap): a port in use stops the process
   * before it takes any task. Until the worker runs, both probes answer 503.
   */
  async onModuleInit(): Promise<void> {
    // The worker module keeps its service to itself (tests build that module without this server).
    const worker = this.moduleRef.get(TemporalWorkerService, { strict: false });
    this.route('/health/live', () =>
      worker.state === 'RUNNING'
        ? { status: 200, body: { status: 'ok' } }
        : { status: 503, body: { status: 'unavailable', state: worker.state } },
    );
    this.route('/health/ready', async () => {
      const temporal = (await answersInTime(() => worker.isTemporalServing(), this.logger)) ? 'up' : 'down';
      const ok = worker.state === 'RUNNING' && temporal === 'up';
      return {
        status: ok ? 200 : 503,
        body: { status: ok ? 'ok' : 'unavailable', state: worker.state, checks: { temporal } },
      };
    });

    const server = createServer((request, response) => void this.answer(request, response));
    const port = this.config.worker.healthPort;
    await new Promise<void>((resolve, reject) => {
      server.once('error', (error) =>
        reject(new Error(`WORKER_HEALTH_PORT ${port} cannot be used: ${error.message}`)),
      );
      server.listen(port, () => resolve());
    });
    this.server = server;
    // The port as a number: with 0 the system chose it, and a test or an operator reads it here.
    this.logger.log({ port: (server.address() as AddressInfo).port }, 'worker health server listening');
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      // A probe's keep-alive connection must not hold the process open.
      server.closeAllConnections();
    });
  }

  private async answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    let answer: WorkerHttpAnswer;
    try {
      const path = new URL(request.url ?? '/', 'http://worker').pathname;
      const handler = request.method === 'GET' ? this.routes.get(path) : undefined;
      answer = handler ? await handler() : { status: 404, body: { status: 'not_found' } };
    } catch (error) {
      this.logger.error({ err: error, url: request.url }, 'health route failed');
      answer = { status: 500, body: { status: 'error' } };
    }
    const text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
    response.writeHead(answer.status, {
      'content-type':
        answer.contentType ??
        (typeof answer.body === 'string' ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8'),
      'cache-control': 'no-store',
    });
    response.end(text);
  }
}
