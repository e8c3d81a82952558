import { isFreeMailAddress } from '../free-mail';

/** Where an address known for an environment comes from. */
export type KnownAddressSource = 'environment_contact' | 'organisation_contact' | 'administrator';

/** An address known for an environment before the request: where it is from, whether it is in use. */
export interface KnownAddress {
  readonly email: string;
  readonly source: KnownAddressSource;
  /** False for a user who is deactivated (or not yet active): nobody answers for that mailbox now. */
  readonly active: boolean;
}

/**
 * Who may receive a verification code: only an address whose mailbox proves something about the company.
 * Never the requester's own (that would prove only that they read their mail; a `+tag` makes no other
 * mailbox), never the address of a user who is not active, even where it is also listed as a contact (a
 * dismissed administrator asking from their old address), and never a free-mail address (anyone can own
 * one) unless it is the environment's own registered contact address. Deduplicated regardless of case,
 * sorted.
 */
export function codeRecipients(known: readonly KnownAddress[], requesterEmail: string): string[] {
  const requester = mailboxOf(requesterEmail);
  const inactive = new Set(
    known.filter((address) => !address.active).map((address) => mailboxOf(address.email)),
  );
  const chosen = new Map<string, string>();
  for (const address of known) {
    const key = address.email.trim().toLowerCase();
    const mailbox = mailboxOf(key);
    if (mailbox === requester || inactive.has(mailbox)) continue;
    if (address.source !== 'environment_contact' && isFreeMailAddress(key)) continue;
    if (!chosen.has(key)) chosen.set(key, address.email);
  }
  return [...chosen.keys()].sort().map((key) => chosen.get(key) ?? key);
}

/** The mailbox an address reaches: lower-cased, without a `+tag` (`info+x@acme.nl` is `info@acme.nl`). */
function mailboxOf(email: string): string {
  const address = email.trim().toLowerCase();
  const at = address.lastIndexOf('@');
  const local = address.slice(0, at);
  const plus = local.indexOf('+');
  return plus > 0 ? `${local.slice(0, plus)}${address.slice(at)}` : address;
}
