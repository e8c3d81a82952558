import type { MigrationInterface, QueryRunner } from 'typeorm';

const STATUSES_BEFORE = `'awaiting_confirmation', 'awaiting_email_code', 'awaiting_document', 'analysing_document', 'awaiting_review', 'cooling_off', 'appointing', 'completed', 'rejected', 'expired', 'cancelled'`;
const STATUSES_AFTER = `'awaiting_confirmation', 'awaiting_email_code', 'awaiting_document', 'analysing_document', 'awaiting_review', 'cooling_off', 'appointing', 'needs_attention', 'completed', 'rejected', 'expired', 'cancelled', 'closed'`;
const NOTE_KINDS_BEFORE = `'rejection_reason', 'document_request_reason', 'objection_reason'`;
const NOTE_KINDS_AFTER = `'rejection_reason', 'document_request_reason', 'objection_reason', 'closure_reason'`;

/**
 * A case whose step failed for a reason no retry mends waits in `needs_attention` for support, who retry
 * the step or close the case (`closed`, with a reason: a new kind of note). The cooling-off's round is kept
 * on the case, so that the notices of an earlier round, still being mailed, cannot schedule a later one.
 */
export class NeedsAttention1764490900000 implements MigrationInterface {
  name = 'NeedsAttention1764490900000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await this.statuses(queryRunner, STATUSES_AFTER);
    await this.noteKinds(queryRunner, NOTE_KINDS_AFTER);
    await queryRunner.query(
      `ALTER TABLE "recovery_cases" ADD "cooling_off_round" smallint NOT NULL DEFAULT 0`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "recovery_cases" DROP COLUMN "cooling_off_round"`);
    await this.noteKinds(queryRunner, NOTE_KINDS_BEFORE);
    await this.statuses(queryRunner, STATUSES_BEFORE);
  }

  private async statuses(queryRunner: QueryRunner, list: string): Promise<void> {
    await queryRunner.query(`ALTER TABLE "recovery_cases" DROP CONSTRAINT "ck_recovery_cases_status"`);
    await queryRunner.query(
      `ALTER TABLE "recovery_cases" ADD CONSTRAINT "ck_recovery_cases_status" CHECK (status IN (${list}))`,
    );
  }

  private async noteKinds(queryRunner: QueryRunner, list: string): Promise<void> {
    await queryRunner.query(`ALTER TABLE "case_notes" DROP CONSTRAINT "ck_case_notes_kind"`);
    await queryRunner.query(
      `ALTER TABLE "case_notes" ADD CONSTRAINT "ck_case_notes_kind" CHECK (kind IN (${list}))`,
    );
  }
}
