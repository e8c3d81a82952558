import type { CaseEventType } from './case-event';

// Events that change nothing an agent decides on: the review's clock running out, a last mail failing.
const VERSION_NEUTRAL_EVENTS: ReadonlySet<CaseEventType> = new Set(['review_overdue', 'step_failed']);

/** An event of the trail as far as its version goes: its id (a bigint, as text) and its type. */
export interface VersionedEvent {
  readonly id: string;
  readonly type: CaseEventType;
}

/**
 * The version of a case that a decision is made on: the id of the latest event on its trail that changes
 * what there is to decide (`'0'` for none). A decision sent with an older version is refused, saying what
 * changed since (`changesSince`): an agent whose page was opened before an objection never approves over it.
 */
export function caseVersion(events: readonly VersionedEvent[]): string {
  let latest = 0n;
  for (const event of events) {
    if (VERSION_NEUTRAL_EVENTS.has(event.type)) continue;
    const id = BigInt(event.id);
    if (id > latest) latest = id;
  }
  return latest.toString();
}

/** The kinds of event that changed the case after `version`, oldest first, each once. */
export function changesSince(events: readonly VersionedEvent[], version: string): CaseEventType[] {
  const since = BigInt(version);
  const changed = [...events]
    .filter((event) => !VERSION_NEUTRAL_EVENTS.has(event.type) && BigInt(event.id) > since)
    .sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1))
    .map((event) => event.type);
  return [...new Set(changed)];
}

/** What a version looks like: the digits of a bigint. */
export const CASE_VERSION_PATTERN = /^\d{1,19}$/;
