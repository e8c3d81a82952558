import { Module } from '@nestjs/common';
import { StaffAuthModule } from '../staff-auth/staff-auth.module';
import { DashboardController } from './dashboard.controller';
import { DashboardService } from './dashboard.service';
import { EnvironmentsAtRiskController } from './environments-at-risk.controller';

/** The managers' views (SPEC section 6): the dashboard and the environments at risk. */
@Module({
  imports: [StaffAuthModule],
  controllers: [DashboardController, EnvironmentsAtRiskController],
  providers: [DashboardService],
})
export class DashboardModule {}
