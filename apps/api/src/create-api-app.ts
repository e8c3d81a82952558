import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import type { AppConfig } from '@app/config';
import { ApiModule } from './api.module';
import { ApiExceptionFilter } from './http/api-exception.filter';
import { serveOpenApi } from './http/openapi';
import { exposeRequestId, requestIdFor } from './http/request-id';
import { createValidationPipe } from './http/validation.pipe';

/** Builds the HTTP application exactly as production runs it; main.ts and the tests both use it. */
export async function createApiApp(config: AppConfig): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    ApiModule.forRoot(config),
    new FastifyAdapter({
      // Behind a load balancer: take the client address from X-Forwarded-For.
      trustProxy: true,
      bodyLimit: 1024 * 1024,
      // The request id on every log line of a request (pino-http reuses it) and in the answer.
      requestIdHeader: false,
      genReqId: requestIdFor,
    }),
    { bufferLogs: true },
  );
  app.useLogger(app.get(Logger));
  // Parses Cookie headers and lets replies set cookies: the staff session travels as one.
  await app.register(fastifyCookie);
  // Extract uploads: one file, no larger than the product allows; the stream stops at the limit.
  await app.register(fastifyMultipart, {
    limits: { fileSize: config.recovery.documents.maxBytes, files: 1, fields: 0, parts: 1 },
  });
  exposeRequestId(app);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ApiExceptionFilter());
  app.enableShutdownHooks();
  serveOpenApi(app);
  return app;
}
