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
