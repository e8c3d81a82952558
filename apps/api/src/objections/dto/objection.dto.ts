import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { trim } from '../../http/transforms';

export class ObjectionDto {
  @ApiProperty({ example: 'I do not know this person; our administrator is on holiday.' })
  @Transform(trim)
  @IsString()
  @MinLength(3, { message: 'reason must say why you object (at least 3 characters)' })
  @MaxLength(2000)
  reason!: string;
}
