import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { ORGANISATION_ROLES, type OrganisationRole } from '@app/domain';

export class SetMemberDto {
  @ApiProperty({ enum: ORGANISATION_ROLES })
  @IsIn(ORGANISATION_ROLES, { message: `role must be one of: ${ORGANISATION_ROLES.join(', ')}` })
  role!: OrganisationRole;
}
