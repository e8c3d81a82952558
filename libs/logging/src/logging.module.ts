import type { IncomingMessage } from 'node:http';
import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig } from '@app/config';
import { errorForLog } from './error-for-log';

/**
 * Drops the query string (access links carry their token there) and the token of an objection link (it is
 * the path's last part): tokens never reach a log.
 */
export function pathWithoutQuery(url: string | undefined): string {
  const path = (url ?? '').split('?')[0] ?? '';
  return path.replace(/^((?:\/api)?\/objections\/)[^/]+/, '$1***');
}

/** Fields whose values are credentials wherever they appear: never written, whatever logged them. */
const SECRET_FIELDS = ['token', 'password', 'authorization', 'cookie'] as const;

/**
 * Belt and braces: a careless log call with one of these fields still shows no secret. Paths of pino's
 * redaction have a fixed depth: a field at the top (`logger.log({ token })`, the usual careless call), one
 * level down (`{ body: { password } }`) and two (`req.headers.authorization`). An email `code` at the top
 * and in a logged body or DTO only: elsewhere `code` is an error's (`err.code`, a SQLSTATE or
 * `ECONNREFUSED`), which a log needs.
 */
export const REDACTED_PATHS: readonly string[] = [
  ...SECRET_FIELDS.flatMap((field) => [field, `*.${field}`, `*.*.${field}`]),
  'code',
  'body.code',
  'dto.code',
];

/** How a request, an answer and an error are written: paths without their query, errors without their data. */
export const LOG_SERIALIZERS = {
  req: (req: { id: unknown; method: string; url: string }) => ({
    id: req.id,
    method: req.method,
    path: pathWithoutQuery(req.url),
  }),
  res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
  // An error's kind and place, never its data (a failed query's parameters, say).
  err: errorForLog,
  error: errorForLog,
};

/**
 * Structured JSON logs (pino) for every process. HTTP request lines carry the request id the HTTP
 * server assigned (`requestId`); paths are logged without their query string, credentials never.
 */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        // Fields assigned during a request (the case reference) also reach its "request completed" line.
        assignResponse: true,
        pinoHttp: {
          level: config.logLevel,
          customAttributeKeys: { reqId: 'requestId' },
          serializers: LOG_SERIALIZERS,
          redact: { paths: [...REDACTED_PATHS], remove: true },
          autoLogging: { ignore: (req: IncomingMessage) => (req.url ?? '').startsWith('/health/') },
        },
      }),
    }),
  ],
})
export class LoggingModule {}
