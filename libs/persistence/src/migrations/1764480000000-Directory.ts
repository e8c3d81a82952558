import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The directory: environments, their organisations and users, and organisation memberships. */

export class Directory1764480000000 implements MigrationInterface {
  name = 'Directory1764480000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "environments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "reference" character varying(64) NOT NULL, "name" character varying(200) NOT NULL, "contact_email" character varying(254) NOT NULL, "plan" character varying(32) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_environments_plan" CHECK (plan IN ('basic', 'professional', 'enterprise')), CONSTRAINT "pk_environments" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ux_environments_reference" ON "environments"  ("reference") `,
    );
    await queryRunner.query(
      `CREATE TABLE "organisations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "environment_id" uuid NOT NULL, "name" character varying(200) NOT NULL, "kvk_number" character(8) NOT NULL, "contact_email" character varying(254), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_organisations_id_environment" UNIQUE ("id", "environment_id"), CONSTRAINT "ck_organisations_kvk_number" CHECK (kvk_number ~ '^[0-9]{8}$'), CONSTRAINT "pk_organisations" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_organisations_kvk_number" ON "organisations"  ("kvk_number") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ux_organisations_environment_kvk_number" ON "organisations"  ("environment_id", "kvk_number") `,
    );
    await queryRunner.query(
      `CREATE TABLE "users" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "environment_id" uuid NOT NULL, "email" character varying(254) NOT NULL, "name" character varying(200) NOT NULL, "status" character varying(16) NOT NULL, "role" character varying(16) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_users_id_environment" UNIQUE ("id", "environment_id"), CONSTRAINT "ck_users_status" CHECK (status IN ('invited', 'active', 'deactivated')), CONSTRAINT "ck_users_role" CHECK (role IN ('administrator', 'user')), CONSTRAINT "pk_users" PRIMARY KEY ("id"))`,
    );
    // Case-insensitive uniqueness per environment, and lookups by address across environments
    // (recovery matching); TypeORM cannot describe expression indexes, so they are written here.
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ux_users_environment_email" ON "users" ("environment_id", lower("email"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_users_email" ON "users" (lower("email"))`);
    await queryRunner.query(
      `CREATE INDEX "ix_users_environment_role_status" ON "users"  ("environment_id", "role", "status") `,
    );
    await queryRunner.query(
      `CREATE TABLE "organisation_memberships" ("organisation_id" uuid NOT NULL, "user_id" uuid NOT NULL, "environment_id" uuid NOT NULL, "role" character varying(16) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_organisation_memberships_role" CHECK (role IN ('administrator', 'member')), CONSTRAINT "pk_organisation_memberships" PRIMARY KEY ("organisation_id", "user_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_organisation_memberships_user" ON "organisation_memberships"  ("user_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "organisations" ADD CONSTRAINT "fk_organisations_environment" FOREIGN KEY ("environment_id") REFERENCES "environments"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "users" ADD CONSTRAINT "fk_users_environment" FOREIGN KEY ("environment_id") REFERENCES "environments"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "organisation_memberships" ADD CONSTRAINT "fk_organisation_memberships_user" FOREIGN KEY ("user_id", "environment_id") REFERENCES "users"("id","environment_id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "organisation_memberships" ADD CONSTRAINT "fk_organisation_memberships_organisation" FOREIGN KEY ("organisation_id", "environment_id") REFERENCES "organisations"("id","environment_id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "organisation_memberships" DROP CONSTRAINT "fk_organisation_memberships_organisation"`,
    );
    await queryRunner.query(
      `ALTER TABLE "organisation_memberships" DROP CONSTRAINT "fk_organisation_memberships_user"`,
    );
    await queryRunner.query(`ALTER TABLE "users" DROP CONSTRAINT "fk_users_environment"`);
    await queryRunner.query(`ALTER TABLE "organisations" DROP CONSTRAINT "fk_organisations_environment"`);
    await queryRunner.query(`DROP INDEX "public"."ix_organisation_memberships_user"`);
    await queryRunner.query(`DROP TABLE "organisation_memberships"`);
    await queryRunner.query(`DROP INDEX "public"."ix_users_environment_role_status"`);
    await queryRunner.query(`DROP INDEX "public"."ix_users_email"`);
    await queryRunner.query(`DROP INDEX "public"."ux_users_environment_email"`);
    await queryRunner.query(`DROP TABLE "users"`);
    await queryRunner.query(`DROP INDEX "public"."ux_organisations_environment_kvk_number"`);
    await queryRunner.query(`DROP INDEX "public"."ix_organisations_kvk_number"`);
    await queryRunner.query(`DROP TABLE "organisations"`);
    await queryRunner.query(`DROP INDEX "public"."ux_environments_reference"`);
    await queryRunner.query(`DROP TABLE "environments"`);
  }
}
