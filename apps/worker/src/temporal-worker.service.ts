import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type OnModuleDestroy,
} from '@nestjs/common';
import { grpc } from '@temporalio/proto';
import { NativeConnection, Worker, type ActivityInterceptorsFactory, type State } from '@temporalio/worker';
import { AppConfig } from '@app/config';
import { ACTIVITY_INTERCEPTORS } from './activities/heartbeating';
import { RecoveryActivitiesRegistry } from './activities/recovery-activities';
import { workflowSource } from './workflow-source';

/**
 * Owns the Temporal worker's life: created and started when the application boots, its run observed
 * (`done` rejects when it crashes, and main exits), drained and shut down with the application.
 */
@Injectable()
export class TemporalWorkerService implements OnApplicationBootstrap, OnModuleDestroy, OnApplicationShutdown {
  private readonly logger = new Logger(TemporalWorkerService.name);
  private connection?: NativeConnection;
  private worker?: Worker;
  private running?: Promise<void>;

  constructor(
    private readonly config: AppConfig,
    private readonly registry: RecoveryActivitiesRegistry,
    @Inject(ACTIVITY_INTERCEPTORS) private readonly activityInterceptors: ActivityInterceptorsFactory[],
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { address, namespace, taskQueue } = this.config.temporal;
    this.connection = await NativeConnection.connect({ address });
    this.worker = await Worker.create({
      connection: this.connection,
      namespace,
      taskQueue,
      activities: this.registry.activities(),
      interceptors: { activity: this.activityInterceptors },
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

  /** The Temporal worker's state (`RUNNING` while it polls); `NOT_CREATED` before the application boots. */
  get state(): State | 'NOT_CREATED' {
    return this.worker?.getState() ?? 'NOT_CREATED';
  }

  /** Answers whether Temporal's frontend serves on the worker's own connection (readiness probe). */
  async isTemporalServing(): Promise<boolean> {
    if (!this.connection) return false;
    const response = await this.connection.healthService.check({});
    return response.status === grpc.health.v1.HealthCheckResponse.ServingStatus.SERVING;
  }

  /**
   * Drains the worker first of all the shutdown hooks (Nest calls every module's onModuleDestroy before any
   * onApplicationShutdown): its running activities still have the mailer and the database they use.
   */
  async onModuleDestroy(): Promise<void> {
    if (this.worker?.getState() === 'RUNNING') this.worker.shutdown();
    await this.running?.catch(() => undefined);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.onModuleDestroy();
    await this.connection?.close();
  }
}
