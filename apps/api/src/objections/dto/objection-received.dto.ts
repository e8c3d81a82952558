import { ApiProperty } from '@nestjs/swagger';

export class ObjectionReceivedDto {
  @ApiProperty({ example: 'RC-7KQ4-M2XD' }) reference!: string;
  @ApiProperty() message!: string;
}
