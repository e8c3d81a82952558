import { randomBytes, randomInt } from 'node:crypto';

/** A random secret of `bytes` bytes (default 256 bits), URL-safe: for case links, objection links, sessions. */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** A random numeric code of `digits` digits, leading zeros kept. */
export function randomDigits(digits: number): string {
  return Array.from({ length: digits }, () => randomInt(10).toString()).join('');
}

export { randomBytes };

/** `digits` decimal digits from (at least 8) secret bytes; the modulo bias of 64 bits is negligible. */
export function digitsFrom(bytes: Uint8Array, digits: number): string {
  const value = Buffer.from(bytes).readBigUInt64BE(0) % 10n ** BigInt(digits);
  return value.toString().padStart(digits, '0');
}
