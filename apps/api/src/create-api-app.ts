import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import { UnsupportedMediaTypeException } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import type { AppConfig } from '@app/config';
import { ApiModule } from './api.module';
import { ApiExceptionFilter } from './http/api-exception.filter';
import { serveOpenApi } from './http/openapi';
import { exposeRequestId, requestIdFor } from './http/request-id';
import { createValidationPipe } from './http/validation.pipe';
import { setUpWeb } from './web/shared/web-setup';

/** Builds the HTTP application exactly as production runs it; main.ts and the tests both use it. */
export async function createApiApp(config: AppConfig): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    ApiModule.forRoot(config),
    new FastifyAdapter({
      // Behind a load balancer: the client address is the one the nearest trusted proxy added to
      // X-Forwarded-For (counting hops, so a client cannot choose its own address by sending the header).
      trustProxy: config.http.trustProxyHops,
      bodyLimit: 1024 * 1024,
      // The request id on every log line of a request (pino-http reuses it) and in the answer.
      requestIdHeader: false,
      genReqId: requestIdFor,
    }),
    // Fastify's own JSON parser reads JSON; HTML form bodies are parsed for the pages only (setUpWeb), so
    // Nest's parsers (which would let the API take form posts from any site) stay off.
    { bufferLogs: true, bodyParser: false },
  );
  app.useLogger(app.get(Logger));
  // Parses Cookie headers and lets replies set cookies: the staff session travels as one.
  await app.register(fastifyCookie);
  // Any other body type: the same error shape as everything else, with a message that says what to send.
  app
    .getHttpAdapter()
    .getInstance()
    .addContentTypeParser('*', (_request, _payload, done) => {
      done(
        new UnsupportedMediaTypeException(
          'Send JSON (application/json), or multipart/form-data with the field "file" for an upload.',
        ),
      );
    });
  // Extract uploads: files no larger than the product allows (the stream stops at the limit); room for a
  // stray second part only so that the service can refuse it with a message.
  await app.register(fastifyMultipart, {
    limits: { fileSize: config.recovery.documents.maxBytes, files: 2, fields: 2, parts: 3 },
  });
  // The pages: security headers, form bodies, the stylesheet and scripts.
  await setUpWeb(app);
  exposeRequestId(app);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ApiExceptionFilter());
  app.enableShutdownHooks();
  serveOpenApi(app);
  return app;
}
