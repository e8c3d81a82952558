import { ApiProperty } from '@nestjs/swagger';
import { DOMAIN_ERROR_CODES, type DomainErrorCode } from '@app/domain';

/** What went wrong, for programs (and the pages): stable, unlike the message's words. */
const API_ERROR_CODES = [...DOMAIN_ERROR_CODES, 'internal_error'] as const;
export type ApiErrorCode = DomainErrorCode | 'internal_error';

/** The shape of every error answer (SPEC section 8, plus `code`). */
export class ApiErrorBody {
  @ApiProperty({ example: 400 })
  statusCode!: number;

  @ApiProperty({
    enum: API_ERROR_CODES,
    example: 'invalid_input',
    description: 'What went wrong, for programs',
  })
  code!: ApiErrorCode;

  @ApiProperty({ example: 'Bad Request' })
  error!: string;

  @ApiProperty({ example: 'requesterEmail must be an email address' })
  message!: string;

  @ApiProperty({
    required: false,
    description: 'For validation errors: the messages per field',
    example: { requesterEmail: ['requesterEmail must be an email address'] },
  })
  fields?: Record<string, string[]>;
}
