import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { ApiErrorBody } from '../http/api-error';
import { Public } from '../http/public.decorator';
import { ObjectionLinkDto } from './dto/objection-link.dto';
import { ObjectionReceivedDto } from './dto/objection-received.dto';
import { ObjectionDto } from './dto/objection.dto';
import { ObjectionsService } from './objections.service';

@ApiTags('objections')
@Controller('api/objections')
export class ObjectionsController {
  constructor(private readonly objections: ObjectionsService) {}

  /** What a link is about (what its notice said), so the page can say it before asking why. */
  @Public()
  @Get(':token')
  @ApiOkResponse({ type: ObjectionLinkDto })
  @ApiNotFoundResponse({ type: ApiErrorBody, description: 'Unknown, used or outdated link' })
  describe(@Param('token') token: string): Promise<ObjectionLinkDto> {
    return this.objections.describe(token);
  }

  /** The mailed link is the credential: whoever holds one of the cooling-off notices may object, once. */
  @Public()
  @Post(':token')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiAcceptedResponse({ type: ObjectionReceivedDto })
  @ApiBadRequestResponse({ type: ApiErrorBody, description: 'No reason given' })
  @ApiNotFoundResponse({ type: ApiErrorBody, description: 'Unknown, used or outdated link' })
  object(@Param('token') token: string, @Body() body: ObjectionDto): Promise<ObjectionReceivedDto> {
    return this.objections.object(token, body.reason);
  }
}
