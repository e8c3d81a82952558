import { Injectable, Logger } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { RecoveryWorkflowClient } from '../temporal/recovery-workflow.client';

type CheckState = 'up' | 'down';

export class HealthReport {
  @ApiProperty({ enum: ['ok', 'unavailable'] })
  status!: 'ok' | 'unavailable';

  @ApiProperty({ example: { database: 'up', temporal: 'up' } })
  checks!: { database: CheckState; temporal: CheckState };
}

const CHECK_TIMEOUT_MS = 3000;

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
    const [database, temporal] = await Promise.all([
      probe('database', this.logger, () => this.dataSource.query('SELECT 1')),
      probe('temporal', this.logger, async () => {
        if (!(await this.temporal.isHealthy())) throw new Error('Temporal is not serving');
      }),
    ]);
    return {
      status: database === 'up' && temporal === 'up' ? 'ok' : 'unavailable',
      checks: { database, temporal },
    };
  }
}
