import { ApiProperty } from '@nestjs/swagger';
import { CASE_STATUSES, type CaseStatus } from '@app/domain';

/** The answer to an agent's action: where the case stands now (the case page reads the rest). */
export class CaseActionResultDto {
  @ApiProperty({ example: 'RC-7KQ4-M2XD' }) reference!: string;
  @ApiProperty({ enum: CASE_STATUSES }) status!: CaseStatus;
}
