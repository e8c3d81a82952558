import type { IncomingMessage } from 'node:http';
import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig } from '@app/config';

/**
 * Drops the query string (case links carry their token there) and the token of an objection link (it is
 * the path's last part): tokens never reach a log.
 */
export function pathWithoutQuery(url: string | undefined): string {
  const path = (url ?? '').split('?')[0] ?? '';
  return path.replace(/^((?:\/api)?\/objections\/)[^/]+/, '$1***');
}

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
