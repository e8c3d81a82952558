import { isActionAllowed, requesterAllowances } from '@app/domain';
import type { CaseDocumentEntity, CaseEmailCodeEntity, CaseEntity, CaseEventEntity } from '@app/persistence';
import type { RequesterAllowancesDto } from './dto/recovery-request-status.dto';

/**
 * What the requester may still do, read from the case's rows and counted with the limits stored on the
 * case, as the workflow counts them (its validators have the last word).
 */
export function requesterAllowancesOf(
  kase: Pick<CaseEntity, 'status' | 'maxUploads' | 'maxCodeResends'>,
  codes: readonly CaseEmailCodeEntity[],
  documents: readonly CaseDocumentEntity[],
  events: readonly CaseEventEntity[],
  now = new Date(),
): RequesterAllowancesDto {
  const latestCode = codes.at(-1);
  const lastRequest = events.filter((event) => event.type === 'document_requested').at(-1);
  const { codeResendsLeft, uploadsLeft } = requesterAllowances(kase, {
    codesSent: codes.length,
    uploads: documents.length,
    uploadsWhenDocumentRequested: lastRequest
      ? documents.filter((document) => document.uploadedAt <= lastRequest.occurredAt).length
      : null,
  });
  const codeUsable = isActionAllowed('enter_email_code', kase.status) && latestCode && !latestCode.verifiedAt;
  return {
    codeTriesLeft: codeUsable && latestCode.expiresAt > now ? latestCode.attemptsLeft : codeUsable ? 0 : null,
    codeExpiresAt: codeUsable ? latestCode.expiresAt.toISOString() : null,
    codeResendsLeft,
    uploadsLeft,
    canCancel: isActionAllowed('cancel', kase.status),
  };
}
