import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A document's findings are a JSON object or nothing: the code reads them as the typed ExtractFindings.
 * The api always showed anything else as no findings, so such a value (none was ever written) becomes
 * NULL first and nothing anyone sees changes; `down` keeps those NULLs, which read the same.
 */
export class FindingsObject1764490600000 implements MigrationInterface {
  name = 'FindingsObject1764490600000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `UPDATE "case_documents" SET "findings" = NULL WHERE jsonb_typeof("findings") <> 'object'`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_documents" ADD CONSTRAINT "ck_case_documents_findings_object"
         CHECK (jsonb_typeof(findings) = 'object')`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "case_documents" DROP CONSTRAINT "ck_case_documents_findings_object"`,
    );
  }
}
