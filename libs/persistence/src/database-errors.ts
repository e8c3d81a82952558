import {
  QueryFailedError,
  QueryRunnerAlreadyReleasedError,
  QueryRunnerProviderAlreadyReleasedError,
} from 'typeorm';

/** PostgreSQL's unique_violation (23505), optionally for one named constraint. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = error.driverError as { code?: string; constraint?: string };
  return driverError.code === '23505' && (constraint === undefined || driverError.constraint === constraint);
}

// Socket errors, and PostgreSQL's admin shutdown, crash shutdown, cannot connect now, connection
// exceptions and too many connections: the database is away for a moment, not wrong.
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  '53300',
]);
// What node-postgres says, without a code, when a connection ends or cannot be made in time, or is used
// after it ended.
const UNAVAILABLE_MESSAGE =
  /Connection terminated|timeout exceeded when trying to connect|connection error|not queryable/i;

/** Whether `error` says PostgreSQL cannot be reached right now (a request may be asked again shortly). */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let cause: unknown = error, depth = 0; cause instanceof Error && depth < 4; depth++) {
    // TypeORM lets go of a transaction's connection when PostgreSQL ends it: the next query says so.
    if (
      cause instanceof QueryRunnerAlreadyReleasedError ||
      cause instanceof QueryRunnerProviderAlreadyReleasedError
    ) {
      return true;
    }
    const { code } = cause as { code?: unknown };
    if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) return true;
    if (UNAVAILABLE_MESSAGE.test(cause.message)) return true;
    cause = cause instanceof QueryFailedError ? cause.driverError : cause.cause;
  }
  return false;
}
