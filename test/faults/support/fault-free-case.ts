// What a case of each kind leaves behind when nothing goes wrong: the events on its trail, and the mails it
// sends, by recipient and purpose. Read off fault-free runs of the traffic (tools/production-stack) and
// the activities; the fault suite holds every run to it.
import { CASE_EVENT_TYPES, type CaseEventType } from '@app/domain';
import { EXPECTED_END, type CaseKind } from '../../../tools/production-stack/case-kinds';

/** How many events of a type the trail has: exactly `min` when `max` is the same. */
interface EventCount {
  min: number;
  max: number;
}

const once: EventCount = { min: 1, max: 1 };
const twice: EventCount = { min: 2, max: 2 };

const byEmail = (kind: CaseKind): boolean =>
  kind === 'email_approved' || kind === 'rejected' || kind === 'cancelled' || kind === 'objected';

export const isApproved = (kind: CaseKind): boolean => EXPECTED_END[kind] === 'completed';

/** The trail of a fault-free case of `kind`: every event type, with how many of it (0 for most). */
export function faultFreeTrail(kind: CaseKind): Map<CaseEventType, EventCount> {
  const trail = new Map<CaseEventType, EventCount>(
    CASE_EVENT_TYPES.map((type) => [type, { min: 0, max: 0 }]),
  );
  const set = (type: CaseEventType, count: EventCount): void => void trail.set(type, count);
  for (const type of ['case_submitted', 'environment_matched', 'case_link_sent', 'case_confirmed'] as const) {
    set(type, once);
  }
  const reviews = kind === 'objected' || kind === 'document_requested' ? twice : once;
  set('review_started', reviews);
  if (byEmail(kind)) {
    // The traffic enters the first code and never asks for another.
    set('email_code_sent', once);
    set('email_code_verified', once);
  } else {
    set('document_uploaded', kind === 'document_requested' ? twice : once);
    set('document_analysed', kind === 'document_requested' ? twice : once);
  }
  if (isApproved(kind)) {
    for (const type of [
      'case_approved',
      'cooling_off_started',
      'appointment_started',
      'administrator_appointed',
      'case_completed',
    ] as const) {
      set(type, once);
    }
  }
  switch (kind) {
    case 'rejected':
      set('case_rejected', once);
      break;
    case 'cancelled':
      set('case_cancelled', once);
      break;
    case 'objected':
      set('case_approved', once);
      // The objection may come (through the first notice) before the appointment time is set.
      set('cooling_off_started', { min: 0, max: 1 });
      set('objection_raised', once);
      set('case_rejected', once);
      break;
    case 'document_requested':
      set('document_requested', once);
      break;
    case 'email_approved':
    case 'extract_approved':
      break;
  }
  return trail;
}

/** The addresses a case's mails go to, read from the directory as the activities read it. */
export interface CaseAddresses {
  requester: string;
  /** The environment's contact, its organisations' contacts and its administrators: the code, the notices. */
  known: readonly string[];
  /** The environment's active users: the notices, the appointment's notices. */
  active: readonly string[];
  /** Who a code goes to (the domain's codeRecipients over the known addresses). */
  codeRecipients: readonly string[];
}

/** One mail a fault-free case sends: to whom, and its purpose (the Message-ID's, without the address key). */
export interface ExpectedMail {
  recipient: string;
  purpose: string;
  /** Sent in a fault-free run; a fault may leave it out without harm (a notice of a round objected to). */
  optional?: boolean;
}

/** The mails a fault-free case of `kind` sends. */
export function faultFreeMails(kind: CaseKind, addresses: CaseAddresses): ExpectedMail[] {
  const { requester } = addresses;
  const others = (list: readonly string[]): string[] => {
    const unique = new Map(list.map((email) => [email.toLowerCase(), email.toLowerCase()]));
    unique.delete(requester.toLowerCase());
    return [...unique.values()];
  };
  const toRequester = (purpose: string): ExpectedMail => ({ recipient: requester.toLowerCase(), purpose });
  const mails: ExpectedMail[] = [toRequester('case-link')];
  if (byEmail(kind)) {
    mails.push(
      ...others(addresses.codeRecipients).map((recipient) => ({ recipient, purpose: 'email-code-1' })),
    );
  }
  if (isApproved(kind) || kind === 'objected') {
    // A notice not sent yet when the objection came is not sent at all: nothing is left to object to.
    const optional = kind === 'objected';
    mails.push(
      ...others([...addresses.known, ...addresses.active]).map((recipient) => ({
        recipient,
        purpose: 'cooling-off-1',
        ...(optional ? { optional } : {}),
      })),
    );
  }
  if (isApproved(kind)) {
    mails.push(toRequester('administrator-appointed'), toRequester('invitation'));
    mails.push(
      ...others(addresses.active).map((recipient) => ({ recipient, purpose: 'appointment-notice' })),
    );
  }
  switch (kind) {
    case 'rejected':
      mails.push(toRequester('case-rejected'));
      break;
    case 'cancelled':
      mails.push(toRequester('case-cancelled'));
      break;
    case 'objected':
      mails.push(toRequester('case-rejected'), toRequester('objection-received'));
      break;
    case 'document_requested':
      mails.push(toRequester('document-requested'));
      break;
    case 'email_approved':
    case 'extract_approved':
      break;
  }
  return mails;
}

/**
 * A Message-ID's purpose: `<cooling-off-1-4f1c….<case id>@host>` is `cooling-off-1`, the address key (16
 * hex digits) and the key after the dot left out. Undefined for an id not made by the service.
 */
export function purposeOf(messageId: string | undefined): string | undefined {
  const purpose = /^<([a-z0-9-]+)\./.exec(messageId ?? '')?.[1];
  return purpose?.replace(/-[0-9a-f]{16}$/, '');
}
