import { Module, type DynamicModule } from '@nestjs/common';
import { AppConfig, ConfigModule } from '@app/config';
import { DocumentAnalysisModule } from '@app/document-analysis';
import { LoggingModule } from '@app/logging';
import { MailModule } from '@app/mail';
import { PersistenceModule } from '@app/persistence';
import { SecretsModule } from '@app/secrets';
import { activityInterceptorsProvider } from './activities/heartbeating';
import { ACTIVITY_PROVIDERS } from './activities/recovery-activities';
import { TemporalWorkerService } from './temporal-worker.service';

@Module({})
export class WorkerModule {
  static forRoot(config?: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule,
        PersistenceModule,
        SecretsModule,
        MailModule,
        DocumentAnalysisModule,
      ],
      providers: [...ACTIVITY_PROVIDERS, activityInterceptorsProvider, TemporalWorkerService],
    };
  }
}
