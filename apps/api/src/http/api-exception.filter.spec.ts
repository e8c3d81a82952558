import type { ArgumentsHost } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { DOMAIN_ERROR_CODES } from '@app/domain';
import { ApiExceptionFilter, codeForStatus, statusForDomainError } from './api-exception.filter';

/** What the filter answers for `exception`: the status and the body it sends. */
function answerTo(exception: unknown): { status: number; body: { code: string } } {
  const answer = { status: 0, body: { code: '' } };
  const reply = {
    status(status: number) {
      answer.status = status;
      return reply;
    },
    send(body: { code: string }) {
      answer.body = body;
      return reply;
    },
  };
  const host = { switchToHttp: () => ({ getResponse: () => reply }) } as unknown as ArgumentsHost;
  new ApiExceptionFilter().catch(exception, host);
  return answer;
}

describe(ApiExceptionFilter.name, () => {
  it('answers 503 unavailable while PostgreSQL cannot be reached, so that clients ask again', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    const terminated = new Error('Connection terminated unexpectedly');
    const shutDown = new QueryFailedError(
      'SELECT 1',
      [],
      Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
    );
    for (const exception of [refused, terminated, shutDown]) {
      expect(answerTo(exception)).toMatchObject({ status: 503, body: { code: 'unavailable' } });
    }
  });

  it('answers 500 to any other unexpected error, and to a query PostgreSQL refused', () => {
    const syntax = new QueryFailedError(
      'SELEC 1',
      [],
      Object.assign(new Error('syntax error at or near "SELEC"'), { code: '42601' }),
    );
    for (const exception of [new Error('a bug'), syntax]) {
      expect(answerTo(exception)).toMatchObject({ status: 500, body: { code: 'internal_error' } });
    }
  });
});

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
