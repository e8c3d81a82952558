import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import {
  ASSIGNABLE_USER_STATUSES,
  ENVIRONMENT_ROLES,
  type AssignableUserStatus,
  type EnvironmentRole,
} from '@app/domain';

export class ChangeUserDto {
  @ApiPropertyOptional({ enum: ENVIRONMENT_ROLES })
  @IsOptional()
  @IsIn(ENVIRONMENT_ROLES, { message: `role must be one of: ${ENVIRONMENT_ROLES.join(', ')}` })
  role?: EnvironmentRole;

  @ApiPropertyOptional({
    enum: ASSIGNABLE_USER_STATUSES,
    description: 'Deactivate a user, or activate them again',
  })
  @IsOptional()
  @IsIn(ASSIGNABLE_USER_STATUSES, {
    message: `status must be one of: ${ASSIGNABLE_USER_STATUSES.join(', ')}`,
  })
  status?: AssignableUserStatus;
}
