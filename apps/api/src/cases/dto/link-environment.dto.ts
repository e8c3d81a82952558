import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

export class LinkEnvironmentDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'environmentId must be an environment id' })
  environmentId!: string;
}
