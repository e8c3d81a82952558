import type { DataSource } from 'typeorm';
import { CaseQueryRepository } from '@app/persistence';
import { newCase } from '../support/cases';
import { openScratchDatabase, withScratchDatabase } from '../support/database';

const TIME_ZONE = 'Europe/Amsterdam';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** The Monday (a local date in Amsterdam) of the week `date` falls in: worked out apart from the SQL. */
function weekStartOf(date: Date): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    weekday: 'short',
  }).formatToParts(date);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const localDate = Date.UTC(Number(part('year')), Number(part('month')) - 1, Number(part('day')));
  return new Date(localDate - WEEKDAYS.indexOf(part('weekday')) * DAY).toISOString().slice(0, 10);
}

// The figures count every case in the database: this file has one of its own, with a known data set, and
// the test of an empty database another one, so that neither depends on the order the tests run in.
describe(`${CaseQueryRepository.name}.figures`, () => {
  let db: DataSource;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    ({ db, drop } = await openScratchDatabase('econnect_figures'));
  });

  afterAll(async () => {
    await drop();
  });

  it('answers nothing but zeros and empty weeks for an empty database', async () => {
    const figures = await withScratchDatabase('econnect_figures_empty', (empty) =>
      new CaseQueryRepository(empty).figures(TIME_ZONE),
    );
    expect(figures.openByStatus).toEqual({
      awaiting_confirmation: 0,
      awaiting_email_code: 0,
      awaiting_document: 0,
      analysing_document: 0,
      awaiting_review: 0,
      cooling_off: 0,
      needs_attention: 0,
      appointing: 0,
    });
    expect(figures).toMatchObject({ overdue: 0, oldestOpen: null, medianCompletionMs: null });
    expect(figures.perWeek.map((week) => [week.opened, week.completed])).toEqual(Array(12).fill([0, 0]));
  });

  it('counts a known data set exactly', async () => {
    const now = Date.now();
    const at = (msAgo: number) => new Date(now - msAgo);
    const oldest = await newCase(db, { status: 'awaiting_confirmation', createdAt: at(20 * DAY) });
    const created = [
      oldest,
      await newCase(db, { status: 'awaiting_review', overdue: true, createdAt: at(2 * HOUR) }),
      await newCase(db, { status: 'awaiting_review', createdAt: at(3 * DAY) }),
      await newCase(db, { status: 'cooling_off', overdue: true, createdAt: at(10 * DAY) }),
      await newCase(db, {
        status: 'rejected',
        overdue: true,
        createdAt: at(200 * DAY),
        closedAt: at(199 * DAY),
      }),
      await newCase(db, { status: 'expired', createdAt: at(13 * 7 * DAY), closedAt: at(12 * 7 * DAY) }),
    ];
    // Completed after 1, 2, 4 and 8 hours: the median is between 2 and 4, 3 hours.
    for (const [hours, closedAgo] of [
      [1, 0],
      [2, 7 * DAY],
      [4, 15 * DAY],
      [8, 100 * DAY],
    ] as const) {
      created.push(
        await newCase(db, {
          status: 'completed',
          createdAt: at(closedAgo + hours * HOUR),
          closedAt: at(closedAgo),
        }),
      );
    }

    const figures = await new CaseQueryRepository(db).figures(TIME_ZONE);

    expect(figures.openByStatus).toEqual({
      awaiting_confirmation: 1,
      awaiting_email_code: 0,
      awaiting_document: 0,
      analysing_document: 0,
      awaiting_review: 2,
      cooling_off: 1,
      appointing: 0,
      needs_attention: 0,
    });
    expect(figures.overdue).toBe(2);
    expect(figures.oldestOpen).toEqual({
      reference: oldest.reference,
      createdAt: oldest.createdAt,
      ageMs: expect.any(Number) as number,
    });
    expect(Math.abs((figures.oldestOpen?.ageMs ?? 0) - 20 * DAY)).toBeLessThan(60_000);
    expect(figures.medianCompletionMs).toBe(3 * HOUR);

    const weeks = figures.perWeek.map((week) => week.weekStart);
    expect(weeks.at(-1)).toBe(weekStartOf(new Date()));
    expect(weeks).toHaveLength(12);
    const expected = weeks.map((weekStart) => ({
      weekStart,
      opened: created.filter((kase) => weekStartOf(kase.createdAt) === weekStart).length,
      completed: created.filter(
        (kase) => kase.status === 'completed' && kase.closedAt && weekStartOf(kase.closedAt) === weekStart,
      ).length,
    }));
    expect(figures.perWeek).toEqual(expected);
    // The data set reaches into the window and beyond it on both counts.
    expect(expected.reduce((sum, week) => sum + week.opened, 0)).toBe(7);
    expect(expected.reduce((sum, week) => sum + week.completed, 0)).toBe(3);
  });
});
