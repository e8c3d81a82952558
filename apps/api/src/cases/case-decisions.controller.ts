import { Body, Controller, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { ApiErrorBody } from '../http/api-error';
import type { SignedInStaff } from '../staff-auth/signed-in-staff';
import { StaffAccess } from '../staff-auth/staff-access.decorator';
import { CurrentStaff } from '../staff-auth/staff.guard';
import { CaseDecisionsService } from './case-decisions.service';
import { CaseReferencePipe } from './case-reference.pipe';
import { CaseActionResultDto } from './dto/case-action-result.dto';
import { CaseDecisionDto } from './dto/case-decision.dto';
import { LinkEnvironmentDto } from './dto/link-environment.dto';

@ApiTags('cases')
@Controller('api/cases')
@StaffAccess('agent')
export class CaseDecisionsController {
  constructor(private readonly decisions: CaseDecisionsService) {}

  @Post(':reference/decision')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: CaseActionResultDto })
  @ApiBadRequestResponse({
    type: ApiErrorBody,
    description: 'No reason, or organisations of another environment',
  })
  @ApiNotFoundResponse({ type: ApiErrorBody })
  @ApiConflictResponse({
    type: ApiErrorBody,
    description: 'Not awaiting review, or another decision came first',
  })
  decide(
    @Param('reference', CaseReferencePipe) reference: string,
    @CurrentStaff() staff: SignedInStaff,
    @Body() body: CaseDecisionDto,
  ): Promise<CaseActionResultDto> {
    return this.decisions.decide(reference, staff, body);
  }

  /** For a case that matched no environment at intake; an email-method case can then get its code. */
  @Post(':reference/environment')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: CaseActionResultDto })
  @ApiBadRequestResponse({ type: ApiErrorBody, description: 'No such environment' })
  @ApiNotFoundResponse({ type: ApiErrorBody })
  @ApiConflictResponse({ type: ApiErrorBody, description: 'Linked already, or the case is closed' })
  linkEnvironment(
    @Param('reference', CaseReferencePipe) reference: string,
    @CurrentStaff() staff: SignedInStaff,
    @Body() body: LinkEnvironmentDto,
  ): Promise<CaseActionResultDto> {
    return this.decisions.linkEnvironment(reference, staff, body.environmentId);
  }
}
