import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { trim } from '../../http/transforms';

export const DECISIONS = ['approve', 'reject', 'request_document'] as const;
export type Decision = (typeof DECISIONS)[number];

export class CaseDecisionDto {
  @ApiProperty({ enum: DECISIONS })
  @IsIn(DECISIONS, { message: `decision must be one of ${DECISIONS.join(', ')}` })
  decision!: Decision;

  @ApiPropertyOptional({
    description: 'Required to reject or to ask for a new document; mailed to the requester',
  })
  @ValidateIf((dto: CaseDecisionDto) => dto.decision !== 'approve' || dto.reason !== undefined)
  @Transform(trim)
  @IsString({ message: 'reason is required to reject or to ask for a new document' })
  @MinLength(3, { message: 'reason must say why (at least 3 characters)' })
  @MaxLength(2000)
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
