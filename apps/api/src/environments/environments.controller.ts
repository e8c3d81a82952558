import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiParam, ApiTags } from '@nestjs/swagger';
import type { DirectoryActor } from '@app/domain';
import { ApiErrorBody } from '../http/api-error';
import { DirectoryAccess } from '../platform-auth/directory-access.decorator';
import { PlatformActor } from '../platform-auth/platform-user.guard';
import { ChangeSubscriptionDto } from './dto/change-subscription.dto';
import { EnvironmentDto } from './dto/directory-responses.dto';
import { EnvironmentsService } from './environments.service';

// `:id` is checked against the signed-in user's environment by the guard.
@ApiTags('environments')
@ApiParam({ name: 'id', description: 'The environment id' })
@Controller('api/environments/:id')
export class EnvironmentsController {
  constructor(private readonly environments: EnvironmentsService) {}

  @Get()
  @DirectoryAccess('environment_user')
  @ApiOkResponse({ type: EnvironmentDto })
  get(@PlatformActor() actor: DirectoryActor): Promise<EnvironmentDto> {
    return this.environments.get(actor);
  }

  @Patch('subscription')
  @DirectoryAccess('environment_administrator')
  @ApiOkResponse({ type: EnvironmentDto })
  @ApiBadRequestResponse({ type: ApiErrorBody })
  changeSubscription(
    @PlatformActor() actor: DirectoryActor,
    @Body() body: ChangeSubscriptionDto,
  ): Promise<EnvironmentDto> {
    return this.environments.changePlan(actor, body.plan);
  }
}
