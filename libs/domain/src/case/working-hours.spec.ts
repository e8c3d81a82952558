import {
  DEFAULT_WORKING_SCHEDULE,
  addWorkingTime,
  parseWorkingSchedule,
  workingTimeBetween,
  type WorkingSchedule,
} from './working-hours';

const HOUR = 3600_000;
const EIGHT_HOURS = 8 * HOUR;

/** Amsterdam wall-clock times are written with their offset: +01:00 in winter, +02:00 in summer. */
const at = (iso: string): Date => new Date(iso);

function schedule(days: string, hours: string, timeZone = 'Europe/Amsterdam'): WorkingSchedule {
  const parsed = parseWorkingSchedule(days, hours, timeZone);
  if (typeof parsed === 'string') throw new Error(parsed);
  return parsed;
}

describe(addWorkingTime.name, () => {
  const officeHours = DEFAULT_WORKING_SCHEDULE;

  it('carries Friday afternoon over the weekend: Friday 16:00 is due Monday 16:00', () => {
    expect(addWorkingTime(at('2026-06-05T16:00+02:00'), EIGHT_HOURS, officeHours)).toEqual(
      at('2026-06-08T16:00+02:00'),
    );
  });

  it('starts counting at the next opening when the case arrives on Saturday', () => {
    expect(addWorkingTime(at('2026-06-06T10:30+02:00'), EIGHT_HOURS, officeHours)).toEqual(
      at('2026-06-08T17:00+02:00'),
    );
  });

  it('starts counting at the next opening when the case arrives at night', () => {
    expect(addWorkingTime(at('2026-06-09T22:00+02:00'), HOUR, officeHours)).toEqual(
      at('2026-06-10T10:00+02:00'),
    );
    expect(addWorkingTime(at('2026-06-09T06:00+02:00'), HOUR, officeHours)).toEqual(
      at('2026-06-09T10:00+02:00'),
    );
  });

  it('ends at closing time, not at the next opening, when the duration fills the day exactly', () => {
    expect(addWorkingTime(at('2026-06-08T09:00+02:00'), EIGHT_HOURS, officeHours)).toEqual(
      at('2026-06-08T17:00+02:00'),
    );
  });

  it('treats closing time as outside working hours', () => {
    expect(addWorkingTime(at('2026-06-05T17:00+02:00'), EIGHT_HOURS, officeHours)).toEqual(
      at('2026-06-08T17:00+02:00'),
    );
  });

  it('spans several weeks', () => {
    expect(addWorkingTime(at('2026-06-08T09:00+02:00'), 10 * EIGHT_HOURS + HOUR, officeHours)).toEqual(
      at('2026-06-22T10:00+02:00'),
    );
  });

  it('keeps local hours when clocks go forward (last Sunday of March)', () => {
    // Friday 27 March 2026 is winter time (UTC+1); Monday 30 March is summer time (UTC+2).
    expect(addWorkingTime(at('2026-03-27T16:00+01:00'), EIGHT_HOURS, officeHours)).toEqual(
      at('2026-03-30T16:00+02:00'),
    );
  });

  it('keeps local hours when clocks go back (last Sunday of October)', () => {
    // Friday 23 October 2026 is summer time (UTC+2); Monday 26 October is winter time (UTC+1).
    expect(addWorkingTime(at('2026-10-23T16:00+02:00'), EIGHT_HOURS, officeHours)).toEqual(
      at('2026-10-26T16:00+01:00'),
    );
  });

  it('counts real elapsed time on a 24/7 schedule, across both DST changes', () => {
    const always = schedule('1-7', '00:00-24:00');
    for (const start of [
      at('2026-03-28T12:00+01:00'),
      at('2026-10-24T12:00+02:00'),
      at('2026-06-10T08:15+02:00'),
    ]) {
      for (const duration of [1, HOUR, 24 * HOUR, 72 * HOUR + 1234]) {
        expect(addWorkingTime(start, duration, always)).toEqual(new Date(start.getTime() + duration));
      }
    }
  });

  it('answers the start itself for a zero duration, inside or outside working hours', () => {
    for (const start of [at('2026-06-05T16:00+02:00'), at('2026-06-06T10:30+02:00')]) {
      const due = addWorkingTime(start, 0, officeHours);
      expect(due).toEqual(start);
      expect(due).not.toBe(start);
    }
  });

  it('uses the schedule’s own time zone', () => {
    const newYork = schedule('1-5', '09:00-17:00', 'America/New_York');
    expect(addWorkingTime(at('2026-06-05T16:00-04:00'), EIGHT_HOURS, newYork)).toEqual(
      at('2026-06-08T16:00-04:00'),
    );
  });

  it('refuses a negative duration, an invalid date and a schedule without working time', () => {
    expect(() => addWorkingTime(at('2026-06-05T16:00+02:00'), -1, officeHours)).toThrow(RangeError);
    expect(() => addWorkingTime(new Date(Number.NaN), HOUR, officeHours)).toThrow(RangeError);
    expect(() => addWorkingTime(at('2026-06-05T16:00+02:00'), HOUR, { ...officeHours, days: [] })).toThrow(
      RangeError,
    );
    expect(() =>
      addWorkingTime(at('2026-06-05T16:00+02:00'), HOUR, {
        ...officeHours,
        startMinute: 600,
        endMinute: 600,
      }),
    ).toThrow(RangeError);
  });
});

describe(workingTimeBetween.name, () => {
  const officeHours = DEFAULT_WORKING_SCHEDULE;

  it('counts only working hours over a weekend', () => {
    expect(workingTimeBetween(at('2026-06-05T16:00+02:00'), at('2026-06-08T10:30+02:00'), officeHours)).toBe(
      2.5 * HOUR,
    );
  });

  it('counts a full working week as 40 hours, across the DST change', () => {
    expect(workingTimeBetween(at('2026-03-23T00:00+01:00'), at('2026-03-30T00:00+02:00'), officeHours)).toBe(
      40 * HOUR,
    );
    expect(workingTimeBetween(at('2026-10-19T00:00+02:00'), at('2026-10-26T00:00+01:00'), officeHours)).toBe(
      40 * HOUR,
    );
  });

  it('counts the real length of working hours that contain the DST change', () => {
    // 01:00–04:00 local: on 29 March 2026 02:00 jumps to 03:00 (2 h); on 25 October 03:00 repeats 02:00 (4 h).
    const night = schedule('1-7', '01:00-04:00');
    expect(workingTimeBetween(at('2026-03-29T00:00+01:00'), at('2026-03-30T00:00+02:00'), night)).toBe(
      2 * HOUR,
    );
    expect(workingTimeBetween(at('2026-10-25T00:00+02:00'), at('2026-10-26T00:00+01:00'), night)).toBe(
      4 * HOUR,
    );
  });

  it('skips the hour that does not exist and counts the hour that repeats', () => {
    // 29 March 2026: local 02:30–03:00 never happens, so 02:30–03:15 is only 03:00–03:15.
    const inGap = schedule('7', '02:30-03:15');
    expect(workingTimeBetween(at('2026-03-29T00:00+01:00'), at('2026-03-30T00:00+02:00'), inGap)).toBe(
      HOUR / 4,
    );
    expect(addWorkingTime(at('2026-03-29T00:00+01:00'), 60_000, inGap)).toEqual(at('2026-03-29T03:01+02:00'));
    // 25 October 2026: local 02:00–02:30 happens twice, so 01:00–02:30 lasts two hours.
    const inOverlap = schedule('7', '01:00-02:30');
    expect(workingTimeBetween(at('2026-10-25T00:00+02:00'), at('2026-10-26T00:00+01:00'), inOverlap)).toBe(
      2 * HOUR,
    );
    expect(addWorkingTime(at('2026-10-25T00:00+02:00'), 1.75 * HOUR, inOverlap)).toEqual(
      at('2026-10-25T02:15+01:00'),
    );
  });

  it('answers 0 when the end is not after the start', () => {
    expect(workingTimeBetween(at('2026-06-08T12:00+02:00'), at('2026-06-08T12:00+02:00'), officeHours)).toBe(
      0,
    );
    expect(workingTimeBetween(at('2026-06-08T12:00+02:00'), at('2026-06-08T10:00+02:00'), officeHours)).toBe(
      0,
    );
  });

  it('measures back exactly what addWorkingTime added', () => {
    const starts = [
      at('2026-03-27T16:59:59.500+01:00'),
      at('2026-03-28T03:00+01:00'),
      at('2026-10-23T12:34+02:00'),
      at('2026-12-24T17:00+01:00'),
    ];
    for (const start of starts) {
      for (const duration of [1, 59_999, HOUR, EIGHT_HOURS, 41 * HOUR + 7]) {
        const due = addWorkingTime(start, duration, officeHours);
        expect(workingTimeBetween(start, due, officeHours)).toBe(duration);
      }
    }
  });
});

describe(parseWorkingSchedule.name, () => {
  it('parses ranges and lists of days, hours and the time zone', () => {
    const expected = {
      timeZone: 'Europe/Amsterdam',
      days: [1, 2, 3, 4, 5],
      startMinute: 540,
      endMinute: 1020,
    };
    expect(parseWorkingSchedule('1-5', '09:00-17:00', 'Europe/Amsterdam')).toEqual(expected);
    expect(parseWorkingSchedule('1,2,3,4,5', '09:00-17:00', 'Europe/Amsterdam')).toEqual(expected);
    expect(parseWorkingSchedule(' 5, 1-4 ,3 ', ' 9:00 - 17:00 ', 'Europe/Amsterdam')).toEqual(expected);
    expect(parseWorkingSchedule('1-5', '09:00-17:00', 'Europe/Amsterdam')).toEqual(DEFAULT_WORKING_SCHEDULE);
  });

  it('accepts a whole week and a whole day', () => {
    expect(parseWorkingSchedule('1-7', '00:00-24:00', 'UTC')).toEqual({
      timeZone: 'UTC',
      days: [1, 2, 3, 4, 5, 6, 7],
      startMinute: 0,
      endMinute: 1440,
    });
  });

  it.each(['', '0-5', '1-8', '5-1', 'mon-fri', '1,,2', '1-5-7'])('refuses the days %p', (days) => {
    const result = parseWorkingSchedule(days, '09:00-17:00', 'Europe/Amsterdam');
    expect(result).toEqual(expect.stringContaining(`working days ${JSON.stringify(days)}`));
  });

  it.each([
    '',
    '9-17',
    '17:00-09:00',
    '09:00-09:00',
    '24:00-24:00',
    '09:60-17:00',
    '00:00-24:30',
    '00:00-25:00',
  ])('refuses the hours %p', (hours) => {
    const result = parseWorkingSchedule('1-5', hours, 'Europe/Amsterdam');
    expect(result).toEqual(expect.stringContaining(`working hours ${JSON.stringify(hours)}`));
  });

  it.each(['', 'Mars/Olympus_Mons', 'CET+1'])('refuses the time zone %p', (timeZone) => {
    const result = parseWorkingSchedule('1-5', '09:00-17:00', timeZone);
    expect(result).toEqual(expect.stringContaining(`working time zone ${JSON.stringify(timeZone)}`));
  });

  it('reports every problem at once', () => {
    const result = parseWorkingSchedule('weekdays', '9 to 5', 'Nowhere');
    expect(typeof result).toBe('string');
    expect(result).toEqual(expect.stringContaining('working days'));
    expect(result).toEqual(expect.stringContaining('working hours'));
    expect(result).toEqual(expect.stringContaining('working time zone'));
  });
});
