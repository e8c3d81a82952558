/** Who caused an event on the case's trail. */
export const EVENT_ACTOR_TYPES = ['requester', 'agent', 'system', 'environment_user'] as const;
export type EventActorType = (typeof EVENT_ACTOR_TYPES)[number];

/**
 * The kinds of event on a case's append-only trail, and who may read each: the requester on their own case
 * page, or staff only. A new kind does not compile until its audience is said.
 */
const EVENT_AUDIENCES = {
  case_submitted: 'requester',
  environment_matched: 'staff',
  environment_not_matched: 'staff',
  case_link_sent: 'requester',
  case_confirmed: 'requester',
  email_code_sent: 'requester',
  email_code_rejected: 'requester',
  email_code_exhausted: 'requester',
  email_code_verified: 'requester',
  extract_requested: 'requester',
  document_uploaded: 'requester',
  document_analysed: 'requester',
  document_refused: 'requester',
  environment_linked: 'staff',
  review_started: 'requester',
  review_overdue: 'staff',
  case_approved: 'requester',
  case_rejected: 'requester',
  document_requested: 'requester',
  cooling_off_started: 'requester',
  objection_raised: 'requester',
  appointment_started: 'staff',
  administrator_appointed: 'requester',
  case_completed: 'requester',
  case_cancelled: 'requester',
  case_expired: 'requester',
  // A step failed for a reason no retry mends (its name and a reason code); support retries or closes.
  attention_needed: 'staff',
  step_retried: 'staff',
  // A step that failed after the case had ended (a last mail): recorded, and the managers are told.
  step_failed: 'staff',
  case_closed: 'requester',
  // The requester's own address refused the access link for good: the case is closed.
  access_link_refused: 'staff',
} as const satisfies Record<string, 'requester' | 'staff'>;

export type CaseEventType = keyof typeof EVENT_AUDIENCES;
export const CASE_EVENT_TYPES = Object.keys(EVENT_AUDIENCES) as CaseEventType[];

/** The kinds of event the requester may see. */
export type RequesterEventType = {
  [K in CaseEventType]: (typeof EVENT_AUDIENCES)[K] extends 'requester' ? K : never;
}[CaseEventType];

export function isRequesterVisible(type: CaseEventType): type is RequesterEventType {
  return EVENT_AUDIENCES[type] === 'requester';
}

/** Events the requester may see on their own case page (the rest is for staff). */
export const REQUESTER_VISIBLE_EVENTS: ReadonlySet<RequesterEventType> = new Set(
  CASE_EVENT_TYPES.filter(isRequesterVisible),
);
