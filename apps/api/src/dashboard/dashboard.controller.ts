import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { StaffAccess } from '../staff-auth/staff-access.decorator';
import { DashboardService } from './dashboard.service';
import { DashboardDto } from './dto/dashboard.dto';

@ApiTags('dashboard')
@Controller('api/dashboard')
export class DashboardController {
  constructor(private readonly dashboard: DashboardService) {}

  /** Open cases by state, overdue, the oldest, the median time to completion, cases per week. */
  @Get()
  @StaffAccess('manager')
  @ApiOkResponse({ type: DashboardDto })
  figures(): Promise<DashboardDto> {
    return this.dashboard.figures();
  }
}
