import type { CompanyNameMatch } from '@app/domain';
import { foldText } from './fold-text';
import { levenshteinRatio } from './levenshtein';

/** At or above this similarity two names are shown to the agent as similar. */
const SIMILAR_COMPANY_NAME = 0.8;

// Legal forms say how a company is organised, not which company it is: "Acme B.V." is "Acme BV" is "Acme".
const LEGAL_FORM_PHRASES =
  /\b(?:besloten vennootschap|naamloze vennootschap|vennootschap onder firma|commanditaire vennootschap|in oprichting|met beperkte aansprakelijkheid|uitgesloten aansprakelijkheid)\b/g;
const LEGAL_FORM_TOKENS = new Set([
  'bv',
  'nv',
  'vof',
  'cv',
  'ua',
  'wa',
  'ba',
  'io',
  'bvba',
  'eenmanszaak',
  'stichting',
  'vereniging',
  'cooperatie',
  'maatschap',
  'ltd',
  'limited',
  'inc',
  'llc',
  'gmbh',
  'plc',
  'sa',
]);

// "Holding" is not dropped: "Acme Holding B.V." and "Acme B.V." are two companies. Words like it weigh
// little, so the pair reads as similar (not exact), and "Acme Services" is not similar to "Bolt Services".
const GENERIC_TOKENS = new Set([
  'holding',
  'beheer',
  'groep',
  'group',
  'nederland',
  'netherlands',
  'nl',
  'international',
  'internationaal',
  'services',
  'diensten',
  'management',
  'de',
  'het',
  'the',
  'en',
  'and',
]);
const GENERIC_WEIGHT = 0.3;

/** Lower case, no accents or punctuation, no legal form, "&" as "en"; the words in order. */
export function normaliseCompanyName(name: string): string[] {
  const plain = foldText(name)
    .replace(/&/g, ' en ')
    .replace(/\./g, '')
    .replace(LEGAL_FORM_PHRASES, ' ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  // "B V" or "V O F" written with spaces: single letters in a row are one abbreviation.
  const tokens = plain === '' ? [] : joinSingleLetters(plain.split(' '));
  const meaningful = tokens.filter((token) => !LEGAL_FORM_TOKENS.has(token));
  return meaningful.length > 0 ? meaningful : tokens;
}

/**
 * How alike two company names are, from 0 to 1: the better of a weighted word overlap (words may differ
 * by a typo) and the edit distance of the whole names. `exact` means equal once normalised.
 */
export function compareCompanyNames(a: string, b: string): { match: CompanyNameMatch; similarity: number } {
  const left = normaliseCompanyName(a);
  const right = normaliseCompanyName(b);
  if (left.length === 0 || right.length === 0) return { match: 'different', similarity: 0 };
  if (left.join(' ') === right.join(' ')) return { match: 'exact', similarity: 1 };
  const similarity = round(
    Math.max(wordOverlap(left, right), levenshteinRatio(left.join(' '), right.join(' '))),
  );
  return { match: similarity >= SIMILAR_COMPANY_NAME ? 'similar' : 'different', similarity };
}

function joinSingleLetters(tokens: string[]): string[] {
  const joined: string[] = [];
  let letters = '';
  for (const token of tokens) {
    if (token.length === 1 && /\p{L}/u.test(token)) {
      letters += token;
      continue;
    }
    if (letters) joined.push(letters);
    letters = '';
    joined.push(token);
  }
  if (letters) joined.push(letters);
  return joined;
}

function weight(token: string): number {
  return GENERIC_TOKENS.has(token) ? GENERIC_WEIGHT : 1;
}

/** A weighted Dice coefficient: each word of `a` pairs with the most alike unused word of `b`. */
function wordOverlap(a: string[], b: string[]): number {
  const unused = [...b];
  let shared = 0;
  for (const token of a) {
    let best = -1;
    let bestRatio = 0;
    unused.forEach((candidate, index) => {
      const ratio = token === candidate ? 1 : wordsAlike(token, candidate);
      if (ratio > bestRatio) {
        best = index;
        bestRatio = ratio;
      }
    });
    if (best !== -1) {
      shared += Math.min(weight(token), weight(unused[best] ?? token)) * bestRatio;
      unused.splice(best, 1);
    }
  }
  const total = a.reduce((sum, t) => sum + weight(t), 0) + b.reduce((sum, t) => sum + weight(t), 0);
  return total === 0 ? 0 : (2 * shared) / total;
}

/** Long words that differ by a typo count as the same word; short ones must be equal. */
function wordsAlike(a: string, b: string): number {
  if (Math.min(a.length, b.length) < 4) return 0;
  const ratio = levenshteinRatio(a, b);
  return ratio >= 0.8 ? ratio : 0;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
