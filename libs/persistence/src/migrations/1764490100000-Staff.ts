import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Staff accounts (agents, managers), their sessions, and the failed sign-ins behind the lock-out. */

export class Staff1764490100000 implements MigrationInterface {
  name = 'Staff1764490100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "staff_accounts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" character varying(254) NOT NULL, "name" character varying(200) NOT NULL, "role" character varying(16) NOT NULL, "password_hash" text NOT NULL, "active" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_staff_accounts_role" CHECK (role IN ('agent', 'manager')), CONSTRAINT "pk_staff_accounts" PRIMARY KEY ("id"))`,
    );
    // One account per address whatever its case; TypeORM cannot describe expression indexes.
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ux_staff_accounts_email" ON "staff_accounts" (lower("email"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "staff_sessions" ("token_hash" bytea NOT NULL, "staff_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "last_seen_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "pk_staff_sessions" PRIMARY KEY ("token_hash"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_staff_sessions_staff_id" ON "staff_sessions"  ("staff_id") `);
    await queryRunner.query(
      `CREATE TABLE "staff_sign_in_failures" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "email_key" text NOT NULL, "attempted_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_staff_sign_in_failures_email_key" CHECK (email_key = lower(email_key)), CONSTRAINT "pk_staff_sign_in_failures" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_staff_sign_in_failures_attempted_at" ON "staff_sign_in_failures"  ("attempted_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_staff_sign_in_failures_email_key_attempted_at" ON "staff_sign_in_failures"  ("email_key", "attempted_at") `,
    );
    await queryRunner.query(
      `ALTER TABLE "staff_sessions" ADD CONSTRAINT "fk_staff_sessions_staff" FOREIGN KEY ("staff_id") REFERENCES "staff_accounts"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "staff_sessions" DROP CONSTRAINT "fk_staff_sessions_staff"`);
    await queryRunner.query(`DROP INDEX "public"."ix_staff_sign_in_failures_email_key_attempted_at"`);
    await queryRunner.query(`DROP INDEX "public"."ix_staff_sign_in_failures_attempted_at"`);
    await queryRunner.query(`DROP TABLE "staff_sign_in_failures"`);
    await queryRunner.query(`DROP INDEX "public"."ix_staff_sessions_staff_id"`);
    await queryRunner.query(`DROP TABLE "staff_sessions"`);
    await queryRunner.query(`DROP INDEX "public"."ux_staff_accounts_email"`);
    await queryRunner.query(`DROP TABLE "staff_accounts"`);
  }
}
