import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { StaffAccess } from '../staff-auth/staff-access.decorator';
import { DashboardService } from './dashboard.service';
import { EnvironmentsAtRiskDto } from './dto/environments-at-risk.dto';

// A fixed path beside the platform's `api/environments/:id`: the router prefers the static segment,
// so this never reaches PlatformUserGuard (a test asks for it).
@ApiTags('dashboard')
@Controller('api/environments/at-risk')
export class EnvironmentsAtRiskController {
  constructor(private readonly dashboard: DashboardService) {}

  /** Environments with fewer than two active administrators. */
  @Get()
  @StaffAccess('manager')
  @ApiOkResponse({ type: EnvironmentsAtRiskDto })
  list(): Promise<EnvironmentsAtRiskDto> {
    return this.dashboard.environmentsAtRisk();
  }
}
