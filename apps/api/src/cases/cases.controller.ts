import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiParam,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiErrorBody } from '../http/api-error';
import { StaffAccess } from '../staff-auth/staff-access.decorator';
import { CaseReferencePipe } from './case-reference.pipe';
import { CasesService } from './cases.service';
import { CaseDocumentQueryDto } from './dto/case-document-query.dto';
import { CaseDetailDto, CaseListDto } from './dto/case-responses.dto';
import { ListCasesQueryDto } from './dto/list-cases-query.dto';

@ApiTags('cases')
@StaffAccess('agent')
@Controller('api/cases')
export class CasesController {
  constructor(private readonly cases: CasesService) {}

  /** The queue: newest first, filtered and searched, a page at a time. */
  @Get()
  @ApiOkResponse({ type: CaseListDto })
  @ApiBadRequestResponse({ type: ApiErrorBody, description: 'A filter, cursor or limit that is not valid' })
  list(@Query() query: ListCasesQueryDto): Promise<CaseListDto> {
    return this.cases.list(query);
  }

  /** The case, the findings with their checks, the documents, the trail, and the environment as it is now. */
  @Get(':reference')
  @ApiParam({ name: 'reference', example: 'RC-7KQ4-M2XD' })
  @ApiOkResponse({ type: CaseDetailDto })
  @ApiNotFoundResponse({ type: ApiErrorBody })
  detail(@Param('reference', CaseReferencePipe) reference: string): Promise<CaseDetailDto> {
    return this.cases.detail(reference);
  }

  /** The uploaded PDF, to show beside the findings. */
  @Get(':reference/document')
  @ApiParam({ name: 'reference', example: 'RC-7KQ4-M2XD' })
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'The PDF as it was uploaded' })
  @ApiNotFoundResponse({ type: ApiErrorBody, description: 'No such case, or no such document' })
  async document(
    @Param('reference', CaseReferencePipe) reference: string,
    @Query() query: CaseDocumentQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const file = await this.cases.document(reference, query.sequence);
    // Shown inline as a PDF and nothing else, under our own name, and never kept in a shared cache. Sandboxed
    // with no script and nothing to load: whatever else the file holds (an HTML/PDF polyglot), nothing in it
    // runs as this origin; Chromium's PDF viewer shows it all the same.
    void reply
      .header('content-type', 'application/pdf')
      .header('content-security-policy', "default-src 'none'; sandbox")
      .header('content-disposition', `inline; filename="${file.filename}"`)
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'no-store');
    return file.content;
  }
}
