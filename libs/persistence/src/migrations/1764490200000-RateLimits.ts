import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Request counters per key and window, shared by every api process (the intake's rate limit). */
export class RateLimits1764490200000 implements MigrationInterface {
  name = 'RateLimits1764490200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "rate_limit_buckets" ("key" character varying(200) NOT NULL, "window_start" TIMESTAMP WITH TIME ZONE NOT NULL, "hits" integer NOT NULL, CONSTRAINT "pk_rate_limit_buckets" PRIMARY KEY ("key", "window_start"))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "rate_limit_buckets"`);
  }
}
