import { applyDecorators, SetMetadata, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { StaffRole } from '@app/domain';
import { ApiErrorBody } from '../http/api-error';
import { STAFF_ACCESS } from './staff-access.metadata';
import { StaffGuard } from './staff.guard';

/** The OpenAPI security schemes of a staff session (see openapi.ts): the cookie, or its token as bearer. */
export const STAFF_SESSION_COOKIE_SCHEME = 'staff-session';
export const STAFF_SESSION_BEARER_SCHEME = 'staff-session-bearer';

/**
 * Says which staff may call a route (or every route of a controller), and makes it so: `agent` for all
 * staff (agents and managers), `manager` for managers only. The session comes as the cookie set by
 * `POST /api/staff/session` or as `Authorization: Bearer <token>`.
 */
export function StaffAccess(level: StaffRole): ClassDecorator & MethodDecorator {
  return applyDecorators(
    SetMetadata(STAFF_ACCESS, level),
    UseGuards(StaffGuard),
    ApiCookieAuth(STAFF_SESSION_COOKIE_SCHEME),
    ApiBearerAuth(STAFF_SESSION_BEARER_SCHEME),
    ApiUnauthorizedResponse({
      type: ApiErrorBody,
      description: 'No session, an expired or unknown one, or a deactivated account',
    }),
    ...(level === 'manager'
      ? [ApiForbiddenResponse({ type: ApiErrorBody, description: 'Only a manager may do this' })]
      : []),
  );
}
