import { createParamDecorator, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { PinoLogger } from 'nestjs-pino';
import { DomainError, hasStaffAccess, type StaffRole } from '@app/domain';
import { StaffSessionRepository } from '@app/persistence';
import { SecretHasher } from '@app/secrets';
import type { SignedInStaff } from './signed-in-staff';
import { STAFF_ACCESS } from './staff-access.metadata';
import { StaffSessionCookie } from './staff-session-cookie';

type RequestWithStaff = FastifyRequest & { staff?: SignedInStaff };

const SIGN_IN_AGAIN = 'Sign in to the console again.';

/**
 * Lets a staff member in: a session token (cookie or bearer) whose keyed hash names a session that has
 * not expired, of an account that is still active, with the role the route asks for. The account is read
 * on every request, so a deactivation or a change of role counts at once.
 */
@Injectable()
export class StaffGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: StaffSessionRepository,
    private readonly hasher: SecretHasher,
    private readonly cookie: StaffSessionCookie,
    private readonly logger: PinoLogger,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const level = this.reflector.getAllAndOverride<StaffRole | undefined>(STAFF_ACCESS, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!level) throw new Error('StaffGuard used on a route without @StaffAccess');
    const request = context.switchToHttp().getRequest<RequestWithStaff>();

    const token = this.cookie.tokenOf(request);
    if (!token) {
      throw new DomainError(
        'unauthenticated',
        'Sign in to the console first: send the session cookie or "Authorization: Bearer <token>".',
      );
    }
    // The lookup is by keyed hash: nothing about the token is compared byte by byte.
    const tokenHash = this.hasher.hash('staff_session', token);
    const session = await this.sessions.findWithStaff(tokenHash);
    if (!session) throw new DomainError('unauthenticated', `Your session is not valid. ${SIGN_IN_AGAIN}`);
    if (session.expired) {
      throw new DomainError('unauthenticated', `Your session has expired. ${SIGN_IN_AGAIN}`);
    }
    const { id, email, name, role, active } = session.staff;
    this.logger.assign({ staffId: id });
    if (!active) throw new DomainError('unauthenticated', 'Your staff account is deactivated.');
    if (!hasStaffAccess(role, level)) throw new DomainError('forbidden', 'Only a manager may do this.');
    if (!session.seenRecently) await this.sessions.touch(tokenHash);
    request.staff = { id, email, name, role };
    return true;
  }
}

/** The staff member `StaffGuard` let in: `{ id, email, name, role }`. */
export const CurrentStaff = createParamDecorator((_: unknown, context: ExecutionContext): SignedInStaff => {
  const staff = context.switchToHttp().getRequest<RequestWithStaff>().staff;
  if (!staff) throw new Error('CurrentStaff used on a route without @StaffAccess');
  return staff;
});
