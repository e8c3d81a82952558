import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { SUBSCRIPTION_PLANS, type SubscriptionPlan } from '@app/domain';

export class ChangeSubscriptionDto {
  @ApiProperty({ enum: SUBSCRIPTION_PLANS })
  @IsIn(SUBSCRIPTION_PLANS, { message: `plan must be one of: ${SUBSCRIPTION_PLANS.join(', ')}` })
  plan!: SubscriptionPlan;
}
