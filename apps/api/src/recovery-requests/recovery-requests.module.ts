import { Module } from '@nestjs/common';
import { TemporalModule } from '../temporal/temporal.module';
import { RecoveryRequestsController } from './recovery-requests.controller';
import { RecoveryRequestsService } from './recovery-requests.service';
import { RequesterCaseGuard } from './requester-case.guard';

@Module({
  imports: [TemporalModule],
  controllers: [RecoveryRequestsController],
  providers: [RecoveryRequestsService, RequesterCaseGuard],
})
export class RecoveryRequestsModule {}
