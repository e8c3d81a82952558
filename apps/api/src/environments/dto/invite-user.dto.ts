import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { ENVIRONMENT_ROLES, type EnvironmentRole } from '@app/domain';
import { IsStrictEmail } from '../../http/is-strict-email';
import { trim } from '../../http/transforms';

export class InviteUserDto {
  @ApiProperty({ example: 'bram@acme.example' })
  @Transform(trim)
  @IsStrictEmail({ message: 'email must be an email address' })
  @MaxLength(254)
  email!: string;

  @ApiProperty({ example: 'Bram Jansen', maxLength: 200 })
  @Transform(trim)
  @IsString()
  @IsNotEmpty({ message: 'name is required' })
  @MaxLength(200)
  name!: string;

  @ApiPropertyOptional({ enum: ENVIRONMENT_ROLES, default: 'user' })
  @IsOptional()
  @IsIn(ENVIRONMENT_ROLES, { message: `role must be one of: ${ENVIRONMENT_ROLES.join(', ')}` })
  role?: EnvironmentRole;
}
