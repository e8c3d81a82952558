import type { CallHandler, ExecutionContext } from '@nestjs/common';
import { of } from 'rxjs';
import type { AppConfig } from '@app/config';
import type { RateLimitBucketRepository } from '@app/persistence';
import { IntakeRateLimitInterceptor } from './intake-rate-limit.interceptor';

const HOUR = 3_600_000;

describe(IntakeRateLimitInterceptor.name, () => {
  const config = {
    recovery: { intakeRateLimit: { maxRequests: 5, windowMs: HOUR } },
  } as unknown as AppConfig;
  const contextFor = (ip: string): ExecutionContext =>
    ({
      switchToHttp: () => ({ getRequest: () => ({ ip }), getResponse: () => ({ header: jest.fn() }) }),
    }) as unknown as ExecutionContext;
  const next: CallHandler = { handle: () => of('answered') };

  afterEach(() => {
    jest.useRealTimers();
  });

  it('clears old windows once per window, not at the first request of every new address', async () => {
    const forgetBefore = jest.fn().mockResolvedValue(undefined);
    // Every address is new: each one's first request.
    const buckets = {
      hit: jest.fn().mockResolvedValue(1),
      forgetBefore,
    } as unknown as RateLimitBucketRepository;
    const interceptor = new IntakeRateLimitInterceptor(config, buckets);
    jest.useFakeTimers({ now: 10 * HOUR + 60_000 });
    for (const ip of ['198.51.100.1', '198.51.100.2', '198.51.100.3']) {
      await interceptor.intercept(contextFor(ip), next);
    }
    expect(forgetBefore.mock.calls).toEqual([[new Date(9 * HOUR)]]);

    jest.setSystemTime(11 * HOUR + 60_000);
    await interceptor.intercept(contextFor('198.51.100.4'), next);
    expect(forgetBefore.mock.calls).toEqual([[new Date(9 * HOUR)], [new Date(10 * HOUR)]]);
  });

  it('says "1 minute", not "1 minutes", in the last minute of a window', async () => {
    const buckets = {
      hit: jest.fn().mockResolvedValue(6),
      forgetBefore: jest.fn(),
    } as unknown as RateLimitBucketRepository;
    const interceptor = new IntakeRateLimitInterceptor(config, buckets);
    jest.useFakeTimers({ now: 11 * HOUR - 30_000 });
    await expect(interceptor.intercept(contextFor('198.51.100.5'), next)).rejects.toThrow(
      'Too many requests from your address. Please try again in 1 minute.',
    );
  });

  it('rounds Retry-After up to whole seconds, so a client that waits that long finds the next window', async () => {
    const header = jest.fn();
    const context = {
      switchToHttp: () => ({ getRequest: () => ({ ip: '198.51.100.6' }), getResponse: () => ({ header }) }),
    } as unknown as ExecutionContext;
    const buckets = {
      hit: jest.fn().mockResolvedValue(6),
      forgetBefore: jest.fn(),
    } as unknown as RateLimitBucketRepository;
    const interceptor = new IntakeRateLimitInterceptor(config, buckets);
    jest.useFakeTimers({ now: 11 * HOUR - 1_500 });
    await expect(interceptor.intercept(context, next)).rejects.toThrow('Too many requests');
    expect(header).toHaveBeenCalledWith('Retry-After', '2');
  });
});
