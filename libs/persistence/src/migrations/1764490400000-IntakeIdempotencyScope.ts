import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Intake Idempotency-Keys belong to the client address that sent them and expire: the key is the client's
 * and the key's together, and an index on the creation time lets expired keys be cleared cheaply. Keys
 * from before this migration belong to no client (an empty address), so they are never answered again
 * and go with the first clean-up after their lifetime.
 */
export class IntakeIdempotencyScope1764490400000 implements MigrationInterface {
  name = 'IntakeIdempotencyScope1764490400000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "intake_idempotency_keys" DROP CONSTRAINT "pk_intake_idempotency_keys"`,
    );
    await queryRunner.query(
      `ALTER TABLE "intake_idempotency_keys" ADD "client_address" character varying(100) NOT NULL DEFAULT ''`,
    );
    await queryRunner.query(
      `ALTER TABLE "intake_idempotency_keys" ALTER COLUMN "client_address" DROP DEFAULT`,
    );
    await queryRunner.query(
      `ALTER TABLE "intake_idempotency_keys" ADD CONSTRAINT "pk_intake_idempotency_keys" PRIMARY KEY ("client_address", "key")`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_intake_idempotency_keys_created_at" ON "intake_idempotency_keys" ("created_at")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_intake_idempotency_keys_created_at"`);
    await queryRunner.query(
      `ALTER TABLE "intake_idempotency_keys" DROP CONSTRAINT "pk_intake_idempotency_keys"`,
    );
    // One key per row again: of the same key used by several clients, the newest use stays.
    await queryRunner.query(
      `DELETE FROM "intake_idempotency_keys" k USING "intake_idempotency_keys" newer
        WHERE newer."key" = k."key"
          AND (newer."created_at", newer."client_address") > (k."created_at", k."client_address")`,
    );
    await queryRunner.query(`ALTER TABLE "intake_idempotency_keys" DROP COLUMN "client_address"`);
    await queryRunner.query(
      `ALTER TABLE "intake_idempotency_keys" ADD CONSTRAINT "pk_intake_idempotency_keys" PRIMARY KEY ("key")`,
    );
  }
}
