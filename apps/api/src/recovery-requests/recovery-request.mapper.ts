import { isRequesterVisible, nextStepFor, type RequesterEventType } from '@app/domain';
import type { CaseDocumentEntity, CaseEntity, CaseEventEntity } from '@app/persistence';
import type {
  RecoveryRequestStatusDto,
  RequesterAllowancesDto,
  RequesterEventDto,
  SubmittedDetailsDto,
} from './dto/recovery-request-status.dto';

// Only these details of an event are meant for the requester's eyes.
const REQUESTER_MESSAGES: Partial<Record<RequesterEventType, string>> = {
  document_refused: 'message',
  case_rejected: 'reason',
  document_requested: 'reason',
  case_closed: 'reason',
};

/** The events meant for the requester, whatever the caller passed: staff-only ones never reach the page. */
function toRequesterEvents(events: readonly CaseEventEntity[]): RequesterEventDto[] {
  return events.flatMap(({ type, details, occurredAt }) => {
    if (!isRequesterVisible(type)) return [];
    const key = REQUESTER_MESSAGES[type];
    const message = key ? details[key] : undefined;
    return [{ type, at: occurredAt.toISOString(), ...(typeof message === 'string' ? { message } : {}) }];
  });
}

/** What the requester sent, for the requester's page and the staff console alike. */
export function toSubmittedDetails(kase: CaseEntity): SubmittedDetailsDto {
  const { requesterName, requesterEmail, requesterPhone, companyName, kvkNumber } = kase;
  const { environmentReference, formerAdminEmail, message } = kase;
  return {
    requesterName,
    requesterEmail,
    requesterPhone,
    companyName,
    kvkNumber,
    environmentReference,
    formerAdminEmail,
    message,
  };
}

export function toRecoveryRequestStatus(
  kase: CaseEntity,
  events: readonly CaseEventEntity[],
  latestDocument: CaseDocumentEntity | null,
  allowances: RequesterAllowancesDto,
): RecoveryRequestStatusDto {
  return {
    reference: kase.reference,
    status: kase.status,
    nextStep: nextStepFor(kase.status),
    method: kase.method,
    language: kase.language,
    createdAt: kase.createdAt.toISOString(),
    appointAt: kase.status === 'cooling_off' ? (kase.appointAt?.toISOString() ?? null) : null,
    allowances,
    latestDocument: latestDocument && {
      sequence: latestDocument.sequence,
      status: latestDocument.status,
      refusalReason: latestDocument.refusalReason,
      refusalMessage: latestDocument.refusalMessage,
    },
    submitted: toSubmittedDetails(kase),
    events: toRequesterEvents(events),
  };
}
