import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, Min, MaxLength } from 'class-validator';
import { CASE_STATUSES, VERIFICATION_METHODS, type CaseStatus, type VerificationMethod } from '@app/domain';
import { trimOrOmit } from '../../http/transforms';

export const DEFAULT_PAGE_SIZE = 25;
const MAX_PAGE_SIZE = 100;

/** `status=a,b` or `status=a&status=b`: a list of names, blanks left out. */
const statusList = ({ value }: { value: unknown }): unknown => {
  const given: unknown[] = Array.isArray(value) ? (value as unknown[]) : [value];
  const names = given
    .flatMap((part) => (typeof part === 'string' ? part.split(',') : [part]))
    .map((part) => (typeof part === 'string' ? part.trim() : part))
    .filter((part) => part !== '');
  return names.length > 0 ? names : undefined;
};

const booleanText = ({ value }: { value: unknown }): unknown =>
  value === 'true' ? true : value === 'false' ? false : value;

export class ListCasesQueryDto {
  @ApiPropertyOptional({
    description: 'One state, or several separated by commas',
    example: 'awaiting_review,cooling_off',
  })
  @Transform(statusList)
  @IsOptional()
  @IsIn(CASE_STATUSES, {
    each: true,
    message: `status must be one or more of (comma separated): ${CASE_STATUSES.join(', ')}`,
  })
  status?: CaseStatus[];

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'Only cases past (or within) the review SLA' })
  @Transform(booleanText)
  @IsOptional()
  @IsBoolean({ message: 'overdue must be true or false' })
  overdue?: boolean;

  @ApiPropertyOptional({ enum: VERIFICATION_METHODS })
  @IsOptional()
  @IsIn(VERIFICATION_METHODS, { message: `method must be one of: ${VERIFICATION_METHODS.join(', ')}` })
  method?: VerificationMethod;

  @ApiPropertyOptional({
    description:
      "A case reference (exact), a requester's email address (exact, any case), a KvK number (8 digits, exact) or part of a company name",
    example: 'RC-7KQ4-M2XD',
  })
  @Transform(trimOrOmit)
  @IsOptional()
  @IsString({ message: 'q must be text' })
  @MaxLength(254, { message: 'q must be at most 254 characters' })
  q?: string;

  @ApiPropertyOptional({ description: 'The nextCursor of the previous page' })
  @IsOptional()
  @IsString({ message: 'cursor must be text' })
  @MaxLength(200, { message: 'cursor is not one this API gave out' })
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE })
  @Type(() => Number)
  @IsOptional()
  @IsInt({ message: `limit must be a whole number from 1 to ${MAX_PAGE_SIZE}` })
  @Min(1, { message: `limit must be a whole number from 1 to ${MAX_PAGE_SIZE}` })
  @Max(MAX_PAGE_SIZE, { message: `limit must be a whole number from 1 to ${MAX_PAGE_SIZE}` })
  limit?: number;
}
