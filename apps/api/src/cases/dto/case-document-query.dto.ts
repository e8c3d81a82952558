import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export class CaseDocumentQueryDto {
  @ApiPropertyOptional({
    minimum: 1,
    description: 'Which upload (1 for the first); the most recent by default',
  })
  @Type(() => Number)
  @IsOptional()
  @IsInt({ message: 'sequence must be a whole number from 1' })
  @Min(1, { message: 'sequence must be a whole number from 1' })
  @Max(100, { message: 'sequence must be a whole number from 1 to 100' })
  sequence?: number;
}
