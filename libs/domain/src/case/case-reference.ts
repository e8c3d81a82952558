// Crockford's base32 without I, L, O and U: readable over the phone, no look-alike characters.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const REFERENCE_PATTERN = /^RC-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;

/** Bytes of randomness one reference needs; the caller supplies them so that this stays pure. */
export const CASE_REFERENCE_RANDOM_BYTES = 8;

/** Builds a public case reference such as `RC-7KQ4-M2XD` (40 bits) from random bytes. */
export function caseReferenceFromBytes(bytes: Uint8Array): string {
  if (bytes.length < CASE_REFERENCE_RANDOM_BYTES) {
    throw new RangeError(`a case reference needs ${CASE_REFERENCE_RANDOM_BYTES} random bytes`);
  }
  const chars = Array.from(
    bytes.subarray(0, CASE_REFERENCE_RANDOM_BYTES),
    (byte) => ALPHABET[byte % 32] ?? '0',
  );
  return `RC-${chars.slice(0, 4).join('')}-${chars.slice(4, 8).join('')}`;
}

/** Accepts a reference as people type it: any case, and the look-alikes Crockford's base32 maps back. */
export function normaliseCaseReference(text: string): string | undefined {
  const candidate = text.trim().toUpperCase().replace(/O/g, '0').replace(/[IL]/g, '1');
  return REFERENCE_PATTERN.test(candidate) ? candidate : undefined;
}
