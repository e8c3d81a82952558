import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { DomainError, minutesUntil, SIGN_IN_FAILURE_WINDOW_MS, signInLockedUntil } from '@app/domain';
import {
  StaffAccountRepository,
  StaffSessionRepository,
  StaffSignInFailureRepository,
} from '@app/persistence';
import { PasswordHasher, randomToken, SecretHasher } from '@app/secrets';
import type { SignedInStaff } from '../staff-auth/signed-in-staff';

export interface StartedStaffSession {
  token: string;
  expiresAt: Date;
  staff: SignedInStaff;
}

// One answer for an unknown address and a wrong password: nothing to learn about who has an account.
const WRONG_CREDENTIALS = 'The email address or the password is not right.';

/** Staff sign-in and sign-out: passwords checked with argon2id, sessions kept as keyed hashes. */
@Injectable()
export class StaffSessionService {
  private readonly logger = new Logger(StaffSessionService.name);

  constructor(
    private readonly config: AppConfig,
    private readonly accounts: StaffAccountRepository,
    private readonly sessions: StaffSessionRepository,
    private readonly failures: StaffSignInFailureRepository,
    private readonly passwords: PasswordHasher,
    private readonly hasher: SecretHasher,
  ) {}

  /**
   * Checks the lock-out first (it is kept per address, also for addresses without an account), then the
   * password, then that the account is active; starts a session.
   */
  async signIn(email: string, password: string): Promise<StartedStaffSession> {
    const attempt = await this.failures.recordAttempt(email, SIGN_IN_FAILURE_WINDOW_MS);
    const lockedUntil = signInLockedUntil(attempt.others, attempt.at);
    if (lockedUntil) {
      await this.failures.forget(attempt.id);
      this.logger.warn('staff sign-in refused: too many failed attempts for the address');
      const minutes = minutesUntil(lockedUntil, attempt.at);
      throw new DomainError(
        'rate_limited',
        `Too many failed sign-ins for this email address. Wait ${minutes} ${minutes === 1 ? 'minute' : 'minutes'} and try again.`,
      );
    }

    const account = await this.accounts.findByEmail(email);
    // Without an account the hasher verifies against a dummy hash: the same time as a wrong password.
    const matches = await this.passwords.verify(account?.passwordHash, password);
    if (!account || !matches) {
      if (account) this.logger.log({ staffId: account.id }, 'staff sign-in refused: wrong password');
      throw new DomainError('unauthenticated', WRONG_CREDENTIALS);
    }
    await this.failures.clear(email);
    if (!account.active) {
      this.logger.warn({ staffId: account.id }, 'staff sign-in refused: the account is deactivated');
      throw new DomainError('unauthenticated', 'Your staff account is deactivated.');
    }
    if (this.passwords.needsRehash(account.passwordHash)) {
      await this.accounts.replacePasswordHash(account.id, await this.passwords.hash(password));
    }

    const token = randomToken();
    const expiresAt = await this.sessions.create(
      this.hasher.hash('staff_session', token),
      account.id,
      this.config.staff.sessionTtlMs,
    );
    await this.sessions.deleteExpiredForStaff(account.id);
    this.logger.log({ staffId: account.id }, 'staff signed in');
    const { id, name, role } = account;
    return { token, expiresAt, staff: { id, email: account.email, name, role } };
  }

  /** Ends the session the token names, if any: signing out always succeeds. */
  async signOut(token: string | undefined): Promise<void> {
    if (token && (await this.sessions.delete(this.hasher.hash('staff_session', token)))) {
      this.logger.log('staff signed out');
    }
  }
}
