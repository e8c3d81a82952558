import { Injectable, Logger } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { RecoveryWorkflowClient } from '../temporal/recovery-workflow.client';

type CheckState = 'up' | 'down';

export class HealthReport {
  @ApiProperty({ enum: ['ok', 'unavailable'] })
  status!: 'ok' | 'unavailable';

  @ApiProperty({ example: { database: 'up', temporal: 'up', worker: 'up' } })
  checks!: { database: CheckState; temporal: CheckState; worker: CheckState };
}

const CHECK_TIMEOUT_MS = 3000;

/**
 * How long ago a worker may have last polled the task queue and still count as polling it. An idle worker
 * holds a long poll open for up to a minute (Temporal's matching.longPollExpirationInterval) and Temporal
 * stamps a poller when a poll starts and when it ends; measured against the dev server (server 1.29), the
 * newest stamp of an idle live worker grew to 59 s, then started again. A worker that died keeps its last
 * stamp, and Temporal lists it for five minutes more. 90 s leaves half a long poll for a late re-poll, GC
 * pauses and clock skew between the api's host and Temporal's, and says 'down' about 1.5 minutes after the
 * last worker stopped polling.
 */
const WORKER_POLL_STALE_MS = 90_000;

async function probe(name: string, logger: Logger, check: () => Promise<unknown>): Promise<CheckState> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${name} did not answer within ${CHECK_TIMEOUT_MS} ms`)),
      CHECK_TIMEOUT_MS,
    );
  });
  try {
    await Promise.race([check(), timeout]);
    return 'up';
  } catch (error) {
    logger.warn({ check: name, err: error }, 'readiness check failed');
    return 'down';
  } finally {
    clearTimeout(timer);
  }
}

@Injectable()
export class HealthService {
  private readonly logger = new Logger(HealthService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly temporal: RecoveryWorkflowClient,
  ) {}

  async check(): Promise<HealthReport> {
    const [database, temporal, worker] = await Promise.all([
      probe('database', this.logger, () => this.dataSource.query('SELECT 1')),
      probe('temporal', this.logger, async () => {
        if (!(await this.temporal.isHealthy())) throw new Error('Temporal is not serving');
      }),
      // Without a worker on the queue nothing the api starts or sends to a case moves.
      probe('worker', this.logger, async () => {
        const polls = await this.temporal.lastWorkerPolls();
        const since = Date.now() - WORKER_POLL_STALE_MS;
        for (const kind of ['workflow', 'activity'] as const) {
          const last = polls[kind];
          if (!last || last.getTime() < since) {
            const when = last ? `last at ${last.toISOString()}` : 'never';
            throw new Error(`no worker polls the ${kind} tasks of the task queue (${when})`);
          }
        }
      }),
    ]);
    const ok = database === 'up' && temporal === 'up' && worker === 'up';
    return { status: ok ? 'ok' : 'unavailable', checks: { database, temporal, worker } };
  }
}
