import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  HttpStatus,
  Ip,
  Post,
  Req,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiPayloadTooLargeResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnprocessableEntityResponse,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { DomainError, languageFromAcceptLanguage } from '@app/domain';
import type { CaseEntity } from '@app/persistence';
import { ApiErrorBody } from '../http/api-error';
import { Public } from '../http/public.decorator';
import { DocumentUploadService } from './document-upload.service';
import { CreateRecoveryRequestDto } from './dto/create-recovery-request.dto';
import { EmailCodeDto } from './dto/email-code.dto';
import { RecoveryRequestAcceptedDto } from './dto/recovery-request-accepted.dto';
import { RecoveryRequestStatusDto } from './dto/recovery-request-status.dto';
import { EmailCodeService } from './email-code.service';
import { IntakeRateLimitInterceptor } from './intake-rate-limit.interceptor';
import { RecoveryRequestsService } from './recovery-requests.service';
import { RequesterCase, RequesterCaseGuard } from './requester-case.guard';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{8,200}$/;

@ApiTags('recovery requests')
@Controller('api/recovery-requests')
export class RecoveryRequestsController {
  constructor(
    private readonly requests: RecoveryRequestsService,
    private readonly emailCodes: EmailCodeService,
    private readonly uploads: DocumentUploadService,
  ) {}

  /** Anyone may ask for a recovery; the answer never tells whether anything matched. */
  @Public()
  @Post()
  @UseInterceptors(IntakeRateLimitInterceptor)
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description:
      'Repeating a request with it from the same client address starts nothing new, for INTAKE_IDEMPOTENCY_TTL (24 hours by default)',
  })
  @ApiHeader({
    name: 'Accept-Language',
    required: false,
    description: 'The language of the mails (nl or en) when the body has no language',
  })
  @ApiAcceptedResponse({ type: RecoveryRequestAcceptedDto })
  @ApiBadRequestResponse({ type: ApiErrorBody })
  @ApiUnprocessableEntityResponse({ type: ApiErrorBody, description: 'The key was used for another request' })
  @ApiTooManyRequestsResponse({ type: ApiErrorBody, description: 'Too many requests from this address' })
  submit(
    @Body() body: CreateRecoveryRequestDto,
    // The address the rate limit counts: a key is the client's, never shared with another client.
    @Ip() clientAddress: string,
    @Headers('idempotency-key') idempotencyKey?: string,
    @Headers('accept-language') acceptLanguage?: string,
  ): Promise<RecoveryRequestAcceptedDto> {
    if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
      throw new DomainError('invalid_input', 'Idempotency-Key must be 8 to 200 letters, digits or "_.:-"');
    }
    const language = body.language ?? languageFromAcceptLanguage(acceptLanguage);
    return this.requests.submit(body, language, clientAddress, idempotencyKey);
  }

  /** The requester follows their case with the token from the mailed link. */
  @Get(':reference')
  @UseGuards(RequesterCaseGuard)
  @ApiBearerAuth('case-token')
  @ApiOkResponse({ type: RecoveryRequestStatusDto })
  @ApiNotFoundResponse({ type: ApiErrorBody, description: 'Unknown reference, or a missing or wrong token' })
  status(@RequesterCase() kase: CaseEntity): Promise<RecoveryRequestStatusDto> {
    return this.requests.statusOf(kase);
  }

  /** Proves the requester controls the mailbox the link went to. Only this POST confirms, never a GET. */
  @Post(':reference/confirm')
  @HttpCode(HttpStatus.OK)
  @UseGuards(RequesterCaseGuard)
  @ApiBearerAuth('case-token')
  @ApiOkResponse({ type: RecoveryRequestStatusDto })
  @ApiConflictResponse({ type: ApiErrorBody, description: 'Already confirmed, or the case is closed' })
  async confirm(@RequesterCase() kase: CaseEntity): Promise<RecoveryRequestStatusDto> {
    await this.requests.confirm(kase);
    return this.requests.statusAfterAction(kase.id);
  }

  @Post(':reference/email-code')
  @HttpCode(HttpStatus.OK)
  @UseGuards(RequesterCaseGuard)
  @ApiBearerAuth('case-token')
  @ApiOkResponse({
    type: RecoveryRequestStatusDto,
    description: 'The code was right: the case goes to review',
  })
  @ApiBadRequestResponse({
    type: ApiErrorBody,
    description: 'Not 8 digits, or a wrong code (tries left said)',
  })
  @ApiConflictResponse({
    type: ApiErrorBody,
    description: 'No tries left, the code expired, or no code waits',
  })
  async enterEmailCode(
    @RequesterCase() kase: CaseEntity,
    @Body() body: EmailCodeDto,
  ): Promise<RecoveryRequestStatusDto> {
    await this.emailCodes.verify(kase, body.code);
    return this.requests.statusAfterAction(kase.id);
  }

  @Post(':reference/email-code/resend')
  @HttpCode(HttpStatus.OK)
  @UseGuards(RequesterCaseGuard)
  @ApiBearerAuth('case-token')
  @ApiOkResponse({ type: RecoveryRequestStatusDto })
  @ApiConflictResponse({ type: ApiErrorBody, description: 'No new codes left, or no code waits' })
  async resendEmailCode(@RequesterCase() kase: CaseEntity): Promise<RecoveryRequestStatusDto> {
    await this.requests.resendEmailCode(kase);
    return this.requests.statusAfterAction(kase.id);
  }

  /** A Chamber of Commerce extract: multipart/form-data, one field `file`, a PDF of at most 10 MB. */
  @Post(':reference/documents')
  @HttpCode(HttpStatus.ACCEPTED)
  @UseGuards(RequesterCaseGuard)
  @ApiBearerAuth('case-token')
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiAcceptedResponse({ type: RecoveryRequestStatusDto, description: 'Stored; it is being read' })
  @ApiPayloadTooLargeResponse({ type: ApiErrorBody })
  @ApiUnsupportedMediaTypeResponse({ type: ApiErrorBody, description: 'Not a PDF' })
  @ApiConflictResponse({ type: ApiErrorBody, description: 'No uploads left, or no document waited for' })
  async uploadDocument(
    @RequesterCase() kase: CaseEntity,
    @Req() request: FastifyRequest,
  ): Promise<RecoveryRequestStatusDto> {
    await this.uploads.upload(kase, request);
    return this.requests.statusAfterAction(kase.id);
  }

  @Post(':reference/cancel')
  @HttpCode(HttpStatus.OK)
  @UseGuards(RequesterCaseGuard)
  @ApiBearerAuth('case-token')
  @ApiOkResponse({ type: RecoveryRequestStatusDto })
  @ApiConflictResponse({ type: ApiErrorBody, description: 'The case is closed or the appointment runs' })
  async cancel(@RequesterCase() kase: CaseEntity): Promise<RecoveryRequestStatusDto> {
    await this.requests.cancel(kase);
    return this.requests.statusAfterAction(kase.id);
  }
}
