/** The language of a case: every mail about it is written in it. English unless the requester reads Dutch. */
export const CASE_LANGUAGES = ['en', 'nl'] as const;

export type CaseLanguage = (typeof CASE_LANGUAGES)[number];

/** The language of a case whose requester did not choose one. */
export const DEFAULT_CASE_LANGUAGE: CaseLanguage = 'en';

export function isCaseLanguage(value: unknown): value is CaseLanguage {
  return typeof value === 'string' && (CASE_LANGUAGES as readonly string[]).includes(value);
}

/** `q=1`, `q=0.8`, `q=0.125`: a weight from 0 to 1 with at most three decimals (RFC 9110, section 12.4.2). */
const QUALITY = /^q=(0(\.\d{0,3})?|1(\.0{0,3})?)$/i;

interface Preference {
  /** The primary language subtag, lower case: `nl` of `nl-BE`. */
  language: string;
  quality: number;
  position: number;
}

function preferenceOf(range: string, position: number): Preference | undefined {
  const [tag = '', ...parameters] = range.split(';').map((part) => part.trim());
  if (!tag) return undefined;
  let quality = 1;
  for (const parameter of parameters) {
    if (!/^q=/i.test(parameter)) continue;
    if (!QUALITY.test(parameter)) return undefined;
    quality = Number(parameter.slice(2));
  }
  const language = tag.toLowerCase().split(/[-_]/)[0] ?? '';
  return { language, quality, position };
}

/**
 * The case language an `Accept-Language` header asks for: Dutch (`nl`, `nl-NL`, `nl-BE`, …) when it ranks
 * above any English, by its q-value and, at equal q-values, by its place in the header; English otherwise,
 * also for an absent or malformed header, a wildcard or only other languages. A q-value of 0 refuses.
 */
export function languageFromAcceptLanguage(header: string | undefined): CaseLanguage {
  if (!header) return DEFAULT_CASE_LANGUAGE;
  const ranked = header
    .split(',')
    .map(preferenceOf)
    .filter((preference): preference is Preference => preference !== undefined && preference.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.position - b.position);
  for (const { language } of ranked) if (isCaseLanguage(language)) return language;
  return DEFAULT_CASE_LANGUAGE;
}
