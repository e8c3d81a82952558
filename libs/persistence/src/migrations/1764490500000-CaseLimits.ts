import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A case keeps the requester's limits (uploads, new codes) it was opened with, so that the api and the
 * workflow count with the same numbers for the life of the case, whatever the configuration becomes.
 * Cases from before get the defaults of that time (3 and 3), the numbers their workflows were started with
 * unless the configuration said otherwise.
 */
export class CaseLimits1764490500000 implements MigrationInterface {
  name = 'CaseLimits1764490500000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "recovery_cases" ADD "max_uploads" smallint NOT NULL DEFAULT 3,
                                    ADD "max_code_resends" smallint NOT NULL DEFAULT 3`,
    );
    await queryRunner.query(
      `ALTER TABLE "recovery_cases" ALTER COLUMN "max_uploads" DROP DEFAULT,
                                    ALTER COLUMN "max_code_resends" DROP DEFAULT`,
    );
    await queryRunner.query(
      `ALTER TABLE "recovery_cases" ADD CONSTRAINT "ck_recovery_cases_limits"
         CHECK ("max_uploads" >= 1 AND "max_code_resends" >= 0)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "recovery_cases" DROP CONSTRAINT "ck_recovery_cases_limits"`);
    await queryRunner.query(
      `ALTER TABLE "recovery_cases" DROP COLUMN "max_code_resends", DROP COLUMN "max_uploads"`,
    );
  }
}
