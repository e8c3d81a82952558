import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig } from '@app/config';

const REQUEST_ID_HEADER = 'x-request-id';
const SAFE_REQUEST_ID = /^[A-Za-z0-9._-]{1,100}$/;

/** Drops the query string: case links carry their token there, and tokens never reach a log. */
export function pathWithoutQuery(url: string | undefined): string {
  return (url ?? '').split('?')[0] ?? '';
}

/**
 * Structured JSON logs (pino) for every process. HTTP requests get a request id (the caller's
 * `X-Request-Id` when it is sane, else a new one) on every line; credentials are never logged.
 */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        pinoHttp: {
          level: config.logLevel,
          genReqId: (req: IncomingMessage, res: ServerResponse) => {
            const given = req.headers[REQUEST_ID_HEADER];
            const id = typeof given === 'string' && SAFE_REQUEST_ID.test(given) ? given : randomUUID();
            res.setHeader(REQUEST_ID_HEADER, id);
            return id;
          },
          customAttributeKeys: { reqId: 'requestId' },
          serializers: {
            req: (req: { id: unknown; method: string; url: string }) => ({
              id: req.id,
              method: req.method,
              path: pathWithoutQuery(req.url),
            }),
            res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
          },
          // Belt and braces: a careless log call with one of these fields still shows no secret.
          redact: { paths: ['*.token', '*.code', '*.password', '*.authorization', '*.cookie'], remove: true },
          autoLogging: { ignore: (req: IncomingMessage) => (req.url ?? '').startsWith('/health/') },
        },
      }),
    }),
  ],
})
export class LoggingModule {}
