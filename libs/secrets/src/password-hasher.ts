import { hash, parseOptions, verify, type Algorithm, type Options } from '@node-rs/argon2';
import { randomToken } from './random-secret';

// The package declares its algorithms as an ambient const enum, which isolated modules cannot read: 2 is
// Argon2id, named explicitly rather than left to the package's default.
// eslint-disable-next-line @typescript-eslint/no-unsafe-enum-assignment -- 2 is Algorithm.Argon2id (see above)
const ARGON2ID = 2 as Algorithm;

// RFC 9106's second recommendation with one lane: 64 MiB and three passes, about 65 ms on our machines.
// Each sign-in holds 64 MiB while it runs; libuv's four threads bound how many run at once.
const OPTIONS = {
  algorithm: ARGON2ID,
  memoryCost: 64 * 1024,
  timeCost: 3,
  parallelism: 1,
} as const satisfies Options;

/**
 * Staff passwords, hashed with argon2id into PHC strings (`$argon2id$v=19$m=65536,t=3,p=1$...`), which
 * carry their own salt and parameters, so that hashes made with older parameters still verify.
 */
export class PasswordHasher {
  // Verified against when there is no account, so that an unknown address costs what a wrong password does.
  private dummyHash: Promise<string> | undefined;

  hash(password: string): Promise<string> {
    return hash(password, OPTIONS);
  }

  /** Whether `password` matches `storedHash`; with no stored hash (no account), the same work and false. */
  async verify(storedHash: string | null | undefined, password: string): Promise<boolean> {
    if (storedHash == null) {
      // Made once; a failure is not kept, so the next sign-in tries again instead of failing for good.
      this.dummyHash ??= this.hash(randomToken()).catch((error: unknown) => {
        this.dummyHash = undefined;
        throw error;
      });
      await verify(await this.dummyHash, password);
      return false;
    }
    try {
      return await verify(storedHash, password);
    } catch {
      // A malformed stored hash matches nothing.
      return false;
    }
  }

  /** Whether the hash was made with other parameters than today's: then it is replaced at sign-in. */
  needsRehash(storedHash: string): boolean {
    try {
      const used = parseOptions(storedHash);
      return (
        used.algorithm !== OPTIONS.algorithm ||
        used.memoryCost !== OPTIONS.memoryCost ||
        used.timeCost !== OPTIONS.timeCost ||
        used.parallelism !== OPTIONS.parallelism
      );
    } catch {
      return true;
    }
  }
}
