import { Module } from '@nestjs/common';
import { StaffAuthModule } from '../staff-auth/staff-auth.module';
import { TemporalModule } from '../temporal/temporal.module';
import { CaseDecisionsController } from './case-decisions.controller';
import { CaseDecisionsService } from './case-decisions.service';

@Module({
  imports: [TemporalModule, StaffAuthModule],
  controllers: [CaseDecisionsController],
  providers: [CaseDecisionsService],
})
export class CaseDecisionsModule {}
