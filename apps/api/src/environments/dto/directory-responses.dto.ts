import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ENVIRONMENT_ROLES,
  ORGANISATION_ROLES,
  SUBSCRIPTION_PLANS,
  USER_STATUSES,
  type EnvironmentRole,
  type OrganisationRole,
  type SubscriptionPlan,
  type UserStatus,
} from '@app/domain';

export class UserMembershipDto {
  @ApiProperty() organisationId!: string;
  @ApiProperty({ enum: ORGANISATION_ROLES }) role!: OrganisationRole;
}

export class UserDto {
  @ApiProperty() id!: string;
  @ApiProperty() email!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ENVIRONMENT_ROLES }) role!: EnvironmentRole;
  @ApiProperty({ enum: USER_STATUSES }) status!: UserStatus;
  @ApiProperty({ type: [UserMembershipDto] }) organisations!: UserMembershipDto[];
}

/** Carried by every answer that lists administrators (SPEC section 4). */
export class AdministratorsSummaryDto {
  @ApiProperty({ example: 1 }) activeAdministrators!: number;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'Set when there are fewer than two active administrators: the advice to add a second',
  })
  administratorAdvice!: string | null;
}

export class UserListDto extends AdministratorsSummaryDto {
  @ApiProperty({ type: [UserDto] }) users!: UserDto[];
}

export class OrganisationDto {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ example: '12345678' }) kvkNumber!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) contactEmail!: string | null;
}

export class OrganisationListDto {
  @ApiProperty({ type: [OrganisationDto] }) organisations!: OrganisationDto[];
}

export class MemberDto {
  @ApiProperty() userId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ enum: USER_STATUSES }) status!: UserStatus;
  @ApiProperty({ enum: ORGANISATION_ROLES }) role!: OrganisationRole;
}

export class MemberListDto {
  @ApiProperty({ type: OrganisationDto }) organisation!: OrganisationDto;
  @ApiProperty({ type: [MemberDto] }) members!: MemberDto[];
}

export class EnvironmentDto extends AdministratorsSummaryDto {
  @ApiProperty() id!: string;
  @ApiProperty({ example: 'ENV-1001' }) reference!: string;
  @ApiProperty() name!: string;
  @ApiProperty() contactEmail!: string;
  @ApiProperty({ enum: SUBSCRIPTION_PLANS }) plan!: SubscriptionPlan;
}
