import { ApplicationFailure } from '@temporalio/common';
import { DomainError } from '@app/domain';
import { failingForGood } from './activity-failures';

describe(failingForGood.name, () => {
  it('turns a domain error into a non-retryable failure typed by its code', async () => {
    const activity = failingForGood(async () => {
      throw new DomainError('invalid_state', 'the case is closed');
    });
    const failure = await activity().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure).toMatchObject({
      nonRetryable: true,
      type: 'invalid_state',
      message: 'the case is closed',
    });
  });

  it('leaves other errors retryable, as they are', async () => {
    const outage = new Error('connect ECONNREFUSED');
    await expect(failingForGood(async () => Promise.reject(outage))()).rejects.toBe(outage);
  });

  it('passes results through', async () => {
    await expect(failingForGood(async (n: number) => n * 2)(21)).resolves.toBe(42);
  });
});
