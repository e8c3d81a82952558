import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Runtime } from '@temporalio/worker';
import { Logger } from 'nestjs-pino';
import { ConfigError, loadConfig } from '@app/config';
import { installTemporalRuntime } from './temporal-runtime';
import { TemporalWorkerService } from './temporal-worker.service';
import { WorkerProcessModule } from './worker-process.module';

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  installTemporalRuntime(config.logLevel);
  const app = await NestFactory.createApplicationContext(WorkerProcessModule.forRoot(config), {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  await app.init();

  // One way out, whatever starts it; the exit code is 1 only when the worker crashed.
  let closing: Promise<void> | undefined;
  const close = (): void => {
    closing ??= app.close().then(
      () => process.exit(),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  // Temporal's runtime already listens to these signals and starts the worker's drain (shutdownGraceTime);
  // this closes the rest once that drain is over (TemporalWorkerService waits for it). Not Nest's shutdown
  // hooks: after closing, they raise the signal again, so the process would end by SIGTERM, not with 0.
  // Listening also keeps a second signal from killing the process in the middle of the drain.
  for (const signal of Runtime.instance().options.shutdownSignals) process.on(signal, close);
  // The process lives as long as its worker: a crashed worker must end it, so that the supervisor restarts it.
  app
    .get(TemporalWorkerService)
    .done.catch(() => {
      process.exitCode = 1;
    })
    .finally(close);
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
