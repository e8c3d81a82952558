/**
 * Codes of the failures the domain knows. The API maps each to one HTTP status (see the exception filter);
 * the worker turns them into non-retryable Temporal failures.
 */
export const DOMAIN_ERROR_CODES = [
  'not_found',
  'conflict',
  'idempotency_key_reused',
  'invalid_state',
  'invalid_input',
  'too_large',
  'unsupported_media_type',
  'unauthenticated',
  'forbidden',
  'rate_limited',
  'unavailable',
] as const;

export type DomainErrorCode = (typeof DOMAIN_ERROR_CODES)[number];

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export function isDomainErrorCode(value: string): value is DomainErrorCode {
  return (DOMAIN_ERROR_CODES as readonly string[]).includes(value);
}
