import { Module } from '@nestjs/common';
import { TemporalModule } from '../temporal/temporal.module';
import { RecoveryRequestsController } from './recovery-requests.controller';
import { DocumentUploadService } from './document-upload.service';
import { EmailCodeService } from './email-code.service';
import { IntakeRateLimitInterceptor } from './intake-rate-limit.interceptor';
import { RecoveryRequestsService } from './recovery-requests.service';
import { RequesterCaseGuard } from './requester-case.guard';

@Module({
  imports: [TemporalModule],
  controllers: [RecoveryRequestsController],
  providers: [
    RecoveryRequestsService,
    EmailCodeService,
    DocumentUploadService,
    RequesterCaseGuard,
    IntakeRateLimitInterceptor,
  ],
})
export class RecoveryRequestsModule {}
