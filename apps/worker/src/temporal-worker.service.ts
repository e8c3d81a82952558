import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { NativeConnection, Worker } from '@temporalio/worker';
import { AppConfig } from '@app/config';
import { RecoveryActivitiesRegistry } from './activities/recovery-activities';
import { workflowSource } from './workflow-source';

/**
 * Owns the Temporal worker's life: created and started when the application boots, its run observed
 * (`done` rejects when it crashes, and main exits), drained and shut down with the application.
 */
@Injectable()
export class TemporalWorkerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(TemporalWorkerService.name);
  private connection?: NativeConnection;
  private worker?: Worker;
  private running?: Promise<void>;

  constructor(
    private readonly config: AppConfig,
    private readonly registry: RecoveryActivitiesRegistry,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { address, namespace, taskQueue } = this.config.temporal;
    this.connection = await NativeConnection.connect({ address });
    this.worker = await Worker.create({
      connection: this.connection,
      namespace,
      taskQueue,
      activities: this.registry.activities(),
      ...workflowSource(this.config),
      // On shutdown, running activities get a moment to finish; a shutdown never hangs past the force time.
      shutdownGraceTime: '10 seconds',
      shutdownForceTime: '30 seconds',
    });
    this.running = this.worker.run();
    this.running.catch((error: unknown) =>
      this.logger.fatal({ err: error }, 'Temporal worker stopped with an error'),
    );
    this.logger.log({ address, namespace, taskQueue }, 'Temporal worker running');
  }

  /** Settles when the worker has stopped: resolves after a shutdown, rejects when it crashed. */
  get done(): Promise<void> {
    if (!this.running) throw new Error('the worker has not started');
    return this.running;
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.worker?.getState() === 'RUNNING') this.worker.shutdown();
    await this.running?.catch(() => undefined);
    await this.connection?.close();
  }
}
