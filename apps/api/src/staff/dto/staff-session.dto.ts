import { ApiProperty } from '@nestjs/swagger';
import { STAFF_ROLES, type StaffRole } from '@app/domain';

export class StaffDto {
  @ApiProperty() id!: string;
  @ApiProperty() email!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: STAFF_ROLES }) role!: StaffRole;
}

export class StaffSessionDto {
  @ApiProperty({
    description: 'The session token: the same as the cookie, for clients that send "Authorization: Bearer"',
  })
  token!: string;

  @ApiProperty({ example: '2026-11-20T18:00:00.000Z', description: 'When the session ends' })
  expiresAt!: string;

  @ApiProperty({ type: StaffDto }) staff!: StaffDto;
}

export class CurrentStaffSessionDto {
  @ApiProperty({ type: StaffDto }) staff!: StaffDto;
}
