import { Controller, Get, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { DashboardDto } from '../../dashboard/dto/dashboard.dto';
import type { EnvironmentsAtRiskDto } from '../../dashboard/dto/environments-at-risk.dto';
import type { SignedInStaff } from '../../staff-auth/signed-in-staff';
import { StaffAccess } from '../../staff-auth/staff-access.decorator';
import { CurrentStaff } from '../../staff-auth/staff.guard';
import { CsrfProtection } from '../shared/csrf';
import { InProcessApi } from '../shared/in-process-api';
import { sendPage } from '../shared/send-page';
import { ConsolePageErrorFilter } from './console-page-error.filter';
import { dashboardPage, environmentsAtRiskPage } from './dashboard.page';

/** The managers' pages; an agent gets a plain "only for managers" page. */
@ApiExcludeController()
@StaffAccess('manager')
@UseFilters(ConsolePageErrorFilter)
@Controller('console')
export class ConsoleManagerController {
  constructor(
    private readonly api: InProcessApi,
    private readonly csrf: CsrfProtection,
  ) {}

  @Get('dashboard')
  async dashboard(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @CurrentStaff() staff: SignedInStaff,
  ): Promise<void> {
    const answer = await this.api.call<DashboardDto>({ method: 'GET', url: '/api/dashboard', from: request });
    if (!answer.ok) throw new Error(`the dashboard API answered ${String(answer.status)}`);
    sendPage(
      reply,
      200,
      dashboardPage({ staff, csrfToken: this.csrf.staffTokenFor(request, reply), dashboard: answer.body }),
    );
  }

  @Get('environments-at-risk')
  async environmentsAtRisk(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @CurrentStaff() staff: SignedInStaff,
  ): Promise<void> {
    const answer = await this.api.call<EnvironmentsAtRiskDto>({
      method: 'GET',
      url: '/api/environments/at-risk',
      from: request,
    });
    if (!answer.ok) throw new Error(`the environments-at-risk API answered ${String(answer.status)}`);
    sendPage(
      reply,
      200,
      environmentsAtRiskPage({
        staff,
        csrfToken: this.csrf.staffTokenFor(request, reply),
        atRisk: answer.body,
      }),
    );
  }
}
