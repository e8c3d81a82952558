/**
 * Working hours: the review SLA counts only time inside them, in the schedule's time zone, so that a case
 * entering review on Friday afternoon is not overdue by Saturday. An instant is working time when its local
 * wall-clock time, in the schedule's time zone, falls on a working day within the working hours; durations are
 * real elapsed time. Local times come from `Intl.DateTimeFormat`, which keeps weekends and daylight-saving
 * changes right without a date library (and keeps this module pure, fit for workflow code too).
 */

/** When work happens: ISO weekdays (1 = Monday … 7 = Sunday) and a daily window in local wall-clock time. */
export interface WorkingSchedule {
  /** An IANA time zone, such as `Europe/Amsterdam`. */
  timeZone: string;
  /** ISO weekdays, 1 = Monday … 7 = Sunday. */
  days: readonly number[];
  /** Minutes after local midnight when work starts (inclusive). */
  startMinute: number;
  /** Minutes after local midnight when work ends (exclusive); 1440 is the end of the day. */
  endMinute: number;
}

/** The default review SLA schedule: Monday to Friday, 09:00–17:00, Amsterdam time. */
export const DEFAULT_WORKING_SCHEDULE: WorkingSchedule = {
  timeZone: 'Europe/Amsterdam',
  days: [1, 2, 3, 4, 5],
  startMinute: 9 * 60,
  endMinute: 17 * 60,
};

const MINUTES_PER_DAY = 1440;
const MS_PER_DAY = 86_400_000;

const DAYS_PATTERN = /^\s*([1-7])\s*(?:-\s*([1-7])\s*)?$/;
const HOURS_PATTERN = /^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$/;

/**
 * Parses working days (`1-5`, `1,2,3,4,5`, `1-5,7`), working hours (`09:00-17:00`, `00:00-24:00`) and an IANA
 * time zone, as configuration gives them. Answers the schedule, or a message that says what is wrong.
 */
export function parseWorkingSchedule(
  days: string,
  hours: string,
  timeZone: string,
  /** What the messages call each part: configuration passes the names of its variables. */
  names: { days: string; hours: string; timeZone: string } = {
    days: 'working days',
    hours: 'working hours',
    timeZone: 'working time zone',
  },
): WorkingSchedule | string {
  const problems: string[] = [];

  const parsedDays = parseDays(days, names.days);
  if (typeof parsedDays === 'string') problems.push(parsedDays);

  const parsedHours = parseHours(hours, names.hours);
  if (typeof parsedHours === 'string') problems.push(parsedHours);

  const zone = canonicalTimeZone(timeZone);
  if (zone === undefined) {
    problems.push(
      `${names.timeZone} ${JSON.stringify(timeZone)} is not a known IANA time zone such as "Europe/Amsterdam"`,
    );
  }

  if (typeof parsedDays === 'string' || typeof parsedHours === 'string' || zone === undefined) {
    return problems.join('; ');
  }
  return {
    timeZone: zone,
    days: parsedDays,
    startMinute: parsedHours.startMinute,
    endMinute: parsedHours.endMinute,
  };
}

/**
 * The moment when `durationMs` of working time has passed since `start`: the earliest instant `t` with
 * `workingTimeBetween(start, t, schedule) === durationMs`. A start outside working hours begins counting at
 * the next opening; a zero duration answers `start` itself.
 */
export function addWorkingTime(start: Date, durationMs: number, schedule: WorkingSchedule): Date {
  const from = instantOf(start, 'start');
  if (!Number.isFinite(durationMs) || durationMs < 0) {
    throw new RangeError(
      `working time to add must be a finite, non-negative number of ms (got ${durationMs})`,
    );
  }
  if (durationMs === 0) return new Date(from);
  let remaining = durationMs;
  for (const { open, close } of workingIntervals(from, schedule)) {
    const begin = Math.max(open, from);
    if (close <= begin) continue;
    const available = close - begin;
    if (remaining <= available) return new Date(begin + remaining);
    remaining -= available;
  }
  // workingIntervals never ends for a valid schedule; the checks there make this unreachable.
  throw new RangeError('the working schedule has no working time');
}

/** Milliseconds of working time between two instants; 0 when `to` is not after `from`. */
export function workingTimeBetween(from: Date, to: Date, schedule: WorkingSchedule): number {
  const begin = instantOf(from, 'from');
  const end = instantOf(to, 'to');
  if (end <= begin) {
    assertValidSchedule(schedule);
    return 0;
  }
  let total = 0;
  for (const { open, close } of workingIntervals(begin, schedule)) {
    if (open >= end) break;
    const overlap = Math.min(close, end) - Math.max(open, begin);
    if (overlap > 0) total += overlap;
  }
  return total;
}

// ---------------------------------------------------------------------------------------------------------

interface LocalDate {
  year: number;
  month: number;
  day: number;
}

interface Interval {
  open: number;
  close: number;
}

/** The working intervals (epoch ms) of each working day, from the local day that contains `fromMs` onwards. */
function* workingIntervals(fromMs: number, schedule: WorkingSchedule): Generator<Interval, never> {
  assertValidSchedule(schedule);
  const days = new Set(schedule.days);
  const local = localParts(fromMs, schedule.timeZone);
  let date: LocalDate = { year: local.year, month: local.month, day: local.day };
  for (;;) {
    if (days.has(isoWeekday(date))) yield* intervalsOfDay(date, schedule);
    date = nextDay(date);
  }
}

/**
 * The instants of one local day whose wall-clock time lies within the working hours: one interval, or two on
 * the day the clocks change inside or around the working hours (the hour that repeats counts twice, the hour
 * that is skipped not at all).
 */
function intervalsOfDay(date: LocalDate, schedule: WorkingSchedule): Interval[] {
  const { timeZone, startMinute, endMinute } = schedule;
  // Wall-clock times written as if they were UTC; subtracting the offset gives the instant.
  const wallOpen = Date.UTC(date.year, date.month - 1, date.day, 0, startMinute);
  const wallClose = Date.UTC(date.year, date.month - 1, date.day, 0, endMinute);
  // Offsets are within ±14 h, and zones change their offset at most once in a few days.
  const searchFrom = wallOpen - MS_PER_DAY;
  const searchTo = wallClose + MS_PER_DAY;
  const before = offsetAt(searchFrom, timeZone);
  const after = offsetAt(searchTo, timeZone);
  if (before === after) return [{ open: wallOpen - before, close: wallClose - before }];
  const change = offsetChange(searchFrom, searchTo, before, timeZone);
  return [
    { open: wallOpen - before, close: Math.min(wallClose - before, change) },
    { open: Math.max(wallOpen - after, change), close: wallClose - after },
  ].filter(({ open, close }) => close > open);
}

function assertValidSchedule(schedule: WorkingSchedule): void {
  const { days, startMinute, endMinute, timeZone } = schedule;
  if (days.length === 0 || !days.every((day) => Number.isInteger(day) && day >= 1 && day <= 7)) {
    throw new RangeError(`working days must be ISO weekdays 1 to 7, at least one (got [${days.join(', ')}])`);
  }
  if (
    !Number.isInteger(startMinute) ||
    !Number.isInteger(endMinute) ||
    startMinute < 0 ||
    endMinute > MINUTES_PER_DAY ||
    startMinute >= endMinute
  ) {
    throw new RangeError(
      `working hours must satisfy 0 <= start < end <= 1440 (got ${startMinute}-${endMinute})`,
    );
  }
  if (canonicalTimeZone(timeZone) === undefined) {
    throw new RangeError(`unknown time zone ${JSON.stringify(timeZone)}`);
  }
}

function instantOf(date: Date, name: string): number {
  const ms = date.getTime();
  if (Number.isNaN(ms)) throw new RangeError(`${name} is not a valid date`);
  return ms;
}

function parseDays(text: string, name: string): number[] | string {
  const problem = `${name} ${JSON.stringify(text)} must be ISO weekdays 1 (Monday) to 7 (Sunday), as a list or ranges such as "1-5" or "1,2,3,4,5"`;
  const days = new Set<number>();
  for (const part of text.split(',')) {
    const match = DAYS_PATTERN.exec(part);
    if (!match) return problem;
    const first = Number(match[1]);
    const last = match[2] === undefined ? first : Number(match[2]);
    if (last < first) return `${problem}; a range goes from the lower to the higher day`;
    for (let day = first; day <= last; day++) days.add(day);
  }
  return [...days].sort((a, b) => a - b);
}

function parseHours(text: string, name: string): { startMinute: number; endMinute: number } | string {
  const problem = `${name} ${JSON.stringify(text)} must be "HH:MM-HH:MM" with the start before the end, such as "09:00-17:00" or "00:00-24:00"`;
  const match = HOURS_PATTERN.exec(text);
  if (!match) return problem;
  const [, startHour, startMin, endHour, endMin] = match.map(Number);
  if (startHour === undefined || startMin === undefined || endHour === undefined || endMin === undefined) {
    return problem;
  }
  if (startHour > 23 || endHour > 24 || startMin > 59 || endMin > 59 || (endHour === 24 && endMin !== 0)) {
    return problem;
  }
  const startMinute = startHour * 60 + startMin;
  const endMinute = endHour * 60 + endMin;
  if (startMinute >= endMinute) return problem;
  return { startMinute, endMinute };
}

// Formatters are costly to build; one per time zone is kept. Undefined marks a zone Intl refused.
const formatters = new Map<string, Intl.DateTimeFormat | undefined>();

function formatterFor(timeZone: string): Intl.DateTimeFormat | undefined {
  if (formatters.has(timeZone)) return formatters.get(timeZone);
  let formatter: Intl.DateTimeFormat | undefined;
  try {
    formatter =
      timeZone.trim() === ''
        ? undefined
        : new Intl.DateTimeFormat('en-US', {
            timeZone,
            hourCycle: 'h23',
            year: 'numeric',
            month: 'numeric',
            day: 'numeric',
            hour: 'numeric',
            minute: 'numeric',
            second: 'numeric',
          });
  } catch {
    formatter = undefined;
  }
  formatters.set(timeZone, formatter);
  return formatter;
}

function canonicalTimeZone(timeZone: string): string | undefined {
  return formatterFor(timeZone)?.resolvedOptions().timeZone;
}

function localParts(
  ms: number,
  timeZone: string,
): LocalDate & { hour: number; minute: number; second: number } {
  const formatter = formatterFor(timeZone);
  if (!formatter) throw new RangeError(`unknown time zone ${JSON.stringify(timeZone)}`);
  const parts: Record<string, number> = {};
  for (const part of formatter.formatToParts(ms)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

/** The zone's offset from UTC at an instant, in ms (Amsterdam: +1 h in winter, +2 h in summer). */
function offsetAt(ms: number, timeZone: string): number {
  const wholeSeconds = Math.floor(ms / 1000) * 1000;
  const p = localParts(wholeSeconds, timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - wholeSeconds;
}

/** The first instant (a whole second) after `from` with an offset other than `before`, up to `to`. */
function offsetChange(from: number, to: number, before: number, timeZone: string): number {
  let low = Math.floor(from / 1000);
  let high = Math.ceil(to / 1000);
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (offsetAt(middle * 1000, timeZone) === before) low = middle;
    else high = middle;
  }
  return high * 1000;
}

function isoWeekday({ year, month, day }: LocalDate): number {
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return weekday === 0 ? 7 : weekday;
}

function nextDay({ year, month, day }: LocalDate): LocalDate {
  const next = new Date(Date.UTC(year, month - 1, day + 1));
  return { year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() };
}
