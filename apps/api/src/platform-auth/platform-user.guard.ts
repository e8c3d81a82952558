import { createParamDecorator, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { PinoLogger } from 'nestjs-pino';
import { DomainError, hasDirectoryAccess, type DirectoryAccessLevel, type DirectoryActor } from '@app/domain';
import { OrganisationMembershipRepository, UserRepository } from '@app/persistence';
import { bearerTokenOf } from '../http/bearer-token';
import { NO_SUCH_ENVIRONMENT } from '../environments/not-found-messages';
import { DIRECTORY_ACCESS } from './directory-access.metadata';
import { PlatformTokenVerifier } from './platform-token.verifier';

type RequestWithActor = FastifyRequest & { platformActor?: DirectoryActor };

const FORBIDDEN: Record<Exclude<DirectoryAccessLevel, 'environment_user'>, string> = {
  environment_administrator: 'Only an administrator of this environment may do this.',
  organisation_administrator:
    "Only an administrator of this environment or of this organisation may change the organisation's members.",
};

/**
 * Lets a platform user in: a valid token, a user who exists and is not deactivated, of the environment
 * in the path, with the access the route asks for. Roles come from the database on every request, so a
 * promotion or demotion counts on the very next one.
 */
@Injectable()
export class PlatformUserGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: PlatformTokenVerifier,
    private readonly users: UserRepository,
    private readonly memberships: OrganisationMembershipRepository,
    private readonly logger: PinoLogger,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const level = this.reflector.get<DirectoryAccessLevel | undefined>(
      DIRECTORY_ACCESS,
      context.getHandler(),
    );
    if (!level) throw new Error('PlatformUserGuard used on a route without @DirectoryAccess');
    const request = context.switchToHttp().getRequest<RequestWithActor>();

    const token = bearerTokenOf(request);
    if (!token) {
      throw new DomainError(
        'unauthenticated',
        'Sign in to eConnect: send your access token as "Authorization: Bearer".',
      );
    }
    const userId = await this.tokens.userIdFrom(token);
    const user = await this.users.findById(userId);
    if (!user)
      throw new DomainError('unauthenticated', 'The access token is not valid. Sign in to eConnect again.');
    if (user.status === 'deactivated') {
      throw new DomainError(
        'unauthenticated',
        'Your account is deactivated. Ask an administrator of your environment.',
      );
    }
    // The identity provider issues a token only once the invitee has set up their login: this is it.
    if (user.status === 'invited' && (await this.users.activateInvited(user.id))) user.status = 'active';

    const { id: environmentId, orgId } = request.params as { id?: string; orgId?: string };
    // Same answer for an environment that does not exist and one of another customer: nothing to discover.
    if (environmentId?.toLowerCase() !== user.environmentId)
      throw new DomainError('not_found', NO_SUCH_ENVIRONMENT);

    const actor: DirectoryActor = {
      userId: user.id,
      environmentId: user.environmentId,
      role: user.role,
      status: user.status,
      administeredOrganisationIds: new Set(
        level === 'organisation_administrator'
          ? await this.memberships.administeredOrganisationIds(user.id)
          : [],
      ),
    };
    this.logger.assign({ platformUserId: user.id, environmentId: user.environmentId });
    if (level !== 'environment_user' && !hasDirectoryAccess(actor, level, orgId?.toLowerCase())) {
      throw new DomainError('forbidden', FORBIDDEN[level]);
    }
    request.platformActor = actor;
    return true;
  }
}

/** The platform user `PlatformUserGuard` let in. */
export const PlatformActor = createParamDecorator((_: unknown, context: ExecutionContext): DirectoryActor => {
  const actor = context.switchToHttp().getRequest<RequestWithActor>().platformActor;
  if (!actor) throw new Error('PlatformActor used on a route without @DirectoryAccess');
  return actor;
});
