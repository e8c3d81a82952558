import type { Context } from '@temporalio/activity';
import type { ActivityInterceptorsFactory } from '@temporalio/worker';

// Well inside the workflow's heartbeat timeout (10 s); the SDK throttles what reaches the server.
const HEARTBEAT_EVERY_MS = 2_000;

/**
 * Every activity heartbeats while it runs, so that Temporal notices within the heartbeat timeout that the
 * worker running it died, and gives the work to another worker instead of waiting for the start-to-close
 * bound. A timer, not calls inside the work: a live worker's event loop keeps beating while a query or a
 * mail server is slow, and a dead process stops.
 */
export const heartbeating: ActivityInterceptorsFactory = (context: Context) => ({
  inbound: {
    async execute(input, next) {
      const timer = setInterval(() => context.heartbeat(), HEARTBEAT_EVERY_MS);
      try {
        return await next(input);
      } finally {
        clearInterval(timer);
      }
    },
  },
});

/**
 * What wraps every activity the worker runs: the heartbeat. A provider, so that the fault suite's worker
 * can add its own (a hold at a chosen activity, to kill the process in the middle of it).
 */
export const ACTIVITY_INTERCEPTORS = Symbol('ACTIVITY_INTERCEPTORS');
export const activityInterceptorsProvider = { provide: ACTIVITY_INTERCEPTORS, useValue: [heartbeating] };
