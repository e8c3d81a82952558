import { Body, Controller, Get, Headers, HttpCode, HttpStatus, Post, UseGuards } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { DomainError } from '@app/domain';
import type { CaseEntity } from '@app/persistence';
import { ApiErrorBody } from '../http/api-error';
import { Public } from '../http/public.decorator';
import { CreateRecoveryRequestDto } from './dto/create-recovery-request.dto';
import { RecoveryRequestAcceptedDto } from './dto/recovery-request-accepted.dto';
import { RecoveryRequestStatusDto } from './dto/recovery-request-status.dto';
import { RecoveryRequestsService } from './recovery-requests.service';
import { RequesterCase, RequesterCaseGuard } from './requester-case.guard';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{8,200}$/;

@ApiTags('recovery requests')
@Controller('api/recovery-requests')
export class RecoveryRequestsController {
  constructor(private readonly requests: RecoveryRequestsService) {}

  /** Anyone may ask for a recovery; the answer never tells whether anything matched. */
  @Public()
  @Post()
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'Repeating a request with it starts nothing new',
  })
  @ApiAcceptedResponse({ type: RecoveryRequestAcceptedDto })
  @ApiBadRequestResponse({ type: ApiErrorBody })
  @ApiUnprocessableEntityResponse({ type: ApiErrorBody, description: 'The key was used for another request' })
  submit(
    @Body() body: CreateRecoveryRequestDto,
    @Headers('idempotency-key') idempotencyKey?: string,
  ): Promise<RecoveryRequestAcceptedDto> {
    if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
      throw new DomainError('invalid_input', 'Idempotency-Key must be 8 to 200 letters, digits or "_.:-"');
    }
    return this.requests.submit(body, idempotencyKey);
  }

  /** The requester follows their case with the token from the mailed link. */
  @Get(':reference')
  @UseGuards(RequesterCaseGuard)
  @ApiBearerAuth('case-token')
  @ApiOkResponse({ type: RecoveryRequestStatusDto })
  @ApiNotFoundResponse({ type: ApiErrorBody, description: 'Unknown reference, or a missing or wrong token' })
  status(@RequesterCase() kase: CaseEntity): Promise<RecoveryRequestStatusDto> {
    return this.requests.statusFor(kase);
  }
}
