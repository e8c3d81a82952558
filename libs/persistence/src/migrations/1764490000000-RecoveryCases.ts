import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The recovery case workflow: matched environments, review and cooling-off state, uploaded extracts, email codes, objection links and written reasons. */

export class RecoveryCases1764490000000 implements MigrationInterface {
  name = 'RecoveryCases1764490000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "case_documents" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "sequence" smallint NOT NULL, "content" bytea NOT NULL, "byte_size" integer NOT NULL, "sha256" bytea NOT NULL, "status" character varying(16) NOT NULL, "page_count" integer, "refusal_reason" character varying(32), "refusal_message" text, "extract" jsonb, "findings" jsonb, "uploaded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "analysed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "uq_case_documents_case_sequence" UNIQUE ("case_id", "sequence"), CONSTRAINT "ck_case_documents_sequence" CHECK (sequence BETWEEN 1 AND 100), CONSTRAINT "ck_case_documents_refusal_reason" CHECK (refusal_reason IN ('encrypted', 'unreadable', 'too_many_pages', 'too_complex', 'not_an_extract')), CONSTRAINT "ck_case_documents_status" CHECK (status IN ('received', 'analysed', 'refused')), CONSTRAINT "pk_case_documents" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "case_email_codes" ("case_id" uuid NOT NULL, "send_number" smallint NOT NULL, "code_hash" bytea NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "attempts_left" smallint NOT NULL, "verified_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_case_email_codes_attempts_left" CHECK (attempts_left >= 0), CONSTRAINT "pk_case_email_codes" PRIMARY KEY ("case_id", "send_number"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "case_notes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "kind" character varying(32) NOT NULL, "body" text NOT NULL, "author_type" character varying(32) NOT NULL, "author_id" character varying(64), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_case_notes_author_type" CHECK (author_type IN ('requester', 'agent', 'system', 'environment_user')), CONSTRAINT "ck_case_notes_kind" CHECK (kind IN ('rejection_reason', 'document_request_reason', 'objection_reason')), CONSTRAINT "pk_case_notes" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_case_notes_case_id" ON "case_notes"  ("case_id") `);
    await queryRunner.query(
      `CREATE TABLE "objection_tokens" ("token_hash" bytea NOT NULL, "case_id" uuid NOT NULL, "round" smallint NOT NULL, "recipient_email" character varying(254) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "used_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "pk_objection_tokens" PRIMARY KEY ("token_hash"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_objection_tokens_case_id" ON "objection_tokens"  ("case_id") `);
    await queryRunner.query(`ALTER TABLE "recovery_cases" ADD "environment_id" uuid`);
    await queryRunner.query(`ALTER TABLE "recovery_cases" ADD "match_kind" character varying(32)`);
    await queryRunner.query(
      `ALTER TABLE "recovery_cases" ADD "matched_organisation_ids" uuid array NOT NULL DEFAULT '{}'`,
    );
    await queryRunner.query(`ALTER TABLE "recovery_cases" ADD "approved_organisation_ids" uuid array`);
    await queryRunner.query(`ALTER TABLE "recovery_cases" ADD "review_due_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "recovery_cases" ADD "overdue" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`ALTER TABLE "recovery_cases" ADD "flagged" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`ALTER TABLE "recovery_cases" ADD "appoint_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "recovery_cases" ADD "appointed_user_id" uuid`);
    await queryRunner.query(`ALTER TABLE "recovery_cases" ADD "closed_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(
      `CREATE INDEX "ix_recovery_cases_kvk_number" ON "recovery_cases"  ("kvk_number") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_recovery_cases_environment_id" ON "recovery_cases"  ("environment_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_recovery_cases_requester_email" ON "recovery_cases" (lower("requester_email"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "recovery_cases" ADD CONSTRAINT "ck_recovery_cases_match_kind" CHECK (match_kind IN ('kvk_number', 'environment_id', 'environment_reference', 'environment_name', 'former_admin_email', 'staff_link'))`,
    );
    await queryRunner.query(
      `ALTER TABLE "recovery_cases" ADD CONSTRAINT "fk_recovery_cases_environment" FOREIGN KEY ("environment_id") REFERENCES "environments"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_documents" ADD CONSTRAINT "fk_case_documents_case" FOREIGN KEY ("case_id") REFERENCES "recovery_cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_email_codes" ADD CONSTRAINT "fk_case_email_codes_case" FOREIGN KEY ("case_id") REFERENCES "recovery_cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_notes" ADD CONSTRAINT "fk_case_notes_case" FOREIGN KEY ("case_id") REFERENCES "recovery_cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "objection_tokens" ADD CONSTRAINT "fk_objection_tokens_case" FOREIGN KEY ("case_id") REFERENCES "recovery_cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "objection_tokens" DROP CONSTRAINT "fk_objection_tokens_case"`);
    await queryRunner.query(`ALTER TABLE "case_notes" DROP CONSTRAINT "fk_case_notes_case"`);
    await queryRunner.query(`ALTER TABLE "case_email_codes" DROP CONSTRAINT "fk_case_email_codes_case"`);
    await queryRunner.query(`ALTER TABLE "case_documents" DROP CONSTRAINT "fk_case_documents_case"`);
    await queryRunner.query(`ALTER TABLE "recovery_cases" DROP CONSTRAINT "fk_recovery_cases_environment"`);
    await queryRunner.query(`ALTER TABLE "recovery_cases" DROP CONSTRAINT "ck_recovery_cases_match_kind"`);
    await queryRunner.query(`DROP INDEX "public"."ix_recovery_cases_requester_email"`);
    await queryRunner.query(`DROP INDEX "public"."ix_recovery_cases_environment_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_recovery_cases_kvk_number"`);
    await queryRunner.query(`ALTER TABLE "recovery_cases" DROP COLUMN "closed_at"`);
    await queryRunner.query(`ALTER TABLE "recovery_cases" DROP COLUMN "appointed_user_id"`);
    await queryRunner.query(`ALTER TABLE "recovery_cases" DROP COLUMN "appoint_at"`);
    await queryRunner.query(`ALTER TABLE "recovery_cases" DROP COLUMN "flagged"`);
    await queryRunner.query(`ALTER TABLE "recovery_cases" DROP COLUMN "overdue"`);
    await queryRunner.query(`ALTER TABLE "recovery_cases" DROP COLUMN "review_due_at"`);
    await queryRunner.query(`ALTER TABLE "recovery_cases" DROP COLUMN "approved_organisation_ids"`);
    await queryRunner.query(`ALTER TABLE "recovery_cases" DROP COLUMN "matched_organisation_ids"`);
    await queryRunner.query(`ALTER TABLE "recovery_cases" DROP COLUMN "match_kind"`);
    await queryRunner.query(`ALTER TABLE "recovery_cases" DROP COLUMN "environment_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_objection_tokens_case_id"`);
    await queryRunner.query(`DROP TABLE "objection_tokens"`);
    await queryRunner.query(`DROP INDEX "public"."ix_case_notes_case_id"`);
    await queryRunner.query(`DROP TABLE "case_notes"`);
    await queryRunner.query(`DROP TABLE "case_email_codes"`);
    await queryRunner.query(`DROP TABLE "case_documents"`);
  }
}
