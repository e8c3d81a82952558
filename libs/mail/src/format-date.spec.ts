import { formatAmsterdamTime } from './format-date';

describe(formatAmsterdamTime.name, () => {
  it('shows winter time (UTC+1)', () => {
    expect(formatAmsterdamTime(new Date('2026-11-30T13:05:00Z'))).toBe(
      '30 November 2026 14:05 (Amsterdam time)',
    );
  });

  it('shows summer time (UTC+2), single-digit days and hours padded to two digits', () => {
    expect(formatAmsterdamTime(new Date('2026-06-01T07:09:59Z'))).toBe('1 June 2026 09:09 (Amsterdam time)');
  });

  it('moves to the next day in Amsterdam when it is still the day before in UTC', () => {
    expect(formatAmsterdamTime(new Date('2026-12-31T23:30:00Z'))).toBe(
      '1 January 2027 00:30 (Amsterdam time)',
    );
  });

  it('refuses an invalid date', () => {
    expect(() => formatAmsterdamTime(new Date(Number.NaN))).toThrow(RangeError);
  });
});
