/** An uploaded extract is received, then either read (with findings) or refused with a message. */
export const DOCUMENT_STATUSES = ['received', 'analysed', 'refused'] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

/** Why a document could not be used; the message for the requester says what to do instead. */
export const DOCUMENT_REFUSAL_REASONS = [
  'encrypted',
  'unreadable',
  'too_many_pages',
  'too_complex',
  'not_an_extract',
] as const;
export type DocumentRefusalReason = (typeof DOCUMENT_REFUSAL_REASONS)[number];
