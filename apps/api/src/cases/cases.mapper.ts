import { findingsChecks } from '@app/document-analysis';
import { caseVersion, isCaseStatus, type ExtractFindings } from '@app/domain';
import type {
  CaseDocumentEntity,
  CaseEntity,
  CaseEventEntity,
  CaseQueueRow,
  EnvironmentEntity,
  MailDeliveryEntity,
  OrganisationEntity,
  OrganisationMembershipEntity,
  UserEntity,
} from '@app/persistence';
import { toEnvironmentDto, toOrganisationDto, toUserDtos } from '../environments/directory.mapper';
import { toSubmittedDetails } from '../recovery-requests/recovery-request.mapper';
import type {
  CaseAttentionDto,
  CaseDeliveryDto,
  CaseDetailDto,
  CaseDocumentDto,
  CaseEnvironmentDto,
  CaseEventDto,
  CaseSummaryDto,
} from './dto/case-responses.dto';

const isoOrNull = (date: Date | null): string | null => date?.toISOString() ?? null;

export function toCaseSummaryDto(row: CaseQueueRow): CaseSummaryDto {
  return {
    reference: row.reference,
    status: row.status,
    method: row.method,
    requesterName: row.requesterName,
    requesterEmail: row.requesterEmail,
    companyName: row.companyName,
    kvkNumber: row.kvkNumber,
    environment: row.environment,
    overdue: row.overdue,
    flagged: row.flagged,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    ageMs: row.ageMs,
  };
}

/** The directory as it is now: every user, the administrators among them, organisations marked if they matched. */
export function toCaseEnvironmentDto(
  directory: {
    environment: EnvironmentEntity;
    users: readonly UserEntity[];
    memberships: readonly OrganisationMembershipEntity[];
    organisations: readonly OrganisationEntity[];
    activeAdministrators: number;
  },
  matchedOrganisationIds: readonly string[],
): CaseEnvironmentDto {
  const users = toUserDtos(directory.users, directory.memberships);
  const matched = new Set(matchedOrganisationIds);
  // The directory's own mappers make plain objects; the case's view adds to them.
  return Object.assign(toEnvironmentDto(directory.environment, directory.activeAdministrators), {
    administrators: users.filter((user) => user.role === 'administrator'),
    users,
    organisations: directory.organisations.map((organisation) =>
      Object.assign(toOrganisationDto(organisation), { matched: matched.has(organisation.id) }),
    ),
  });
}

function toCaseDocumentDto(document: CaseDocumentEntity): CaseDocumentDto {
  return {
    id: document.id,
    sequence: document.sequence,
    status: document.status,
    byteSize: document.byteSize,
    pageCount: document.pageCount,
    refusalMessage: document.refusalMessage,
    uploadedAt: document.uploadedAt.toISOString(),
    analysedAt: isoOrNull(document.analysedAt),
  };
}

function toCaseEventDto(event: CaseEventEntity): CaseEventDto {
  return {
    id: event.id,
    type: event.type,
    actorType: event.actorType,
    actorId: event.actorId,
    details: event.details,
    at: event.occurredAt.toISOString(),
  };
}

function toCaseDeliveryDto(delivery: MailDeliveryEntity): CaseDeliveryDto {
  return {
    purpose: delivery.purpose,
    recipient: delivery.recipient,
    messageId: delivery.messageId,
    state: delivery.state,
    attempts: delivery.attempts,
    lastAttemptAt: isoOrNull(delivery.lastAttemptAt),
    sentAt: isoOrNull(delivery.sentAt),
    refusedAt: isoOrNull(delivery.refusedAt),
    withdrawnAt: isoOrNull(delivery.withdrawnAt),
    smtpStatus: delivery.smtpStatus,
    createdAt: delivery.createdAt.toISOString(),
  };
}

/** While the case needs attention: the step of the latest `attention_needed` event, and since when. */
function toCaseAttentionDto(kase: CaseEntity, events: readonly CaseEventEntity[]): CaseAttentionDto | null {
  if (kase.status !== 'needs_attention') return null;
  const latest = events.filter((event) => event.type === 'attention_needed').at(-1);
  if (!latest) return null;
  const { step, reason, from } = latest.details;
  return {
    step: typeof step === 'string' ? step : 'unknown',
    reason: typeof reason === 'string' ? reason : 'unknown',
    from: typeof from === 'string' && isCaseStatus(from) ? from : null,
    since: latest.occurredAt.toISOString(),
  };
}

export function toCaseDetailDto(
  kase: CaseEntity,
  parts: {
    findings: ExtractFindings | null;
    documents: readonly CaseDocumentEntity[];
    events: readonly CaseEventEntity[];
    deliveries: readonly MailDeliveryEntity[];
    environment: CaseEnvironmentDto | null;
  },
  now: Date,
): CaseDetailDto {
  return {
    reference: kase.reference,
    version: caseVersion(parts.events.map(toCaseEventDto)),
    status: kase.status,
    method: kase.method,
    language: kase.language,
    matchKind: kase.matchKind,
    overdue: kase.overdue,
    flagged: kase.flagged,
    reviewDueAt: isoOrNull(kase.reviewDueAt),
    appointAt: isoOrNull(kase.appointAt),
    closedAt: isoOrNull(kase.closedAt),
    createdAt: kase.createdAt.toISOString(),
    updatedAt: kase.updatedAt.toISOString(),
    ageMs: (kase.closedAt ?? now).getTime() - kase.createdAt.getTime(),
    attention: toCaseAttentionDto(kase, parts.events),
    submitted: toSubmittedDetails(kase),
    matchedOrganisationIds: kase.matchedOrganisationIds,
    approvedOrganisationIds: kase.approvedOrganisationIds,
    findings: parts.findings,
    // Judged when read, by today's rules, from findings already whole (the entity's column reads them so).
    findingChecks: parts.findings ? findingsChecks(parts.findings) : [],
    documents: parts.documents.map(toCaseDocumentDto),
    events: parts.events.map(toCaseEventDto),
    deliveries: parts.deliveries.map(toCaseDeliveryDto),
    environment: parts.environment,
  };
}
