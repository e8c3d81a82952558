import { Module } from '@nestjs/common';
import { StaffAuthModule } from '../staff-auth/staff-auth.module';
import { CasesController } from './cases.controller';
import { CasesService } from './cases.service';

/** The staff's read side of cases (SPEC section 6): the queue, the case page, the extract. */
@Module({
  imports: [StaffAuthModule],
  controllers: [CasesController],
  providers: [CasesService],
})
export class CasesModule {}
