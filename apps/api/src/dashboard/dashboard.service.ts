import { Injectable } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { CaseQueryRepository, EnvironmentRepository } from '@app/persistence';
import { toDashboardDto, toEnvironmentsAtRiskDto } from './dashboard.mapper';
import type { DashboardDto } from './dto/dashboard.dto';
import type { EnvironmentsAtRiskDto } from './dto/environments-at-risk.dto';

/** What managers watch: the figures of the cases, and the environments that could be orphaned. */
@Injectable()
export class DashboardService {
  constructor(
    private readonly config: AppConfig,
    private readonly queries: CaseQueryRepository,
    private readonly environments: EnvironmentRepository,
  ) {}

  /** Weeks start on Monday where support works: the review schedule's time zone. */
  async figures(): Promise<DashboardDto> {
    return toDashboardDto(await this.queries.figures(this.config.recovery.review.schedule.timeZone));
  }

  async environmentsAtRisk(): Promise<EnvironmentsAtRiskDto> {
    return toEnvironmentsAtRiskDto(await this.environments.findAtRisk());
  }
}
