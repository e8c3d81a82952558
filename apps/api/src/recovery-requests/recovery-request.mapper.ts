import { nextStepFor } from '@app/domain';
import type { CaseEntity, CaseEventEntity } from '@app/persistence';
import type { RecoveryRequestStatusDto } from './dto/recovery-request-status.dto';

export function toRecoveryRequestStatus(
  kase: CaseEntity,
  events: readonly CaseEventEntity[],
): RecoveryRequestStatusDto {
  return {
    reference: kase.reference,
    status: kase.status,
    nextStep: nextStepFor(kase.status),
    method: kase.method,
    createdAt: kase.createdAt.toISOString(),
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
    events: events.map((event) => ({ type: event.type, at: event.occurredAt.toISOString() })),
  };
}
