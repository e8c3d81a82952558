import { formatAmsterdamTime } from './format-date';

describe(formatAmsterdamTime.name, () => {
  describe('in English', () => {
    it('shows winter time (UTC+1)', () => {
      expect(formatAmsterdamTime(new Date('2026-11-30T13:05:00Z'), 'en')).toBe(
        '30 November 2026 14:05 (Amsterdam time)',
      );
    });

    it('shows summer time (UTC+2), single-digit days and hours padded to two digits', () => {
      expect(formatAmsterdamTime(new Date('2026-06-01T07:09:59Z'), 'en')).toBe(
        '1 June 2026 09:09 (Amsterdam time)',
      );
    });

    it('moves to the next day in Amsterdam when it is still the day before in UTC', () => {
      expect(formatAmsterdamTime(new Date('2026-12-31T23:30:00Z'), 'en')).toBe(
        '1 January 2027 00:30 (Amsterdam time)',
      );
    });
  });

  describe('in Dutch', () => {
    it('shows the weekday, the month in lower case, and "om" before the time (winter time)', () => {
      expect(formatAmsterdamTime(new Date('2026-11-30T13:05:00Z'), 'nl')).toBe(
        'maandag 30 november 2026 om 14:05',
      );
    });

    it('shows summer time (UTC+2), single-digit days and hours padded to two digits', () => {
      expect(formatAmsterdamTime(new Date('2026-06-01T07:09:59Z'), 'nl')).toBe(
        'maandag 1 juni 2026 om 09:09',
      );
    });

    it('moves to the next day in Amsterdam when it is still the day before in UTC', () => {
      expect(formatAmsterdamTime(new Date('2026-12-31T23:30:00Z'), 'nl')).toBe(
        'vrijdag 1 januari 2027 om 00:30',
      );
    });
  });

  it.each(['en', 'nl'] as const)('refuses an invalid date (%s)', (language) => {
    expect(() => formatAmsterdamTime(new Date(Number.NaN), language)).toThrow(RangeError);
  });
});
