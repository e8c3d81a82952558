import { Module } from '@nestjs/common';
import { StaffAuthModule } from '../staff-auth/staff-auth.module';
import { TemporalModule } from '../temporal/temporal.module';
import { CaseDecisionsController } from './case-decisions.controller';
import { CaseDecisionsService } from './case-decisions.service';
import { CasesController } from './cases.controller';
import { CasesService } from './cases.service';

/** Cases for staff (SPEC section 6): the queue, the case page, the extract, decisions and links. */
@Module({
  imports: [StaffAuthModule, TemporalModule],
  controllers: [CasesController, CaseDecisionsController],
  providers: [CasesService, CaseDecisionsService],
})
export class CasesModule {}
