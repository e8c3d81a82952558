import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One row per mail and recipient, keyed by the mail's Message-ID: a retried activity sends a mail that went
 * out once no second time, does not try again an address the server refused for good, and support sees on
 * the case page what became of each mail. A refusal keeps the SMTP reply code only, never the server's text.
 */
export class MailDeliveries1764490800000 implements MigrationInterface {
  name = 'MailDeliveries1764490800000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "mail_deliveries" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid, "purpose" character varying(64) NOT NULL, "recipient" character varying(254) NOT NULL, "message_id" character varying(998) NOT NULL, "state" character varying(16) NOT NULL DEFAULT 'pending', "attempts" integer NOT NULL DEFAULT 0, "last_attempt_at" TIMESTAMP WITH TIME ZONE, "claimed_until" TIMESTAMP WITH TIME ZONE, "sent_at" TIMESTAMP WITH TIME ZONE, "refused_at" TIMESTAMP WITH TIME ZONE, "smtp_status" smallint, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_mail_deliveries_state" CHECK (state IN ('pending', 'sent', 'refused')), CONSTRAINT "ck_mail_deliveries_attempts" CHECK (attempts >= 0), CONSTRAINT "ck_mail_deliveries_outcome" CHECK ((state = 'sent') = (sent_at IS NOT NULL) AND (state = 'refused') = (refused_at IS NOT NULL) AND (smtp_status IS NULL OR state = 'refused')), CONSTRAINT "ck_mail_deliveries_smtp_status" CHECK (smtp_status BETWEEN 500 AND 599), CONSTRAINT "pk_mail_deliveries" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ux_mail_deliveries_message_id" ON "mail_deliveries"  ("message_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_mail_deliveries_case_id_created_at" ON "mail_deliveries"  ("case_id", "created_at") `,
    );
    await queryRunner.query(
      `ALTER TABLE "mail_deliveries" ADD CONSTRAINT "fk_mail_deliveries_case" FOREIGN KEY ("case_id") REFERENCES "recovery_cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "mail_deliveries" DROP CONSTRAINT "fk_mail_deliveries_case"`);
    await queryRunner.query(`DROP INDEX "public"."ix_mail_deliveries_case_id_created_at"`);
    await queryRunner.query(`DROP INDEX "public"."ux_mail_deliveries_message_id"`);
    await queryRunner.query(`DROP TABLE "mail_deliveries"`);
  }
}
