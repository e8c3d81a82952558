/** The kinds of case the traffic makes, each ending in a known state. */
export const CASE_KINDS = [
  /** The email method: the mailed code, approval, the cooling-off, the appointment. */
  'email_approved',
  /** The extract method: a readable extract uploaded, approval, the cooling-off, the appointment. */
  'extract_approved',
  /** The email method, rejected by the agent. */
  'rejected',
  /** The email method; the requester cancels while the case waits for the agent. */
  'cancelled',
  /** The email method, approved; someone objects through a cooling-off notice; the agent then rejects. */
  'objected',
  /** The extract method; the agent asks for another document, which is uploaded, then approves. */
  'document_requested',
] as const;

export type CaseKind = (typeof CASE_KINDS)[number];

/** Where each kind of case ends. */
export const EXPECTED_END = {
  email_approved: 'completed',
  extract_approved: 'completed',
  rejected: 'rejected',
  cancelled: 'cancelled',
  objected: 'rejected',
  document_requested: 'completed',
} as const satisfies Record<CaseKind, string>;

// Every kind in the first six (so a warm-up of six meets each), then more of the common ones: of ten
// cases, three by email approved, two by extract approved, two rejected, one each of the rest.
const MIX: readonly CaseKind[] = [
  ...CASE_KINDS,
  'email_approved',
  'extract_approved',
  'email_approved',
  'rejected',
];

/** The kind of case number `index`: the same for the same index in every run. */
export function caseKindOf(index: number): CaseKind {
  return MIX[index % MIX.length] ?? 'email_approved';
}
