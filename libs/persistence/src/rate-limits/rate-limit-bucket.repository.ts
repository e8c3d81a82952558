import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

@Injectable()
export class RateLimitBucketRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Counts one more request in the key's window and answers the count so far (one atomic statement). */
  async hit(key: string, windowStart: Date): Promise<number> {
    const [row] = await this.dataSource.query<{ hits: number }[]>(
      `INSERT INTO rate_limit_buckets (key, window_start, hits) VALUES ($1, $2, 1)
       ON CONFLICT (key, window_start) DO UPDATE SET hits = rate_limit_buckets.hits + 1
       RETURNING hits`,
      [key, windowStart],
    );
    return row?.hits ?? 1;
  }

  /** Forgets windows that ended before `before`, so the table stays small. */
  async forgetBefore(before: Date): Promise<void> {
    await this.dataSource.query(`DELETE FROM rate_limit_buckets WHERE window_start < $1`, [before]);
  }
}
