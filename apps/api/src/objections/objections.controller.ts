import { Body, Controller, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBadRequestResponse, ApiNotFoundResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrorBody } from '../http/api-error';
import { Public } from '../http/public.decorator';
import { ObjectionReceivedDto } from './dto/objection-received.dto';
import { ObjectionDto } from './dto/objection.dto';
import { ObjectionsService } from './objections.service';

@ApiTags('objections')
@Controller('api/objections')
export class ObjectionsController {
  constructor(private readonly objections: ObjectionsService) {}

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
