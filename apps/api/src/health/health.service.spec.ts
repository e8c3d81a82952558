import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { RecoveryWorkflowClient } from '../temporal/recovery-workflow.client';
import { HealthService } from './health.service';

type Polls = Awaited<ReturnType<RecoveryWorkflowClient['lastWorkerPolls']>>;

/** A HealthService whose database and Temporal answer, and whose task queue was last polled as given. */
function healthWith(polls: Polls | (() => Promise<Polls>)): HealthService {
  const dataSource = { query: () => Promise.resolve([{ '?column?': 1 }]) } as unknown as DataSource;
  const temporal = {
    isHealthy: () => Promise.resolve(true),
    lastWorkerPolls: typeof polls === 'function' ? polls : () => Promise.resolve(polls),
  } as unknown as RecoveryWorkflowClient;
  return new HealthService(dataSource, temporal);
}

const secondsAgo = (seconds: number): Date => new Date(Date.now() - seconds * 1000);

describe(HealthService.name, () => {
  beforeAll(() => {
    // The failed checks are logged as warnings; the answers are what is tested here.
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  });

  afterAll(() => {
    jest.restoreAllMocks();
  });

  it('counts a worker whose long poll has been open for a minute as polling', async () => {
    const report = await healthWith({ workflow: secondsAgo(60), activity: secondsAgo(61) }).check();
    expect(report).toEqual({ status: 'ok', checks: { database: 'up', temporal: 'up', worker: 'up' } });
  });

  it.each([
    ['no poller at all', { workflow: undefined, activity: undefined }],
    ['only pollers that stopped two minutes ago', { workflow: secondsAgo(120), activity: secondsAgo(120) }],
    ['workflow pollers without activity pollers', { workflow: secondsAgo(1), activity: undefined }],
    [
      'fresh activity pollers but stale workflow pollers',
      { workflow: secondsAgo(95), activity: secondsAgo(1) },
    ],
  ])('answers unavailable, the worker down, with %s', async (_label, polls: Polls) => {
    const report = await healthWith(polls).check();
    expect(report).toEqual({
      status: 'unavailable',
      checks: { database: 'up', temporal: 'up', worker: 'down' },
    });
  });

  it('counts the worker down when the task queue cannot be described', async () => {
    const report = await healthWith(() => Promise.reject(new Error('UNAVAILABLE'))).check();
    expect(report.checks.worker).toBe('down');
    expect(report.status).toBe('unavailable');
  });
});
