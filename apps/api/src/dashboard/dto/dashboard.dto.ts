import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CASE_STATUSES, isFinalStatus, type CaseStatus } from '@app/domain';

export class OldestOpenCaseDto {
  @ApiProperty({ example: 'RC-7KQ4-M2XD' }) reference!: string;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ description: 'Milliseconds since it was submitted' }) ageMs!: number;
}

export class WeekFiguresDto {
  @ApiProperty({ example: '2026-11-16', description: 'The Monday the week starts on' }) weekStart!: string;
  @ApiProperty({ description: 'Cases submitted in the week' }) opened!: number;
  @ApiProperty({ description: 'Cases completed in the week' }) completed!: number;
}

export class DashboardDto {
  @ApiProperty({
    type: 'object',
    properties: Object.fromEntries(
      CASE_STATUSES.filter((status) => !isFinalStatus(status)).map((status) => [status, { type: 'integer' }]),
    ),
    description: 'Open cases per state (every state that is not final, zero included)',
  })
  openByStatus!: Partial<Record<CaseStatus, number>>;

  @ApiProperty({
    description:
      'Open cases waiting for support: a step failed for a reason no retry mends (also in openByStatus.needs_attention)',
  })
  needsAttention!: number;

  @ApiProperty({ description: 'Open cases past the review SLA' }) overdue!: number;

  @ApiPropertyOptional({ type: OldestOpenCaseDto, nullable: true }) oldestOpen!: OldestOpenCaseDto | null;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    description: 'Median milliseconds from submission to completion, over all completed cases',
  })
  medianCompletionMs!: number | null;

  @ApiProperty({ type: [WeekFiguresDto], description: 'The last twelve weeks, the current one last' })
  perWeek!: WeekFiguresDto[];
}
