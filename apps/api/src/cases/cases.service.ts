import { Injectable } from '@nestjs/common';
import { caseSearchFor, DomainError } from '@app/domain';
import {
  CaseDocumentRepository,
  CaseEventRepository,
  CaseQueryRepository,
  CaseRepository,
  EnvironmentRepository,
  MailDeliveryRepository,
  OrganisationMembershipRepository,
  OrganisationRepository,
  UserRepository,
  type CaseEntity,
} from '@app/persistence';
import { decodeCaseCursor, encodeCaseCursor } from './case-cursor';
import { toCaseDetailDto, toCaseEnvironmentDto, toCaseSummaryDto } from './cases.mapper';
import type { CaseDetailDto, CaseEnvironmentDto, CaseListDto } from './dto/case-responses.dto';
import { DEFAULT_PAGE_SIZE, type ListCasesQueryDto } from './dto/list-cases-query.dto';
import { NO_DOCUMENT, NO_SUCH_CASE, noDocumentNumbered } from './not-found-messages';

/** An uploaded extract, ready to be sent under a name of our making. */
export interface CaseDocumentFile {
  filename: string;
  content: Buffer;
}

/** The staff's view of cases: the queue, one case with everything the agent decides on, its extract. */
@Injectable()
export class CasesService {
  constructor(
    private readonly queries: CaseQueryRepository,
    private readonly cases: CaseRepository,
    private readonly documents: CaseDocumentRepository,
    private readonly events: CaseEventRepository,
    private readonly deliveries: MailDeliveryRepository,
    private readonly environments: EnvironmentRepository,
    private readonly users: UserRepository,
    private readonly organisations: OrganisationRepository,
    private readonly memberships: OrganisationMembershipRepository,
  ) {}

  /** One page of the queue; one row more than asked tells whether there is a next page, without a COUNT. */
  async list(query: ListCasesQueryDto): Promise<CaseListDto> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const rows = await this.queries.listQueue({
      statuses: query.status,
      overdue: query.overdue,
      method: query.method,
      search: query.q === undefined ? undefined : caseSearchFor(query.q),
      after: query.cursor === undefined ? undefined : decodeCaseCursor(query.cursor),
      take: limit + 1,
    });
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return {
      items: items.map(toCaseSummaryDto),
      nextCursor: rows.length > limit && last ? encodeCaseCursor(last.position) : null,
    };
  }

  async detail(reference: string): Promise<CaseDetailDto> {
    const kase = await this.caseOf(reference);
    const [documents, events, deliveries, environment] = await Promise.all([
      this.documents.listForCase(kase.id),
      this.events.listForCase(kase.id),
      this.deliveries.listForCase(kase.id),
      this.environmentNow(kase),
    ]);
    // The agent decides on the most recent extract that was read.
    const findings = documents.filter((document) => document.status === 'analysed').at(-1)?.findings ?? null;
    return toCaseDetailDto(kase, { findings, documents, events, deliveries, environment }, new Date());
  }

  /** The given upload, or the most recent; named after the case, never after the requester's file. */
  async document(reference: string, sequence?: number): Promise<CaseDocumentFile> {
    const kase = await this.caseOf(reference);
    const documents = await this.documents.listForCase(kase.id);
    const document =
      sequence === undefined
        ? documents.at(-1)
        : documents.find((candidate) => candidate.sequence === sequence);
    const content = document && (await this.documents.contentOf(document.id));
    if (!document || !content) {
      throw new DomainError('not_found', sequence === undefined ? NO_DOCUMENT : noDocumentNumbered(sequence));
    }
    return { filename: `${kase.reference}-${document.sequence}.pdf`, content };
  }

  private async caseOf(reference: string): Promise<CaseEntity> {
    const kase = await this.cases.findByReference(reference);
    if (!kase) throw new DomainError('not_found', NO_SUCH_CASE);
    return kase;
  }

  private async environmentNow(kase: CaseEntity): Promise<CaseEnvironmentDto | null> {
    if (kase.environmentId === null) return null;
    const environmentId = kase.environmentId;
    const [environment, users, memberships, organisations, activeAdministrators] = await Promise.all([
      this.environments.findById(environmentId),
      this.users.listForEnvironment(environmentId),
      this.memberships.listForEnvironment(environmentId),
      this.organisations.listForEnvironment(environmentId),
      this.users.countActiveAdministrators(environmentId),
    ]);
    if (!environment) return null;
    return toCaseEnvironmentDto(
      { environment, users, memberships, organisations, activeAdministrators },
      kase.matchedOrganisationIds,
    );
  }
}
