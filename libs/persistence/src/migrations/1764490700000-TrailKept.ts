import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The trail is kept: besides UPDATE (refused since Initial), the database refuses DELETE and TRUNCATE of
 * `case_events`, so deleting a case with events (whose foreign key cascades to them) is refused too. One
 * named route may still remove a case: `discard_unstarted_case`, the api's undo of an intake whose workflow
 * could not be started. It opens the way with a transaction-local setting that the trigger checks against
 * an explicit list of routes. This is a guard against mistakes in code, not against a role that may drop
 * the trigger anyway.
 */
export class TrailKept1764490700000 implements MigrationInterface {
  name = 'TrailKept1764490700000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // A later migration that adds a route (the retention job's) replaces this function with a longer list.
    await queryRunner.query(
      `CREATE FUNCTION "case_events_refuse_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF current_setting('econnect.trail_route', true) = ANY (ARRAY['discard_unstarted_case']) THEN
           RETURN OLD;
         END IF;
         RAISE EXCEPTION 'case_events is append-only: a case''s trail is kept'
           USING HINT = 'a case is removed only through a named route, such as discard_unstarted_case()';
       END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "tr_case_events_refuse_delete" BEFORE DELETE ON "case_events"
         FOR EACH ROW EXECUTE FUNCTION "case_events_refuse_delete"()`,
    );
    // No route truncates: a route removes the rows of one case, never the whole trail.
    await queryRunner.query(
      `CREATE FUNCTION "case_events_refuse_truncate"() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         RAISE EXCEPTION 'case_events is append-only: a case''s trail is kept';
       END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "tr_case_events_refuse_truncate" BEFORE TRUNCATE ON "case_events"
         FOR EACH STATEMENT EXECUTE FUNCTION "case_events_refuse_truncate"()`,
    );
    // The case row is locked first: an event the workflow writes meanwhile (its foreign key check takes a
    // KEY SHARE lock) is either seen below or waits and then finds the case gone. The route is open only
    // for the one DELETE, then closed again, also when the caller's transaction goes on.
    await queryRunner.query(
      `CREATE FUNCTION "discard_unstarted_case"("case_id" uuid) RETURNS boolean LANGUAGE plpgsql AS $$
       DECLARE
         previous_route text := current_setting('econnect.trail_route', true);
       BEGIN
         PERFORM 1 FROM recovery_cases c WHERE c.id = discard_unstarted_case.case_id FOR UPDATE;
         IF NOT FOUND THEN
           RETURN false;
         END IF;
         IF EXISTS (SELECT 1 FROM case_events e
                     WHERE e.case_id = discard_unstarted_case.case_id AND e.type <> 'case_submitted') THEN
           RETURN false;
         END IF;
         PERFORM set_config('econnect.trail_route', 'discard_unstarted_case', true);
         DELETE FROM recovery_cases c WHERE c.id = discard_unstarted_case.case_id;
         PERFORM set_config('econnect.trail_route', coalesce(previous_route, ''), true);
         RETURN true;
       END $$`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION "discard_unstarted_case"(uuid)`);
    await queryRunner.query(`DROP TRIGGER "tr_case_events_refuse_truncate" ON "case_events"`);
    await queryRunner.query(`DROP FUNCTION "case_events_refuse_truncate"()`);
    await queryRunner.query(`DROP TRIGGER "tr_case_events_refuse_delete" ON "case_events"`);
    await queryRunner.query(`DROP FUNCTION "case_events_refuse_delete"()`);
  }
}
