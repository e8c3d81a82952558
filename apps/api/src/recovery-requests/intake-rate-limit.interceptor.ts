import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Observable } from 'rxjs';
import { AppConfig } from '@app/config';
import { DomainError } from '@app/domain';
import { RateLimitBucketRepository } from '@app/persistence';

/**
 * Limits intake requests per client address and fixed window (SPEC 5.1: the form is public). Counted in
 * PostgreSQL, so the limit holds across every api process; an interceptor, not a guard, because the route
 * stays public: this says how often, not who.
 */
@Injectable()
export class IntakeRateLimitInterceptor implements NestInterceptor {
  private sweptWindowStart = 0;

  constructor(
    private readonly config: AppConfig,
    private readonly buckets: RateLimitBucketRepository,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const http = context.switchToHttp();
    const { maxRequests, windowMs } = this.config.recovery.intakeRateLimit;
    const now = Date.now();
    const windowStart = now - (now % windowMs);
    const hits = await this.buckets.hit(
      `intake:${http.getRequest<FastifyRequest>().ip}`,
      new Date(windowStart),
    );
    // Once per window and process (not at every new address): clear the windows before the last one.
    if (windowStart > this.sweptWindowStart) {
      this.sweptWindowStart = windowStart;
      await this.buckets.forgetBefore(new Date(windowStart - windowMs));
    }
    if (hits > maxRequests) {
      const retryAfterSeconds = Math.ceil((windowStart + windowMs - now) / 1000);
      const minutes = Math.ceil(retryAfterSeconds / 60);
      void http.getResponse<FastifyReply>().header('Retry-After', String(retryAfterSeconds));
      throw new DomainError(
        'rate_limited',
        `Too many requests from your address. Please try again in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}.`,
      );
    }
    return next.handle();
  }
}
