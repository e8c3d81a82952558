// One rule for every address the service takes (intake, directory, staff, import, command line): the plain
// form people type, and nothing that a mail header or a reader could take for something else.

/** The longest address a mail path allows (RFC 5321: 256 octets with the angle brackets). */
export const MAX_EMAIL_LENGTH = 254;
const MAX_LOCAL_PART_LENGTH = 64;

// A dot-atom local part (RFC 5322 atext, no quoted strings, no comments): a quoted local part such as
// `"ceo@acme.example"@attacker.example` reads as someone else's address in a list of recipients.
const LOCAL_PART = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
// Host names only (no address literals), each label 1–63 letters, digits or inner hyphens, a letter TLD.
const DOMAIN_LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
const TOP_LEVEL = /^[A-Za-z]{2,63}$/;

/**
 * Whether `value` is an address in the strict form: `local@domain`, ASCII, a dot-atom local part of at most
 * 64 characters, a host name with a top-level domain of letters, 254 characters at most. Refused: quoted
 * local parts, comments, address literals, control characters (a CR/LF would start a new mail header),
 * spaces, and more than one `@`.
 */
export function isStrictEmailAddress(value: string): boolean {
  if (value.length > MAX_EMAIL_LENGTH) return false;
  const at = value.lastIndexOf('@');
  if (at <= 0 || value.indexOf('@') !== at) return false;
  const local = value.slice(0, at);
  const domain = value.slice(at + 1);
  if (local.length > MAX_LOCAL_PART_LENGTH || !LOCAL_PART.test(local)) return false;
  const labels = domain.split('.');
  if (labels.length < 2 || domain.length > 253) return false;
  return labels.every((label) => DOMAIN_LABEL.test(label)) && TOP_LEVEL.test(labels.at(-1) ?? '');
}
