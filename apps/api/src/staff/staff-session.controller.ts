import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Post, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiErrorBody } from '../http/api-error';
import { Public } from '../http/public.decorator';
import type { SignedInStaff } from '../staff-auth/signed-in-staff';
import { StaffAccess } from '../staff-auth/staff-access.decorator';
import { StaffSessionCookie } from '../staff-auth/staff-session-cookie';
import { CurrentStaff } from '../staff-auth/staff.guard';
import { SignInDto } from './dto/sign-in.dto';
import { CurrentStaffSessionDto, StaffSessionDto } from './dto/staff-session.dto';
import { StaffSessionService } from './staff-session.service';
import { toStaffDto, toStaffSessionDto } from './staff.mapper';

@ApiTags('staff')
@Controller('api/staff/session')
export class StaffSessionController {
  constructor(
    private readonly sessions: StaffSessionService,
    private readonly cookie: StaffSessionCookie,
  ) {}

  /** Signs a staff member in: the session comes back as a cookie and, for API clients, as a token. */
  @Public()
  @Post()
  @HttpCode(HttpStatus.CREATED)
  @ApiCreatedResponse({ type: StaffSessionDto, description: 'Signed in; the session cookie is set' })
  @ApiBadRequestResponse({ type: ApiErrorBody })
  @ApiUnauthorizedResponse({ type: ApiErrorBody, description: 'Wrong address or password, or deactivated' })
  @ApiTooManyRequestsResponse({
    type: ApiErrorBody,
    description: 'Ten failed sign-ins for the address within 15 minutes: wait',
  })
  async signIn(
    @Body() body: SignInDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StaffSessionDto> {
    const session = await this.sessions.signIn(body.email, body.password);
    this.cookie.set(reply, session.token, session.expiresAt);
    return toStaffSessionDto(session);
  }

  /** Who is signed in: the console asks on load whether its cookie still holds a session. */
  @Get()
  @StaffAccess('agent')
  @ApiOkResponse({ type: CurrentStaffSessionDto })
  current(@CurrentStaff() staff: SignedInStaff): CurrentStaffSessionDto {
    return { staff: toStaffDto(staff) };
  }

  // Public so that an expired session can still be signed out of: it only ever ends the session it names.
  @Public()
  @Delete()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Signed out; the session cookie is cleared' })
  async signOut(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    await this.sessions.signOut(this.cookie.tokenOf(request));
    this.cookie.clear(reply);
  }
}
