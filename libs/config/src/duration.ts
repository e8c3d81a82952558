const ISO_DURATION =
  /^P(?:(?<weeks>\d+(?:\.\d+)?)W)?(?:(?<days>\d+(?:\.\d+)?)D)?(?:T(?:(?<hours>\d+(?:\.\d+)?)H)?(?:(?<minutes>\d+(?:\.\d+)?)M)?(?:(?<seconds>\d+(?:\.\d+)?)S)?)?$/;

const MS_PER = {
  weeks: 7 * 24 * 3600_000,
  days: 24 * 3600_000,
  hours: 3600_000,
  minutes: 60_000,
  seconds: 1000,
} as const;

/**
 * Parses an ISO-8601 duration (`P7D`, `PT24H`, `PT1.5S`) or a whole number of milliseconds (`5000`)
 * into milliseconds. Years and months are refused: their length depends on the calendar.
 * Returns undefined when the text is neither.
 */
export function parseDuration(text: string): number | undefined {
  const value = text.trim();
  if (/^\d+$/.test(value)) return Number(value);
  if (value === 'P' || value.endsWith('T')) return undefined;
  const match = ISO_DURATION.exec(value.toUpperCase());
  if (!match?.groups) return undefined;
  let total = 0;
  for (const [unit, factor] of Object.entries(MS_PER)) {
    const amount = match.groups[unit];
    if (amount !== undefined) total += Number(amount) * factor;
  }
  return Math.round(total);
}
