import type { MigrationInterface, QueryRunner } from 'typeorm';

const OUTCOME_BEFORE = `(state = 'sent') = (sent_at IS NOT NULL) AND (state = 'refused') = (refused_at IS NOT NULL) AND (smtp_status IS NULL OR state = 'refused')`;
const OUTCOME_AFTER = `${OUTCOME_BEFORE} AND (state = 'withdrawn') = (withdrawn_at IS NOT NULL)`;

/**
 * A pending mail whose occasion passed (the notices of a cooling-off round that an objection ended, say)
 * is `withdrawn`: nobody sends it any more, and it no longer shows as waiting to be sent.
 */
export class DeliveryWithdrawn1764491100000 implements MigrationInterface {
  name = 'DeliveryWithdrawn1764491100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "mail_deliveries" ADD "withdrawn_at" TIMESTAMP WITH TIME ZONE`);
    await this.constraints(queryRunner, `'pending', 'sent', 'refused', 'withdrawn'`, OUTCOME_AFTER);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `UPDATE "mail_deliveries" SET "state" = 'pending', "withdrawn_at" = NULL WHERE "state" = 'withdrawn'`,
    );
    await queryRunner.query(`ALTER TABLE "mail_deliveries" DROP CONSTRAINT "ck_mail_deliveries_outcome"`);
    await queryRunner.query(`ALTER TABLE "mail_deliveries" DROP COLUMN "withdrawn_at"`);
    await this.constraints(queryRunner, `'pending', 'sent', 'refused'`, OUTCOME_BEFORE);
  }

  private async constraints(queryRunner: QueryRunner, states: string, outcome: string): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "mail_deliveries" DROP CONSTRAINT IF EXISTS "ck_mail_deliveries_state"`,
    );
    await queryRunner.query(
      `ALTER TABLE "mail_deliveries" ADD CONSTRAINT "ck_mail_deliveries_state" CHECK (state IN (${states}))`,
    );
    await queryRunner.query(
      `ALTER TABLE "mail_deliveries" DROP CONSTRAINT IF EXISTS "ck_mail_deliveries_outcome"`,
    );
    await queryRunner.query(
      `ALTER TABLE "mail_deliveries" ADD CONSTRAINT "ck_mail_deliveries_outcome" CHECK (${outcome})`,
    );
  }
}
