import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Client } from '@temporalio/client';
import { Logger } from 'nestjs-pino';
import type { AppConfig } from '@app/config';
import { createApiApp } from '../../apps/api/src/create-api-app';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { MailCatcher } from '../../tools/mail-catcher/mail-catcher';
import { testConfig } from './test-config';

export interface TestService {
  config: AppConfig;
  /** `http://127.0.0.1:<port>` of the running api. */
  baseUrl: string;
  /** The real SMTP server the worker sends to. */
  mail: MailCatcher;
  api: NestFastifyApplication;
  worker: INestApplicationContext;
  /** The api's own Temporal client, for looking at workflows. */
  temporalClient: Client;
  close(): Promise<void>;
}

/**
 * The whole service in this process, as production runs it: the api over real HTTP and the worker on
 * the run's Temporal server, mailing to an in-process SMTP server.
 */
export async function startTestService(env: NodeJS.ProcessEnv = {}): Promise<TestService> {
  const mail = new MailCatcher();
  await mail.start();
  const config = testConfig({ SMTP_URL: mail.smtpUrl, ...env });

  const worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
    bufferLogs: true,
  });
  worker.useLogger(worker.get(Logger));
  await worker.init();

  const api = await createApiApp(config);
  await api.listen({ port: 0, host: '127.0.0.1' });
  const baseUrl = await api.getUrl();

  return {
    config,
    baseUrl: baseUrl.replace('[::1]', '127.0.0.1'),
    mail,
    api,
    worker,
    temporalClient: api.get(Client),
    async close() {
      await api.close();
      await worker.close();
      await mail.stop();
    },
  };
}
