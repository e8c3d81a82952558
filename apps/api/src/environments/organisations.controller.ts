import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post, Put, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { DirectoryActor } from '@app/domain';
import { ApiErrorBody } from '../http/api-error';
import { idParam } from '../http/id-param';
import { DirectoryAccess } from '../platform-auth/directory-access.decorator';
import { PlatformActor } from '../platform-auth/platform-user.guard';
import { CreateOrganisationDto } from './dto/create-organisation.dto';
import {
  MemberDto,
  MemberListDto,
  OrganisationDto,
  OrganisationListDto,
} from './dto/directory-responses.dto';
import { SetMemberDto } from './dto/set-member.dto';
import { NO_SUCH_ORGANISATION, NO_SUCH_USER } from './not-found-messages';
import { OrganisationsService } from './organisations.service';

@ApiTags('environments')
@ApiParam({ name: 'id', description: 'The environment id' })
@Controller('api/environments/:id/organisations')
export class OrganisationsController {
  constructor(private readonly organisations: OrganisationsService) {}

  @Get()
  @DirectoryAccess('environment_user')
  @ApiOkResponse({ type: OrganisationListDto })
  list(@PlatformActor() actor: DirectoryActor): Promise<OrganisationListDto> {
    return this.organisations.list(actor);
  }

  @Post()
  @DirectoryAccess('environment_administrator')
  @ApiCreatedResponse({ type: OrganisationDto })
  @ApiBadRequestResponse({ type: ApiErrorBody })
  @ApiConflictResponse({ type: ApiErrorBody, description: 'The KvK number is already in this environment' })
  create(
    @PlatformActor() actor: DirectoryActor,
    @Body() body: CreateOrganisationDto,
  ): Promise<OrganisationDto> {
    return this.organisations.create(actor, body);
  }

  @Get(':orgId/members')
  @DirectoryAccess('environment_user')
  @ApiOkResponse({ type: MemberListDto })
  members(
    @PlatformActor() actor: DirectoryActor,
    @Param('orgId', idParam(NO_SUCH_ORGANISATION)) orgId: string,
  ): Promise<MemberListDto> {
    return this.organisations.members(actor, orgId);
  }

  @Put(':orgId/members/:userId')
  @DirectoryAccess('organisation_administrator')
  @ApiOkResponse({ type: MemberDto, description: 'The role was changed' })
  @ApiCreatedResponse({ type: MemberDto, description: 'The user was added' })
  @ApiBadRequestResponse({ type: ApiErrorBody })
  async setMember(
    @PlatformActor() actor: DirectoryActor,
    @Param('orgId', idParam(NO_SUCH_ORGANISATION)) orgId: string,
    @Param('userId', idParam(NO_SUCH_USER)) memberId: string,
    @Body() body: SetMemberDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<MemberDto> {
    const { member, created } = await this.organisations.setMember(actor, orgId, memberId, body.role);
    void reply.status(created ? HttpStatus.CREATED : HttpStatus.OK);
    return member;
  }

  @Delete(':orgId/members/:userId')
  @DirectoryAccess('organisation_administrator')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'The user is no longer a member' })
  removeMember(
    @PlatformActor() actor: DirectoryActor,
    @Param('orgId', idParam(NO_SUCH_ORGANISATION)) orgId: string,
    @Param('userId', idParam(NO_SUCH_USER)) memberId: string,
  ): Promise<void> {
    return this.organisations.removeMember(actor, orgId, memberId);
  }
}
