/** Free text people write about a case; kept in PostgreSQL so workflow history carries only its id. */
export const CASE_NOTE_KINDS = [
  'rejection_reason',
  'document_request_reason',
  'objection_reason',
  'closure_reason',
] as const;
export type CaseNoteKind = (typeof CASE_NOTE_KINDS)[number];
