/** Who caused an event on the case's trail. */
export const EVENT_ACTOR_TYPES = ['requester', 'agent', 'system', 'environment_user'] as const;
export type EventActorType = (typeof EVENT_ACTOR_TYPES)[number];

/** The kinds of event on a case's append-only trail. */
export const CASE_EVENT_TYPES = [
  'case_submitted',
  'environment_matched',
  'environment_not_matched',
  'case_link_sent',
  'case_confirmed',
  'email_code_sent',
  'email_code_rejected',
  'email_code_exhausted',
  'email_code_verified',
  'extract_requested',
  'document_uploaded',
  'document_analysed',
  'document_refused',
  'environment_linked',
  'review_started',
  'review_overdue',
  'case_approved',
  'case_rejected',
  'document_requested',
  'cooling_off_started',
  'objection_raised',
  'appointment_started',
  'administrator_appointed',
  'case_completed',
  'case_cancelled',
  'case_expired',
] as const;
export type CaseEventType = (typeof CASE_EVENT_TYPES)[number];

/** Events the requester may see on their own case page (the rest is for staff). */
export const REQUESTER_VISIBLE_EVENTS: ReadonlySet<CaseEventType> = new Set([
  'case_submitted',
  'case_link_sent',
  'case_confirmed',
  'email_code_sent',
  'email_code_rejected',
  'email_code_exhausted',
  'email_code_verified',
  'extract_requested',
  'document_uploaded',
  'document_analysed',
  'document_refused',
  'review_started',
  'case_approved',
  'case_rejected',
  'document_requested',
  'cooling_off_started',
  'objection_raised',
  'administrator_appointed',
  'case_completed',
  'case_cancelled',
  'case_expired',
]);
