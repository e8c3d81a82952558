/** Who caused an event on the case's trail. */
export const EVENT_ACTOR_TYPES = ['requester', 'agent', 'system', 'environment_user'] as const;
export type EventActorType = (typeof EVENT_ACTOR_TYPES)[number];

/** The kinds of event on a case's append-only trail. */
export const CASE_EVENT_TYPES = ['case_submitted', 'case_link_sent', 'case_expired'] as const;
export type CaseEventType = (typeof CASE_EVENT_TYPES)[number];

/** Events the requester may see on their own case page (the rest is for staff). */
export const REQUESTER_VISIBLE_EVENTS: ReadonlySet<CaseEventType> = new Set([
  'case_submitted',
  'case_link_sent',
  'case_expired',
]);
