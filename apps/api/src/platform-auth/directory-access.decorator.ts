import { applyDecorators, SetMetadata, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { DirectoryAccessLevel } from '@app/domain';
import { ApiErrorBody } from '../http/api-error';
import { DIRECTORY_ACCESS } from './directory-access.metadata';
import { PlatformUserGuard } from './platform-user.guard';

const WHO: Record<DirectoryAccessLevel, string> = {
  environment_user: 'any platform user of the environment',
  environment_administrator: 'an environment administrator',
  organisation_administrator: 'an environment administrator or an administrator of the organisation',
};

/**
 * Says who may call an environment's endpoint, and makes it so: a platform access token, a user of
 * the environment in the path (`:id`), and the level of access the SPEC gives the action.
 */
export function DirectoryAccess(level: DirectoryAccessLevel): MethodDecorator {
  return applyDecorators(
    SetMetadata(DIRECTORY_ACCESS, level),
    UseGuards(PlatformUserGuard),
    ApiBearerAuth('platform-token'),
    ApiUnauthorizedResponse({
      type: ApiErrorBody,
      description: 'No token, an expired or invalid one, or a deactivated user',
    }),
    ApiNotFoundResponse({
      type: ApiErrorBody,
      description: 'Not an environment of this user, or an unknown item in it',
    }),
    ...(level === 'environment_user'
      ? []
      : [ApiForbiddenResponse({ type: ApiErrorBody, description: `Only ${WHO[level]} may do this` })]),
  );
}
