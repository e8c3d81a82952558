import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When the workflow took an upload. The api takes back an upload the workflow did not answer for, and
 * must not take back one the workflow took after all: the two meet on this column of the same row.
 */
export class DocumentTaken1764491000000 implements MigrationInterface {
  name = 'DocumentTaken1764491000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "case_documents" ADD "taken_at" TIMESTAMP WITH TIME ZONE`);
    // Every document already past its upload was taken by its workflow.
    await queryRunner.query(
      `UPDATE "case_documents" SET "taken_at" = "uploaded_at" WHERE "status" <> 'received'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "case_documents" DROP COLUMN "taken_at"`);
  }
}
