/** The states of a recovery case (SPEC section 5). */
export const CASE_STATUSES = [
  'awaiting_confirmation',
  'awaiting_email_code',
  'awaiting_document',
  'analysing_document',
  'awaiting_review',
  'cooling_off',
  'appointing',
  'completed',
  'rejected',
  'expired',
  'cancelled',
] as const;

export type CaseStatus = (typeof CASE_STATUSES)[number];

export const FINAL_CASE_STATUSES: ReadonlySet<CaseStatus> = new Set([
  'completed',
  'rejected',
  'expired',
  'cancelled',
]);

export function isFinalStatus(status: CaseStatus): boolean {
  return FINAL_CASE_STATUSES.has(status);
}

export function isCaseStatus(value: string): value is CaseStatus {
  return (CASE_STATUSES as readonly string[]).includes(value);
}
