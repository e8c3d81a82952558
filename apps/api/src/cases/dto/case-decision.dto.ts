import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { CASE_VERSION_PATTERN } from '@app/domain';
import { trim } from '../../http/transforms';

/** How long a reason the requester is mailed may be: a rejection's, a document request's, a closure's. */
export const REASON_MIN_LENGTH = 3;
export const REASON_MAX_LENGTH = 2000;

export const DECISIONS = ['approve', 'reject', 'request_document'] as const;
export type Decision = (typeof DECISIONS)[number];

export class CaseDecisionDto {
  @ApiProperty({ enum: DECISIONS })
  @IsIn(DECISIONS, { message: `decision must be one of ${DECISIONS.join(', ')}` })
  decision!: Decision;

  @ApiProperty({
    example: '1287',
    description:
      "The case's `version` as the agent saw it (GET /api/cases/:reference); 409 when the case changed since",
  })
  // One check, one message: missing, not text, or not digits.
  @Matches(CASE_VERSION_PATTERN, {
    message: 'version is required: the version of the case you decided on, as its page gave it',
  })
  version!: string;

  @ApiPropertyOptional({
    description: 'Required to reject or to ask for a new document; mailed to the requester',
  })
  @ValidateIf((dto: CaseDecisionDto) => dto.decision !== 'approve' || dto.reason !== undefined)
  @Transform(trim)
  @IsString({ message: 'reason is required to reject or to ask for a new document' })
  @MinLength(REASON_MIN_LENGTH, { message: 'reason must say why (at least 3 characters)' })
  @MaxLength(REASON_MAX_LENGTH)
  reason?: string;

  @ApiPropertyOptional({
    type: [String],
    description:
      'Approve only: the organisations to link; by default the matched ones (all after the email method)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true, message: 'organisationIds must be organisation ids' })
  organisationIds?: string[];
}
