import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Requests counted per key (for example the intake per client address) and fixed time window. In
 * PostgreSQL, so that the limit holds across every api process.
 */
@Entity({ name: 'rate_limit_buckets' })
export class RateLimitBucketEntity {
  @PrimaryColumn({ type: 'varchar', length: 200, primaryKeyConstraintName: 'pk_rate_limit_buckets' })
  key!: string;

  @PrimaryColumn({
    name: 'window_start',
    type: 'timestamptz',
    primaryKeyConstraintName: 'pk_rate_limit_buckets',
  })
  windowStart!: Date;

  @Column({ type: 'integer' })
  hits!: number;
}
