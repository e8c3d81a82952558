import { foldText } from './fold-text';

// Dutch surname particles (tussenvoegsels) and their neighbours: "de Vries" is filed under V, written
// "Vries, Anna de" or "De Vries, Anna", so they are left out when names are compared.
const PARTICLES = new Set([
  'de',
  'den',
  'der',
  'des',
  'het',
  'van',
  'vd',
  'ter',
  'ten',
  'te',
  'in',
  'op',
  'aan',
  'bij',
  'uit',
  'onder',
  'over',
  'voor',
  'tot',
  'la',
  'le',
  'les',
  'du',
  'da',
  'di',
  'del',
  'della',
  'dos',
  'das',
  'von',
  'vom',
  'zu',
  'zum',
  'zur',
]);

// Forms of address and titles that are no part of a name.
const TITLES = /\b(?:de heer|mevrouw|mevr|mw|dhr|mr|mrs|ms|dr|drs|ir|ing|prof)\b\.?/g;

/** A person's name split into given names and surname, each without particles, lower case, no accents. */
export interface PersonName {
  given: string[];
  surname: string[];
}

/**
 * "De Vries, Anna Maria", "Vries, Anna Maria de", "Anna Maria de Vries", "A.M. de Vries": the comma
 * separates surname and given names when there is one; otherwise the surname starts at the first particle
 * or double name after the given names, or is the last word.
 */
export function parsePersonName(name: string): PersonName {
  const plain = foldText(name)
    .replace(/['’`]t\b/g, ' ')
    .replace(TITLES, ' ');
  const comma = plain.indexOf(',');
  if (comma !== -1) {
    return { surname: core(words(plain.slice(0, comma))), given: core(words(plain.slice(comma + 1))) };
  }
  // Split on spaces first: a double surname ("Jansen-de Boer") is one word here and starts the surname.
  const parts = plain.split(/[\s.]+/).filter((part) => words(part).length > 0);
  const start = parts.findIndex((part, index) => index > 0 && (PARTICLES.has(part) || part.includes('-')));
  const split = start !== -1 ? start : parts.length - 1;
  return {
    given: core(words(parts.slice(0, split).join(' '))),
    surname: core(words(parts.slice(split).join(' '))),
  };
}

/**
 * Whether two written names plausibly name the same person: the surname of one is in the other, and a given
 * name (or its initial) of that other matches one of the first's. Order, case, accents, particles and
 * initials do not matter; a nickname does (the agent still sees both names). A name compared with many
 * others may be parsed once, with `parsePersonName`.
 */
export function samePerson(a: string | PersonName, b: string | PersonName): boolean {
  const left = typeof a === 'string' ? parsePersonName(a) : a;
  const right = typeof b === 'string' ? parsePersonName(b) : b;
  return surnameAndGivenMatch(left, right) || surnameAndGivenMatch(right, left);
}

function surnameAndGivenMatch(listed: PersonName, other: PersonName): boolean {
  if (listed.surname.length === 0 || listed.given.length === 0) return false;
  const rest = [...other.given, ...other.surname];
  for (const part of listed.surname) {
    const at = rest.indexOf(part);
    if (at === -1) return false;
    rest.splice(at, 1);
  }
  return rest.some((word) => listed.given.some((given) => givenNamesMatch(given, word)));
}

function givenNamesMatch(a: string, b: string): boolean {
  if (a === b) return true;
  return (a.length === 1 && b.startsWith(a)) || (b.length === 1 && a.startsWith(b));
}

/** Words of a name; hyphens and dots separate ("Jansen-de Boer", "A.M."). */
function words(text: string): string[] {
  return text.split(/[^\p{L}]+/u).filter((word) => word !== '');
}

function core(words: string[]): string[] {
  return words.filter((word) => !PARTICLES.has(word));
}
