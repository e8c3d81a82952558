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
 * Never the requester's own (that would prove only that they read their mail), never a user who is not
 * active (a dismissed administrator asking from their old address), and never a free-mail address (anyone
 * can own one) unless it is the environment's own registered contact address. Deduplicated regardless of
 * case, sorted.
 */
export function codeRecipients(known: readonly KnownAddress[], requesterEmail: string): string[] {
  const requester = requesterEmail.trim().toLowerCase();
  const chosen = new Map<string, string>();
  for (const address of known) {
    const key = address.email.trim().toLowerCase();
    if (key === requester || !address.active) continue;
    if (address.source !== 'environment_contact' && isFreeMailAddress(key)) continue;
    if (!chosen.has(key)) chosen.set(key, address.email);
  }
  return [...chosen.keys()].sort().map((key) => chosen.get(key) ?? key);
}
