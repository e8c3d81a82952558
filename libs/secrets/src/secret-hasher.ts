import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

/** What a hashed secret is for; each purpose has its own key, so a hash never matches across purposes. */
export type SecretPurpose = 'case_token' | 'email_code' | 'objection_token' | 'staff_session';

/**
 * Keyed hashes (HMAC-SHA-256) of short-lived secrets. Tokens and codes are stored only this way;
 * the key comes from SECRET_KEY, so a copy of the database alone cannot test guesses.
 */
export class SecretHasher {
  private readonly keys = new Map<SecretPurpose, Buffer>();

  constructor(private readonly secretKey: string) {}

  hash(purpose: SecretPurpose, secret: string): Buffer {
    return createHmac('sha256', this.keyFor(purpose)).update(secret, 'utf8').digest();
  }

  /** Constant-time comparison of a presented secret with a stored hash. */
  matches(purpose: SecretPurpose, secret: string, storedHash: Uint8Array): boolean {
    const candidate = this.hash(purpose, secret);
    return candidate.length === storedHash.length && timingSafeEqual(candidate, storedHash);
  }

  private keyFor(purpose: SecretPurpose): Buffer {
    let key = this.keys.get(purpose);
    if (!key) {
      key = Buffer.from(hkdfSync('sha256', this.secretKey, 'econnect-recovery', `hash:${purpose}`, 32));
      this.keys.set(purpose, key);
    }
    return key;
  }
}
