import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { StaffRole } from '@app/domain';
import { StaffSessionEntity } from './staff-session.entity';

/** A session found by its token's hash, with its staff member as the account is now. */
export interface StaffSessionLookup {
  staff: { id: string; email: string; name: string; role: StaffRole; active: boolean };
  expiresAt: Date;
  /** By the database's clock, the same one that set `expiresAt`. */
  expired: boolean;
  /** Whether `last_seen_at` was updated within the last minute: then `touch` can be skipped. */
  seenRecently: boolean;
}

@Injectable()
export class StaffSessionRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Starts a session lasting `ttlMs` by the database's clock; answers when it ends. */
  async create(tokenHash: Buffer, staffId: string, ttlMs: number, manager?: EntityManager): Promise<Date> {
    const [row] = await (manager ?? this.dataSource.manager).query<{ expires_at: Date }[]>(
      `INSERT INTO staff_sessions (token_hash, staff_id, expires_at)
       VALUES ($1, $2, now() + $3 * interval '1 millisecond')
       RETURNING expires_at`,
      [tokenHash, staffId, ttlMs],
    );
    if (!row) throw new Error('INSERT ... RETURNING gave no row');
    return row.expires_at;
  }

  async findWithStaff(tokenHash: Buffer): Promise<StaffSessionLookup | null> {
    const [row] = await this.dataSource.manager.query<
      {
        staff_id: string;
        email: string;
        name: string;
        role: StaffRole;
        active: boolean;
        expires_at: Date;
        expired: boolean;
        seen_recently: boolean;
      }[]
    >(
      `SELECT s.staff_id, a.email, a.name, a.role, a.active, s.expires_at,
              s.expires_at <= now() AS expired,
              coalesce(s.last_seen_at > now() - interval '1 minute', false) AS seen_recently
       FROM staff_sessions s JOIN staff_accounts a ON a.id = s.staff_id
       WHERE s.token_hash = $1`,
      [tokenHash],
    );
    if (!row) return null;
    return {
      staff: { id: row.staff_id, email: row.email, name: row.name, role: row.role, active: row.active },
      expiresAt: row.expires_at,
      expired: row.expired,
      seenRecently: row.seen_recently,
    };
  }

  /** Notes that the session was used; at most one write a minute per session. */
  async touch(tokenHash: Buffer): Promise<void> {
    await this.dataSource.manager.query(
      `UPDATE staff_sessions SET last_seen_at = now()
       WHERE token_hash = $1 AND (last_seen_at IS NULL OR last_seen_at <= now() - interval '1 minute')`,
      [tokenHash],
    );
  }

  /** Ends a session; answers whether there was one. */
  async delete(tokenHash: Buffer): Promise<boolean> {
    const result = await this.repository().delete({ tokenHash });
    return (result.affected ?? 0) > 0;
  }

  /** Housekeeping at each sign-in: a staff member's sessions that have ended are of no use to anyone. */
  async deleteExpiredForStaff(staffId: string): Promise<void> {
    await this.repository()
      .createQueryBuilder()
      .delete()
      .where('staff_id = :staffId AND expires_at <= now()', { staffId })
      .execute();
  }

  private repository(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(StaffSessionEntity);
  }
}
