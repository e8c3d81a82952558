import { ApiProperty } from '@nestjs/swagger';

/** The shape of every error answer (SPEC section 8). */
export class ApiErrorBody {
  @ApiProperty({ example: 400 })
  statusCode!: number;

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
