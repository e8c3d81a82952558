import { Module, type DynamicModule } from '@nestjs/common';
import type { AppConfig } from '@app/config';
import { WorkerHealthServer } from './worker-health.server';
import { WorkerModule } from './worker.module';

/**
 * The worker as a process: the worker module and the process's HTTP probes. Apart from WorkerModule so that
 * workers started inside tests open no port.
 */
@Module({})
export class WorkerProcessModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerProcessModule,
      imports: [WorkerModule.forRoot(config)],
      providers: [WorkerHealthServer],
    };
  }
}
