import { nextStepFor } from '@app/domain';
import type { CaseDocumentEntity, CaseEntity, CaseEventEntity } from '@app/persistence';
import type {
  RecoveryRequestStatusDto,
  RequesterAllowancesDto,
  RequesterEventDto,
} from './dto/recovery-request-status.dto';

// Only these details of an event are meant for the requester's eyes.
const REQUESTER_MESSAGES: Partial<Record<string, string>> = {
  document_refused: 'message',
  case_rejected: 'reason',
  document_requested: 'reason',
};

function toRequesterEvent(event: CaseEventEntity): RequesterEventDto {
  const key = REQUESTER_MESSAGES[event.type];
  const message = key ? event.details[key] : undefined;
  return {
    type: event.type,
    at: event.occurredAt.toISOString(),
    ...(typeof message === 'string' ? { message } : {}),
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
    submitted: {
      requesterName: kase.requesterName,
      requesterEmail: kase.requesterEmail,
      requesterPhone: kase.requesterPhone,
      companyName: kase.companyName,
      kvkNumber: kase.kvkNumber,
      environmentReference: kase.environmentReference,
      formerAdminEmail: kase.formerAdminEmail,
      message: kase.message,
    },
    events: events.map(toRequesterEvent),
  };
}
