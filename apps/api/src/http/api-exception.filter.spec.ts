import { DOMAIN_ERROR_CODES } from '@app/domain';
import { codeForStatus, statusForDomainError } from './api-exception.filter';

describe(codeForStatus.name, () => {
  it('gives an error from outside the domain the code its status stands for', () => {
    expect(
      [400, 401, 403, 404, 409, 413, 415, 422, 429, 503].map((status) => [status, codeForStatus(status)]),
    ).toEqual([
      [400, 'invalid_input'],
      [401, 'unauthenticated'],
      [403, 'forbidden'],
      [404, 'not_found'],
      [409, 'conflict'],
      [413, 'too_large'],
      [415, 'unsupported_media_type'],
      [422, 'idempotency_key_reused'],
      [429, 'rate_limited'],
      [503, 'unavailable'],
    ]);
  });

  it('calls any other client error invalid input, and any server error an internal error', () => {
    expect([codeForStatus(405), codeForStatus(500), codeForStatus(502)]).toEqual([
      'invalid_input',
      'internal_error',
      'internal_error',
    ]);
  });

  it('finds every domain code again from its status, but the second code of 409', () => {
    for (const code of DOMAIN_ERROR_CODES.filter((c) => c !== 'invalid_state')) {
      expect([code, codeForStatus(statusForDomainError(code))]).toEqual([code, code]);
    }
  });
});
