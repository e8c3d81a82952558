import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiParam,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { DirectoryActor } from '@app/domain';
import { ApiErrorBody } from '../http/api-error';
import { idParam } from '../http/id-param';
import { DirectoryAccess } from '../platform-auth/directory-access.decorator';
import { PlatformActor } from '../platform-auth/platform-user.guard';
import { ChangeUserDto } from './dto/change-user.dto';
import { UserDto, UserListDto } from './dto/directory-responses.dto';
import { InviteUserDto } from './dto/invite-user.dto';
import { EnvironmentUsersService } from './environment-users.service';
import { NO_SUCH_USER } from './not-found-messages';

@ApiTags('environments')
@ApiParam({ name: 'id', description: 'The environment id' })
@Controller('api/environments/:id/users')
export class EnvironmentUsersController {
  constructor(private readonly users: EnvironmentUsersService) {}

  @Get()
  @DirectoryAccess('environment_user')
  @ApiOkResponse({ type: UserListDto })
  list(@PlatformActor() actor: DirectoryActor): Promise<UserListDto> {
    return this.users.list(actor);
  }

  @Post()
  @DirectoryAccess('environment_administrator')
  @ApiCreatedResponse({ type: UserDto, description: 'Invited; the invitation is mailed shortly' })
  @ApiBadRequestResponse({ type: ApiErrorBody })
  @ApiConflictResponse({ type: ApiErrorBody, description: 'A user with this address already exists' })
  @ApiServiceUnavailableResponse({ type: ApiErrorBody, description: 'The invitation could not be scheduled' })
  invite(@PlatformActor() actor: DirectoryActor, @Body() body: InviteUserDto): Promise<UserDto> {
    return this.users.invite(actor, body);
  }

  @Patch(':userId')
  @DirectoryAccess('environment_administrator')
  @ApiOkResponse({ type: UserDto })
  @ApiBadRequestResponse({ type: ApiErrorBody })
  @ApiConflictResponse({
    type: ApiErrorBody,
    description: 'The last active administrator cannot be demoted or deactivated',
  })
  change(
    @PlatformActor() actor: DirectoryActor,
    @Param('userId', idParam(NO_SUCH_USER)) userId: string,
    @Body() body: ChangeUserDto,
  ): Promise<UserDto> {
    return this.users.change(actor, userId, body);
  }
}
