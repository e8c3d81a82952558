import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { trim } from '../../http/transforms';
import { REASON_MAX_LENGTH, REASON_MIN_LENGTH } from './case-decision.dto';

/** Support's retry of the step a case stopped at. */
export class RetryStepDto {
  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    description:
      "A failed appointment only: the organisations to link instead of the approved ones (of the case's environment). Left out, the approved ones stay.",
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true, message: 'organisationIds must be organisation ids' })
  organisationIds?: string[];
}

/** Support's closure of a case that needs attention. */
export class CloseCaseDto {
  @ApiProperty({
    minLength: REASON_MIN_LENGTH,
    maxLength: REASON_MAX_LENGTH,
    description: 'Why the case is closed; mailed to the requester as written',
  })
  @Transform(trim)
  @IsString({ message: 'reason is required to close a case' })
  @MinLength(REASON_MIN_LENGTH, { message: 'reason must say why (at least 3 characters)' })
  @MaxLength(REASON_MAX_LENGTH)
  reason!: string;
}
