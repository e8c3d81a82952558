import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MAX_FAILED_SIGN_INS } from '@app/domain';
import { StaffSignInFailureEntity } from './staff-sign-in-failure.entity';

/** One sign-in attempt, recorded before its password is checked. */
export interface SignInAttempt {
  id: string;
  /** By the database's clock. */
  at: Date;
  /** Times of the other attempts for the address within the window, most recent first (at most ten). */
  others: Date[];
}

/**
 * The failed sign-ins behind the lock-out. An attempt is written as a failure *before* its password is
 * checked, and the others are counted after that write has committed: of any number of simultaneous
 * attempts, in any number of processes, the k-th to commit sees at least k - 1 others, so no more than
 * ten passwords are ever checked in a window. An attempt that succeeds, or is refused unchecked, is removed.
 */
@Injectable()
export class StaffSignInFailureRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** `email` as typed; it is lower-cased here, by the same lower() the CHECK uses. */
  async recordAttempt(email: string, windowMs: number): Promise<SignInAttempt> {
    // Two statements, each its own transaction: the count must see every attempt committed before this one.
    const [inserted] = await this.dataSource.manager.query<{ id: string; attempted_at: Date }[]>(
      `WITH forgotten AS (
         DELETE FROM staff_sign_in_failures WHERE attempted_at <= now() - $2 * interval '1 millisecond'
       )
       INSERT INTO staff_sign_in_failures (email_key) VALUES (lower($1)) RETURNING id, attempted_at`,
      [email, windowMs],
    );
    if (!inserted) throw new Error('INSERT ... RETURNING gave no row');
    const others = await this.dataSource.manager.query<{ attempted_at: Date }[]>(
      `SELECT attempted_at FROM staff_sign_in_failures
       WHERE email_key = lower($1) AND id <> $2 AND attempted_at > $3::timestamptz - $4 * interval '1 millisecond'
       ORDER BY attempted_at DESC
       LIMIT $5`,
      [email, inserted.id, inserted.attempted_at, windowMs, MAX_FAILED_SIGN_INS],
    );
    return { id: inserted.id, at: inserted.attempted_at, others: others.map((row) => row.attempted_at) };
  }

  /** An attempt the lock-out refused before checking its password: it was no guess. */
  async forget(id: string): Promise<void> {
    await this.dataSource.getRepository(StaffSignInFailureEntity).delete({ id });
  }

  /** After a successful sign-in the address starts afresh. */
  async clear(email: string): Promise<void> {
    await this.dataSource.manager.query('DELETE FROM staff_sign_in_failures WHERE email_key = lower($1)', [
      email,
    ]);
  }
}
