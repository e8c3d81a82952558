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

const TRANSITIONS: Readonly<Record<CaseStatus, readonly CaseStatus[]>> = {
  awaiting_confirmation: ['awaiting_email_code', 'awaiting_document', 'expired', 'cancelled'],
  // An upload while the code waits switches the case to the extract.
  awaiting_email_code: ['awaiting_review', 'awaiting_document', 'analysing_document', 'expired', 'cancelled'],
  awaiting_document: ['analysing_document', 'awaiting_email_code', 'expired', 'cancelled'],
  analysing_document: ['awaiting_review', 'awaiting_document', 'expired', 'cancelled'],
  awaiting_review: ['cooling_off', 'appointing', 'awaiting_document', 'rejected', 'expired', 'cancelled'],
  cooling_off: ['appointing', 'awaiting_review', 'cancelled'],
  appointing: ['completed'],
  completed: [],
  rejected: [],
  expired: [],
  cancelled: [],
};

export function isFinalStatus(status: CaseStatus): boolean {
  return FINAL_CASE_STATUSES.has(status);
}

export function canTransition(from: CaseStatus, to: CaseStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export function isCaseStatus(value: string): value is CaseStatus {
  return (CASE_STATUSES as readonly string[]).includes(value);
}

/** Open states the requester may still cancel (and an agent may still link): all but the appointment. */
export const CANCELLABLE_STATUSES: readonly CaseStatus[] = CASE_STATUSES.filter((status) =>
  canTransition(status, 'cancelled'),
);
