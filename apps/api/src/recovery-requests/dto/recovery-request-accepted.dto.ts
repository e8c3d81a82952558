import { ApiProperty } from '@nestjs/swagger';

export class RecoveryRequestAcceptedDto {
  @ApiProperty({
    example: 'RC-7KQ4-M2XD',
    description: 'The public case reference; the access link was mailed',
  })
  reference!: string;
}
