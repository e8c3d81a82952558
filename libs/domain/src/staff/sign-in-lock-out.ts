/** This many failed sign-ins for one address within the window lock it. */
export const MAX_FAILED_SIGN_INS = 10;
/** The sliding window in which failed sign-ins are counted. */
export const SIGN_IN_FAILURE_WINDOW_MS = 15 * 60_000;

/**
 * Until when sign-ins for an address are refused, given the times of its other failed attempts, or null
 * when it is not locked. Ten failures within fifteen minutes lock it for the rest of that window: until
 * the oldest of the ten most recent failures is fifteen minutes old, when the count drops below ten.
 * Failures stamped a little after `now` (a concurrent attempt whose clock ran ahead) count too.
 */
export function signInLockedUntil(failures: readonly Date[], now: Date): Date | null {
  const windowStart = now.getTime() - SIGN_IN_FAILURE_WINDOW_MS;
  const recent = failures
    .map((failure) => failure.getTime())
    .filter((time) => time > windowStart)
    .sort((a, b) => b - a);
  const tenth = recent[MAX_FAILED_SIGN_INS - 1];
  return tenth === undefined ? null : new Date(tenth + SIGN_IN_FAILURE_WINDOW_MS);
}

/** Whole minutes left until `until`, at least one: what a locked-out person is told to wait. */
export function minutesUntil(until: Date, now: Date): number {
  return Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
}
