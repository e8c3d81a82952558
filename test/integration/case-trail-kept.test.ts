import type { DataSource } from 'typeorm';
import { CaseRepository } from '@app/persistence';
import { addCaseEvent, newCase } from '../support/cases';
import { openTestDatabase, withScratchDatabase } from '../support/database';
import { TrailKept1764490700000 } from '../../libs/persistence/src/migrations/1764490700000-TrailKept';

const TRAIL_KEPT = "case_events is append-only: a case's trail is kept";

describe("a case's trail is kept", () => {
  let db: DataSource;
  let cases: CaseRepository;

  beforeAll(async () => {
    db = await openTestDatabase();
    cases = new CaseRepository(db);
  });

  afterAll(async () => {
    await db.destroy();
  });

  /** A case as an intake leaves it: its submission on the trail and its sealed link. */
  const submittedCase = async (): Promise<string> => {
    const kase = await newCase(db, { status: 'awaiting_confirmation' });
    await addCaseEvent(db, kase.id, { type: 'case_submitted', actorType: 'requester' });
    await db.query(
      `INSERT INTO pending_secrets (case_id, purpose, sealed) VALUES ($1, 'case_link', '\\x00')`,
      [kase.id],
    );
    return kase.id;
  };

  const countOf = async (table: 'recovery_cases' | 'case_events' | 'pending_secrets', caseId: string) => {
    const column = table === 'recovery_cases' ? 'id' : 'case_id';
    const [row] = await db.query<[{ n: number }]>(
      `SELECT count(*)::int AS n FROM ${table} WHERE ${column} = $1`,
      [caseId],
    );
    return row.n;
  };

  it('refuses to delete an event', async () => {
    const caseId = await submittedCase();
    await expect(db.query('DELETE FROM case_events WHERE case_id = $1', [caseId])).rejects.toThrow(
      TRAIL_KEPT,
    );
    expect(await countOf('case_events', caseId)).toBe(1);
  });

  it('refuses to delete a case that has events, and leaves the case and its rows in place', async () => {
    const caseId = await submittedCase();
    await addCaseEvent(db, caseId, { type: 'environment_matched', actorType: 'system' });
    await expect(db.query('DELETE FROM recovery_cases WHERE id = $1', [caseId])).rejects.toThrow(TRAIL_KEPT);
    expect(await countOf('recovery_cases', caseId)).toBe(1);
    expect(await countOf('case_events', caseId)).toBe(2);
    expect(await countOf('pending_secrets', caseId)).toBe(1);
  });

  it('still refuses to rewrite an event', async () => {
    const caseId = await submittedCase();
    await expect(
      db.query(`UPDATE case_events SET type = 'case_expired' WHERE case_id = $1`, [caseId]),
    ).rejects.toThrow('case_events is append-only');
  });

  it('refuses to truncate the trail, also through a cascade from the cases', async () => {
    // On a database of its own: were the trigger missing, the run's shared rows would be gone.
    await withScratchDatabase('econnect_trail', async (scratch) => {
      const kase = await newCase(scratch);
      await addCaseEvent(scratch, kase.id, { type: 'case_submitted', actorType: 'requester' });
      await expect(scratch.query('TRUNCATE case_events')).rejects.toThrow(TRAIL_KEPT);
      await expect(scratch.query('TRUNCATE recovery_cases CASCADE')).rejects.toThrow(TRAIL_KEPT);
      const [row] = await scratch.query<[{ n: number }]>('SELECT count(*)::int AS n FROM case_events');
      expect(row.n).toBe(1);
    });
  });

  it('lets a case without events be deleted: the trigger is about the trail', async () => {
    const kase = await newCase(db);
    await db.query('DELETE FROM recovery_cases WHERE id = $1', [kase.id]);
    expect(await countOf('recovery_cases', kase.id)).toBe(0);
  });

  it('refuses a route that is not on the list', async () => {
    const caseId = await submittedCase();
    const runner = db.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      await runner.query(`SELECT set_config('econnect.trail_route', 'clean_up_everything', true)`);
      await expect(runner.query('DELETE FROM recovery_cases WHERE id = $1', [caseId])).rejects.toThrow(
        TRAIL_KEPT,
      );
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
    expect(await countOf('case_events', caseId)).toBe(1);
  });

  describe(`${CaseRepository.name}.deleteUnstarted`, () => {
    it('removes a case whose trail is only its submission, with all its rows', async () => {
      const caseId = await submittedCase();
      expect(await cases.deleteUnstarted(caseId)).toBe(true);
      expect(await countOf('recovery_cases', caseId)).toBe(0);
      expect(await countOf('case_events', caseId)).toBe(0);
      expect(await countOf('pending_secrets', caseId)).toBe(0);
    });

    it('leaves a case whose workflow did start (a second event) in place, and answers false', async () => {
      const caseId = await submittedCase();
      await addCaseEvent(db, caseId, { type: 'environment_matched', actorType: 'system' });
      expect(await cases.deleteUnstarted(caseId)).toBe(false);
      expect(await countOf('recovery_cases', caseId)).toBe(1);
      expect(await countOf('case_events', caseId)).toBe(2);
    });

    it('answers false for a case that is not there', async () => {
      const caseId = await submittedCase();
      expect(await cases.deleteUnstarted(caseId)).toBe(true);
      expect(await cases.deleteUnstarted(caseId)).toBe(false);
    });
  });

  describe('after the route was taken', () => {
    it('refuses a plain DELETE again in the same session', async () => {
      const runner = db.createQueryRunner();
      await runner.connect();
      try {
        const discarded = await submittedCase();
        const kept = await submittedCase();
        const [row] = await runner.manager.query<[{ discarded: boolean }]>(
          'SELECT discard_unstarted_case($1) AS discarded',
          [discarded],
        );
        expect(row.discarded).toBe(true);
        await expect(runner.query('DELETE FROM case_events WHERE case_id = $1', [kept])).rejects.toThrow(
          TRAIL_KEPT,
        );
        expect(await countOf('case_events', kept)).toBe(1);
      } finally {
        await runner.release();
      }
    });

    it('refuses a plain DELETE again later in the same transaction', async () => {
      const runner = db.createQueryRunner();
      await runner.connect();
      const discarded = await submittedCase();
      const kept = await submittedCase();
      try {
        await runner.startTransaction();
        await runner.query('SELECT discard_unstarted_case($1)', [discarded]);
        await expect(runner.query('DELETE FROM case_events WHERE case_id = $1', [kept])).rejects.toThrow(
          TRAIL_KEPT,
        );
      } finally {
        await runner.rollbackTransaction();
        await runner.release();
      }
      expect(await countOf('case_events', kept)).toBe(1);
    });
  });

  it('is given back by down() exactly as it was before, and taken again by up()', async () => {
    await withScratchDatabase('econnect_trail', async (scratch) => {
      const schema = async () => ({
        triggers: (
          await scratch.query<{ name: string }[]>(
            `SELECT tgname AS name FROM pg_trigger WHERE tgrelid = 'case_events'::regclass AND NOT tgisinternal
              ORDER BY 1`,
          )
        ).map((r) => r.name),
        functions: (
          await scratch.query<{ name: string }[]>(
            `SELECT p.oid::regprocedure::text AS name FROM pg_proc p
               JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public' ORDER BY 1`,
          )
        ).map((r) => r.name),
      });
      const kept = await schema();
      const trailKept = new TrailKept1764490700000();
      const runner = scratch.createQueryRunner();
      try {
        await trailKept.down(runner);
        const before = await schema();
        expect(before.triggers).toEqual(['tr_case_events_append_only']);
        expect(before.functions).toEqual(
          kept.functions.filter(
            (name) =>
              ![
                'case_events_refuse_delete()',
                'case_events_refuse_truncate()',
                'discard_unstarted_case(uuid)',
              ].includes(name),
          ),
        );
        // As before: deleting a case takes its trail with it.
        const kase = await newCase(scratch);
        await addCaseEvent(scratch, kase.id, { type: 'case_submitted', actorType: 'requester' });
        await scratch.query('DELETE FROM recovery_cases WHERE id = $1', [kase.id]);

        await trailKept.up(runner);
        expect(await schema()).toEqual(kept);
      } finally {
        await runner.release();
      }
    });
  });
});
