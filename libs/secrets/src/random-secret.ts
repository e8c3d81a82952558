import { randomBytes } from 'node:crypto';

/** A random secret of `bytes` bytes (default 256 bits), URL-safe: for access links, objection links, sessions. */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export { randomBytes };

/**
 * `digits` decimal digits (1 to 18) from at least 8 secret bytes, leading zeros kept; the modulo bias of
 * 64 bits over at most 10^18 values is negligible.
 */
export function digitsFrom(bytes: Uint8Array, digits: number): string {
  if (bytes.length < 8 || !Number.isInteger(digits) || digits < 1 || digits > 18) {
    throw new RangeError(
      `digitsFrom needs at least 8 bytes and 1 to 18 digits (got ${bytes.length}, ${digits})`,
    );
  }
  const value = Buffer.from(bytes).readBigUInt64BE(0) % 10n ** BigInt(digits);
  return value.toString().padStart(digits, '0');
}
