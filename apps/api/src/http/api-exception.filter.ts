import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import {
  Catch,
  HttpException,
  HttpStatus,
  Logger,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { DOMAIN_ERROR_CODES, DomainError, type DomainErrorCode } from '@app/domain';
import { isDatabaseUnavailable } from '@app/persistence';
import type { ApiErrorBody, ApiErrorCode } from './api-error';

export function statusForDomainError(code: DomainErrorCode): HttpStatus {
  switch (code) {
    case 'not_found':
      return HttpStatus.NOT_FOUND;
    case 'conflict':
    case 'invalid_state':
      return HttpStatus.CONFLICT;
    case 'idempotency_key_reused':
      return HttpStatus.UNPROCESSABLE_ENTITY;
    case 'invalid_input':
      return HttpStatus.BAD_REQUEST;
    case 'too_large':
      return HttpStatus.PAYLOAD_TOO_LARGE;
    case 'unsupported_media_type':
      return HttpStatus.UNSUPPORTED_MEDIA_TYPE;
    case 'unauthenticated':
      return HttpStatus.UNAUTHORIZED;
    case 'forbidden':
      return HttpStatus.FORBIDDEN;
    case 'rate_limited':
      return HttpStatus.TOO_MANY_REQUESTS;
    case 'unavailable':
      return HttpStatus.SERVICE_UNAVAILABLE;
  }
}

const reasonPhrase = (status: number): string => STATUS_CODES[status] ?? 'Error';

/** The code of an error that did not come as a domain error (validation, a guard, a body parser). */
export function codeForStatus(status: number): ApiErrorCode {
  // Two codes answer 409; an HTTP 409 from elsewhere is a conflict.
  const code = DOMAIN_ERROR_CODES.find(
    (candidate) => candidate !== 'invalid_state' && statusForDomainError(candidate).valueOf() === status,
  );
  if (code) return code;
  return status >= 500 ? 'internal_error' : 'invalid_input';
}

/**
 * The one place errors become HTTP answers `{ statusCode, code, error, message }`: domain errors by their
 * code, Nest's HTTP exceptions as they are, the database away a 503 (ask again), anything else a 500 with an
 * id to find it in the log.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(ApiExceptionFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const body = this.toBody(exception);
    void reply.status(body.statusCode).send(body);
  }

  private toBody(exception: unknown): ApiErrorBody {
    if (exception instanceof DomainError) {
      const statusCode = statusForDomainError(exception.code);
      return {
        statusCode,
        code: exception.code,
        error: reasonPhrase(statusCode),
        message: exception.message,
      };
    }
    if (exception instanceof HttpException) {
      const statusCode = exception.getStatus();
      const response = exception.getResponse();
      if (typeof response === 'object' && 'message' in response) {
        const { message, fields } = response as { message: unknown; fields?: Record<string, string[]> };
        return {
          statusCode,
          code: codeForStatus(statusCode),
          error: reasonPhrase(statusCode),
          message: Array.isArray(message) ? message.join('; ') : String(message),
          ...(fields ? { fields } : {}),
        };
      }
      return {
        statusCode,
        code: codeForStatus(statusCode),
        error: reasonPhrase(statusCode),
        message: exception.message,
      };
    }
    const errorId = randomUUID();
    if (isDatabaseUnavailable(exception)) {
      // Away for a moment: a client (and a person) may ask again shortly; nothing was half-done for them.
      this.logger.warn({ err: exception, errorId }, 'the database is unavailable');
      return {
        statusCode: HttpStatus.SERVICE_UNAVAILABLE,
        code: 'unavailable',
        error: reasonPhrase(HttpStatus.SERVICE_UNAVAILABLE),
        message: 'The service cannot handle this at the moment. Please try again shortly.',
      };
    }
    this.logger.error({ err: exception, errorId }, 'unhandled error');
    return {
      statusCode: HttpStatus.INTERNAL_SERVER_ERROR,
      code: 'internal_error',
      error: 'Internal Server Error',
      message: `Something went wrong on our side. If it persists, contact support and mention ${errorId}.`,
    };
  }
}
