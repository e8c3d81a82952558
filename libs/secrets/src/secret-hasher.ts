import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

/** What a hashed secret is for; each purpose has its own key, so a hash never matches across purposes. */
export type SecretPurpose = 'case_token' | 'email_code' | 'objection_token' | 'staff_session' | 'csrf';

/**
 * Keyed hashes (HMAC-SHA-256) of short-lived secrets. Tokens and codes are stored only this way;
 * the key comes from SECRET_KEY, so a copy of the database alone cannot test guesses.
 */
export class SecretHasher {
  private readonly keys = new Map<string, Buffer>();

  constructor(private readonly secretKey: string) {}

  hash(purpose: SecretPurpose, secret: string): Buffer {
    return createHmac('sha256', this.keyFor(purpose)).update(secret, 'utf8').digest();
  }

  /** Constant-time comparison of a presented secret with a stored hash. */
  matches(purpose: SecretPurpose, secret: string, storedHash: Uint8Array): boolean {
    const candidate = this.hash(purpose, secret);
    return candidate.length === storedHash.length && timingSafeEqual(candidate, storedHash);
  }

  /**
   * A secret derived from SECRET_KEY and a context (for example a case, a send number and an address):
   * unpredictable without the key, and the same on every call, so that a retried mail activity sends the
   * same code or link instead of a second, different one. Only its hash is stored.
   */
  derive(purpose: SecretPurpose, context: string): Buffer {
    return createHmac('sha256', this.keyFor(purpose, 'derive')).update(context, 'utf8').digest();
  }

  private keyFor(purpose: SecretPurpose, use: 'hash' | 'derive' = 'hash'): Buffer {
    const name = `${use}:${purpose}`;
    let key = this.keys.get(name);
    if (!key) {
      key = Buffer.from(hkdfSync('sha256', this.secretKey, 'econnect-recovery', name, 32));
      this.keys.set(name, key);
    }
    return key;
  }
}
