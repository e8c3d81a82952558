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
import { CloseCaseDto, RetryStepDto } from './dto/case-attention.dto';
import { CaseDecisionDto } from './dto/case-decision.dto';
import { LinkEnvironmentDto } from './dto/link-environment.dto';

/** Agents' and managers' actions on a case (`agent` access lets managers in too). */
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

  /**
   * A case that needs attention: runs the failed step again, from the state it started in. For a failed
   * appointment, `organisationIds` replaces the approved organisations. Agents and managers.
   */
  @Post(':reference/retry')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: CaseActionResultDto })
  @ApiBadRequestResponse({
    type: ApiErrorBody,
    description:
      'Ids that are not uuids, organisations of another environment, or organisations for a step that is no appointment',
  })
  @ApiNotFoundResponse({ type: ApiErrorBody })
  @ApiConflictResponse({
    type: ApiErrorBody,
    description: 'The case does not need attention, or another action came first',
  })
  retryStep(
    @Param('reference', CaseReferencePipe) reference: string,
    @CurrentStaff() staff: SignedInStaff,
    @Body() body: RetryStepDto,
  ): Promise<CaseActionResultDto> {
    return this.decisions.retryStep(reference, staff, body.organisationIds);
  }

  /** A case that needs attention: closes it for good; the requester is mailed the reason. Agents and managers. */
  @Post(':reference/close')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: CaseActionResultDto })
  @ApiBadRequestResponse({ type: ApiErrorBody, description: 'No reason, or one too short or too long' })
  @ApiNotFoundResponse({ type: ApiErrorBody })
  @ApiConflictResponse({
    type: ApiErrorBody,
    description: 'The case does not need attention, or another action came first',
  })
  closeCase(
    @Param('reference', CaseReferencePipe) reference: string,
    @CurrentStaff() staff: SignedInStaff,
    @Body() body: CloseCaseDto,
  ): Promise<CaseActionResultDto> {
    return this.decisions.closeCase(reference, staff, body.reason);
  }
}
