import type { CaseLanguage } from '@app/domain';

const PARTS: Intl.DateTimeFormatOptions = {
  timeZone: 'Europe/Amsterdam',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
};

const AMSTERDAM_TIME: Record<CaseLanguage, Intl.DateTimeFormat> = {
  en: new Intl.DateTimeFormat('en-GB', PARTS),
  nl: new Intl.DateTimeFormat('nl-NL', { ...PARTS, weekday: 'long' }),
};

type Parts = Partial<Record<Intl.DateTimeFormatPartTypes, string>>;

// A record keyed by every language: adding a language without its wording does not compile.
const WORDING: Record<CaseLanguage, (parts: Parts) => string> = {
  en: ({ day = '', month = '', year = '', hour = '', minute = '' }) =>
    `${day} ${month} ${year} ${hour}:${minute} (Amsterdam time)`,
  nl: ({ weekday = '', day = '', month = '', year = '', hour = '', minute = '' }) =>
    `${weekday} ${day} ${month} ${year} om ${hour}:${minute}`,
};

/**
 * A moment as our mails show it, in the Netherlands' own time: `30 November 2026 14:05 (Amsterdam time)`,
 * or in Dutch `maandag 30 november 2026 om 14:05`. Built from the parts, so the wording does not change with
 * the ICU version.
 */
export function formatAmsterdamTime(date: Date, language: CaseLanguage): string {
  if (Number.isNaN(date.getTime())) throw new RangeError('cannot format an invalid date');
  const parts: Parts = {};
  for (const part of AMSTERDAM_TIME[language].formatToParts(date)) parts[part.type] = part.value;
  return WORDING[language](parts);
}
