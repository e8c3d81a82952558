import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Cases, their append-only event trail, intake idempotency keys and secrets waiting to be mailed. */

export class Initial1764470000000 implements MigrationInterface {
  name = 'Initial1764470000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "recovery_cases" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "reference" character varying(12) NOT NULL, "status" character varying(32) NOT NULL, "method" character varying(16) NOT NULL, "requester_name" character varying(200) NOT NULL, "requester_email" character varying(254) NOT NULL, "requester_phone" character varying(40), "company_name" character varying(200) NOT NULL, "kvk_number" character(8), "environment_reference" character varying(200), "former_admin_email" character varying(254), "message" text, "token_hash" bytea NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_recovery_cases_kvk_number" CHECK (kvk_number ~ '^[0-9]{8}$'), CONSTRAINT "ck_recovery_cases_method" CHECK (method IN ('email', 'chamber_extract')), CONSTRAINT "ck_recovery_cases_status" CHECK (status IN ('awaiting_confirmation', 'awaiting_email_code', 'awaiting_document', 'analysing_document', 'awaiting_review', 'cooling_off', 'appointing', 'completed', 'rejected', 'expired', 'cancelled')), CONSTRAINT "pk_recovery_cases" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ux_recovery_cases_reference" ON "recovery_cases"  ("reference") `,
    );
    await queryRunner.query(`CREATE INDEX "ix_recovery_cases_status" ON "recovery_cases"  ("status") `);
    await queryRunner.query(
      `CREATE INDEX "ix_recovery_cases_created_at_id" ON "recovery_cases"  ("created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "case_events" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "case_id" uuid NOT NULL, "type" character varying(64) NOT NULL, "actor_type" character varying(32) NOT NULL, "actor_id" character varying(64), "details" jsonb NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_case_events_actor_type" CHECK (actor_type IN ('requester', 'agent', 'system', 'environment_user')), CONSTRAINT "pk_case_events" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_case_events_case_id_id" ON "case_events"  ("case_id", "id") `);
    await queryRunner.query(
      `CREATE TABLE "intake_idempotency_keys" ("key" character varying(200) NOT NULL, "request_hash" bytea NOT NULL, "case_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_intake_idempotency_keys" PRIMARY KEY ("key"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "pending_secrets" ("case_id" uuid NOT NULL, "purpose" character varying(32) NOT NULL, "sealed" bytea NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_pending_secrets" PRIMARY KEY ("case_id", "purpose"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_events" ADD CONSTRAINT "fk_case_events_case" FOREIGN KEY ("case_id") REFERENCES "recovery_cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "intake_idempotency_keys" ADD CONSTRAINT "fk_intake_idempotency_keys_case" FOREIGN KEY ("case_id") REFERENCES "recovery_cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "pending_secrets" ADD CONSTRAINT "fk_pending_secrets_case" FOREIGN KEY ("case_id") REFERENCES "recovery_cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    // The trail is append-only: the database refuses to rewrite history, whatever the code does.
    await queryRunner.query(
      `CREATE FUNCTION "case_events_refuse_update"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'case_events is append-only'; END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "tr_case_events_append_only" BEFORE UPDATE ON "case_events" FOR EACH ROW EXECUTE FUNCTION "case_events_refuse_update"()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "tr_case_events_append_only" ON "case_events"`);
    await queryRunner.query(`DROP FUNCTION "case_events_refuse_update"()`);
    await queryRunner.query(`ALTER TABLE "pending_secrets" DROP CONSTRAINT "fk_pending_secrets_case"`);
    await queryRunner.query(
      `ALTER TABLE "intake_idempotency_keys" DROP CONSTRAINT "fk_intake_idempotency_keys_case"`,
    );
    await queryRunner.query(`ALTER TABLE "case_events" DROP CONSTRAINT "fk_case_events_case"`);
    await queryRunner.query(`DROP TABLE "pending_secrets"`);
    await queryRunner.query(`DROP TABLE "intake_idempotency_keys"`);
    await queryRunner.query(`DROP INDEX "public"."ix_case_events_case_id_id"`);
    await queryRunner.query(`DROP TABLE "case_events"`);
    await queryRunner.query(`DROP INDEX "public"."ix_recovery_cases_created_at_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_recovery_cases_status"`);
    await queryRunner.query(`DROP INDEX "public"."ux_recovery_cases_reference"`);
    await queryRunner.query(`DROP TABLE "recovery_cases"`);
  }
}
