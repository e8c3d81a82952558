import { Module, type DynamicModule } from '@nestjs/common';
import { AppConfig, ConfigModule } from '@app/config';
import { LoggingModule } from '@app/logging';
import { PersistenceModule } from '@app/persistence';
import { SecretsModule } from '@app/secrets';
import { CasesModule } from './cases/cases.module';
import { DashboardModule } from './dashboard/dashboard.module';
import { EnvironmentsModule } from './environments/environments.module';
import { HealthModule } from './health/health.module';
import { ObjectionsModule } from './objections/objections.module';
import { RecoveryRequestsModule } from './recovery-requests/recovery-requests.module';
import { StaffModule } from './staff/staff.module';
import { WebModule } from './web/web.module';

@Module({})
export class ApiModule {
  static forRoot(config?: AppConfig): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule,
        PersistenceModule,
        SecretsModule,
        HealthModule,
        RecoveryRequestsModule,
        ObjectionsModule,
        EnvironmentsModule,
        StaffModule,
        CasesModule,
        DashboardModule,
        WebModule,
      ],
    };
  }
}
