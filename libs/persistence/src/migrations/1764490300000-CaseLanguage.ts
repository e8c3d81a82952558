import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The language of a case, in which every mail about it is written. Cases from before it are English. */
export class CaseLanguage1764490300000 implements MigrationInterface {
  name = 'CaseLanguage1764490300000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "recovery_cases" ADD "language" character varying(2) NOT NULL DEFAULT 'en'`,
    );
    await queryRunner.query(
      `ALTER TABLE "recovery_cases" ADD CONSTRAINT "ck_recovery_cases_language" CHECK (language IN ('en', 'nl'))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "recovery_cases" DROP CONSTRAINT "ck_recovery_cases_language"`);
    await queryRunner.query(`ALTER TABLE "recovery_cases" DROP COLUMN "language"`);
  }
}
