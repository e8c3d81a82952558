const AMSTERDAM_TIME = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Amsterdam',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/**
 * A moment as our mails show it, in the Netherlands' own time: `30 November 2026 14:05 (Amsterdam time)`.
 * Built from the parts, so the wording does not change with the ICU version.
 */
export function formatAmsterdamTime(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new RangeError('cannot format an invalid date');
  const parts: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const part of AMSTERDAM_TIME.formatToParts(date)) parts[part.type] = part.value;
  const { day = '', month = '', year = '', hour = '', minute = '' } = parts;
  return `${day} ${month} ${year} ${hour}:${minute} (Amsterdam time)`;
}
