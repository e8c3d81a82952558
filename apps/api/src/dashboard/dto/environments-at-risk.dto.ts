import { ApiProperty } from '@nestjs/swagger';
import { EnvironmentDto } from '../../environments/dto/directory-responses.dto';

export class EnvironmentsAtRiskDto {
  @ApiProperty({
    type: [EnvironmentDto],
    description: 'Environments with fewer than two active administrators, those with none first',
  })
  environments!: EnvironmentDto[];
}
