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

/** What a requester's or an agent's steps need of a running service: its address and its mail server. */
export type ServiceEndpoints = Pick<TestService, 'baseUrl' | 'mail'>;

/** The api alone over real HTTP, for a test that needs it configured differently (Temporal away, say). */
export async function startApi(config: AppConfig): Promise<{ api: NestFastifyApplication; baseUrl: string }> {
  const api = await createApiApp(config);
  await api.listen({ port: 0, host: '127.0.0.1' });
  return { api, baseUrl: (await api.getUrl()).replace('[::1]', '127.0.0.1') };
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

  const { api, baseUrl } = await startApi(config);

  return {
    config,
    baseUrl,
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
