/** The states of a recovery case (SPEC section 5). */
export const CASE_STATUSES = [
  'awaiting_confirmation',
  'awaiting_email_code',
  'awaiting_document',
  'analysing_document',
  'awaiting_review',
  'cooling_off',
  'appointing',
  // A step failed for a reason no retry mends: support retries it or closes the case.
  'needs_attention',
  'completed',
  'rejected',
  'expired',
  'cancelled',
  // Closed by support (with a reason), or by the service when the requester's address refuses mail.
  'closed',
] as const;

export type CaseStatus = (typeof CASE_STATUSES)[number];

const FINAL = [
  'completed',
  'rejected',
  'expired',
  'cancelled',
  'closed',
] as const satisfies readonly CaseStatus[];
export type FinalCaseStatus = (typeof FINAL)[number];

export const FINAL_CASE_STATUSES: ReadonlySet<CaseStatus> = new Set(FINAL);

export function isFinalStatus(status: CaseStatus): boolean {
  return FINAL_CASE_STATUSES.has(status);
}

export function isCaseStatus(value: string): value is CaseStatus {
  return (CASE_STATUSES as readonly string[]).includes(value);
}
