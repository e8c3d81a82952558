import { isActionAllowed, type CaseStatus } from '@app/domain';
import type { CaseDocumentEntity, CaseEmailCodeEntity, CaseEventEntity } from '@app/persistence';
import type { RequesterAllowancesDto } from './dto/recovery-request-status.dto';

/**
 * What the requester may still do, read from the case's rows (the workflow's validators hold the same
 * limits and have the last word). An agent's request for a new document allows one more upload.
 */
export function requesterAllowances(
  status: CaseStatus,
  limits: { maxUploads: number; maxCodeResends: number },
  codes: readonly CaseEmailCodeEntity[],
  documents: readonly CaseDocumentEntity[],
  events: readonly CaseEventEntity[],
  now = new Date(),
): RequesterAllowancesDto {
  const latestCode = codes.at(-1);
  const lastRequest = events.filter((event) => event.type === 'document_requested').at(-1);
  const uploadedBeforeRequest = lastRequest
    ? documents.filter((document) => document.uploadedAt <= lastRequest.occurredAt).length
    : 0;
  const uploadLimit = lastRequest
    ? Math.max(limits.maxUploads, uploadedBeforeRequest + 1)
    : limits.maxUploads;
  const codeUsable = isActionAllowed('enter_email_code', status) && latestCode && !latestCode.verifiedAt;
  return {
    codeTriesLeft: codeUsable && latestCode.expiresAt > now ? latestCode.attemptsLeft : codeUsable ? 0 : null,
    codeExpiresAt: codeUsable ? latestCode.expiresAt.toISOString() : null,
    codeResendsLeft: Math.max(0, limits.maxCodeResends - Math.max(0, codes.length - 1)),
    uploadsLeft: Math.max(0, uploadLimit - documents.length),
    canCancel: isActionAllowed('cancel', status),
  };
}
