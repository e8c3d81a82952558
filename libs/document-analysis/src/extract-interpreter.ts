import type { OfficerRole } from '@app/domain';
import type { ExtractData, ExtractOfficer } from './extract-data';
import { interpretAuthority, looksLikeAuthority } from './officer-authority';

/*
 * The layout of an extract (Dutch; the English one has the same structure):
 *
 *   Uittreksel Handelsregister Kamer van Koophandel
 *   KvK-nummer 12345678                                  Pagina 1 (van 2)
 *   Rechtspersoon
 *   Statutaire naam          Acme B.V.
 *   Onderneming
 *   Handelsnamen             Acme
 *   Bestuurder
 *   Naam                     De Vries, Anna Maria
 *   Bevoegdheid              Alleen/zelfstandig bevoegd
 *   Gevolmachtigde
 *   Naam                     Jansen, Piet
 *   Bevoegdheid              Volledige volmacht
 *   Uittreksel is vervaardigd op 01-11-2026 om 10.15 uur.
 *
 * Text extraction turns the two columns into "label value", "label: value" or the value on the next line;
 * every field is read in all three forms.
 */

const EXTRACT_TITLE =
  /uittreksel\s+(?:uit\s+het\s+)?handelsregister|handelsregister\s*uittreksel|extract\s+from\s+the\s+(?:business|trade|commercial)\s+register|business\s+register\s+extract|uittreksel\s+is\s+vervaardigd\s+op|extract\s+was\s+made\s+on/i;

const KVK_NUMBER =
  /\b(?:kvk[\s-]*(?:nummer|number|nr\.?)|cci[\s-]*(?:number|no\.?)|chamber\s+of\s+commerce\s+number)\s*:?\s*((?:\d[ .]?){7}\d)(?!\d)/i;

const MADE_ON =
  /(?:uittreksel\s+is\s+vervaardigd\s+op|extract\s+was\s+made\s+on)\s*:?\s*(\d{1,2})[-./](\d{1,2})[-./](\d{4})(?:\s*(?:om|at)\s*(\d{1,2})[.:](\d{2}))?/i;

const ENGLISH_MARKERS =
  /\bcci\s+number\b|\bextract\s+from\s+the\b|\bextract\s+was\s+made\b|\blegal\s+name\b|\btrade\s+names?\b|\bdirector\b|\bauthority\b/gi;
const DUTCH_MARKERS =
  /\bkvk-nummer\b|\buittreksel\b|\bstatutaire\s+naam\b|\bhandelsnamen?\b|\bbestuurder\b|\bbevoegdheid\b|\bvervaardigd\b/gi;

const LEGAL_NAME_LABELS = ['Statutaire naam', 'Legal name', 'Statutory name'];
const TRADE_NAME_LABELS = ['Handelsnamen', 'Handelsnaam', 'Trade names', 'Trade name'];
const NAME_LABELS = ['Naam', 'Name'];
const AUTHORITY_LABELS = [
  'Bevoegdheid',
  'Bevoegdheden',
  'Authority',
  'Authorisation',
  'Authorization',
  'Powers',
];

/** Section headings of officers who can represent the company, with the role they stand for. */
const OFFICER_HEADINGS: readonly [OfficerRole, readonly string[]][] = [
  [
    'bestuurder',
    ['Bestuurder', 'Bestuurders', 'Director', 'Directors', 'Managing director', 'Managing directors'],
  ],
  [
    'gevolmachtigde',
    [
      'Gevolmachtigde',
      'Gevolmachtigden',
      'Gevolmachtigde(n)',
      'Authorised representative',
      'Authorised representatives',
      'Authorized representative',
      'Authorized representatives',
      'Proxy holder',
      'Proxy holders',
    ],
  ],
  ['eigenaar', ['Eigenaar', 'Owner']],
  ['vennoot', ['Vennoot', 'Vennoten', 'Partner', 'Partners']],
];

/** Other section headings: they end an officer's block (a shareholder is no officer). */
const OTHER_HEADINGS = [
  'Rechtspersoon',
  'Onderneming',
  'Vestiging',
  'Vestigingen',
  'Enig aandeelhouder',
  'Aandeelhouder',
  'Aandeelhouders',
  'Commissaris',
  'Commissarissen',
  'Functionarissen',
  'Bijzondere rechtstoestand',
  'Legal entity',
  'Company',
  'Establishment',
  'Establishments',
  'Branch',
  'Sole shareholder',
  'Shareholder',
  'Shareholders',
  'Supervisory director',
  'Supervisory directors',
  'Officials',
];

/**
 * Reads the text of a Chamber of Commerce extract, Dutch or English. Returns undefined when the text is
 * not an extract (an invoice with a KvK number in its footer is not one). Parts that cannot be found are
 * left out; what they mean is for the findings to say.
 */
export function interpretExtract(text: string): ExtractData | undefined {
  const texts = toLines(text);
  const joined = texts.join('\n');
  if (!EXTRACT_TITLE.test(joined)) return undefined;

  const lines = texts.map((line): Line => ({ text: line, heading: headingOf(line) }));
  const kvkNumber = KVK_NUMBER.exec(joined)?.[1]?.replace(/[ .]/g, '');
  const officerStart = lines.findIndex(({ heading }) => heading !== undefined && heading.role !== 'other');
  const header = officerStart === -1 ? lines : lines.slice(0, officerStart);
  const companyName =
    firstField(header, LEGAL_NAME_FIELD) ??
    firstField(header, TRADE_NAME_FIELD) ??
    firstField(header, NAME_FIELD);
  const extractDate = madeOn(joined);
  if (kvkNumber === undefined && companyName === undefined) return undefined;

  return {
    language: language(joined),
    ...(kvkNumber !== undefined && { kvkNumber }),
    ...(companyName !== undefined && { companyName }),
    ...(extractDate !== undefined && { extractDate }),
    officers: readOfficers(lines),
  };
}

function toLines(text: string): string[] {
  return text
    .replace(/\u00a0/g, ' ')
    .split(/\r\n|\r|\n/)
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line !== '');
}

function language(text: string): 'nl' | 'en' {
  const english = text.match(ENGLISH_MARKERS)?.length ?? 0;
  const dutch = text.match(DUTCH_MARKERS)?.length ?? 0;
  return english > dutch ? 'en' : 'nl';
}

function madeOn(text: string): string | undefined {
  const match = MADE_ON.exec(text);
  if (!match) return undefined;
  const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return undefined;
  }
  return date.toISOString().slice(0, 10);
}

/** One of the words, longest first, any run of white space where they have a space. */
function alternation(words: readonly string[]): string {
  return [...words]
    .sort((a, b) => b.length - a.length)
    .map((word) => word.split(' ').map(escape).join('\\s+'))
    .join('|');
}

/** `label value`, `label: value`, or the label alone with its value on the next line. */
function labelPattern(labels: readonly string[]): RegExp {
  return new RegExp(`^(?:${alternation(labels)})(?=$|[\\s:])\\s*:?\\s*(.*)$`, 'i');
}

const ANY_FIELD_LABEL = labelPattern([
  ...LEGAL_NAME_LABELS,
  ...TRADE_NAME_LABELS,
  ...NAME_LABELS,
  ...AUTHORITY_LABELS,
  'KvK-nummer',
  'CCI number',
  'RSIN',
  'Rechtsvorm',
  'Legal form',
  'Geboortedatum',
  'Date of birth',
  'Datum in functie',
  'Date of entry into office',
  'Titel',
  'Title',
]);

const LEGAL_NAME_FIELD = labelPattern(LEGAL_NAME_LABELS);
const TRADE_NAME_FIELD = labelPattern(TRADE_NAME_LABELS);
const NAME_FIELD = labelPattern(NAME_LABELS);
const AUTHORITY_FIELD = labelPattern(AUTHORITY_LABELS);

/** A line of the extract, with the section heading it starts with, found once. */
interface Line {
  text: string;
  heading: Heading | undefined;
}

/** A section heading: an officer's, with the role, or another; `rest` is the field beside it, if any. */
interface Heading {
  role: OfficerRole | 'other';
  rest: string;
}

function fieldAt(lines: readonly Line[], index: number, pattern: RegExp): string | undefined {
  const match = pattern.exec(lines[index]?.text ?? '');
  if (!match) return undefined;
  const value = match[1]?.trim() ?? '';
  if (value !== '') return value;
  const next = lines[index + 1];
  return next !== undefined && !ANY_FIELD_LABEL.test(next.text) && next.heading === undefined
    ? next.text
    : undefined;
}

function firstField(lines: readonly Line[], pattern: RegExp): string | undefined {
  for (let i = 0; i < lines.length; i += 1) {
    const value = fieldAt(lines, i, pattern);
    if (value !== undefined) return value;
  }
  return undefined;
}

const OFFICER_HEADING_PATTERNS = OFFICER_HEADINGS.map(
  ([role, names]) => [role, headingPattern(names)] as const,
);
const OTHER_HEADING_PATTERN = headingPattern(OTHER_HEADINGS);
const END_OF_OFFICERS = /^(?:uittreksel\s+is\s+vervaardigd|extract\s+was\s+made)/i;

/**
 * A heading stands alone on its line, or (in some layouts) in the left column beside the block's first
 * field: "Bestuurder Naam De Vries, Anna". `rest` is that field.
 */
function headingPattern(names: readonly string[]): RegExp {
  return new RegExp(`^(?:${alternation(names)})\\s*(?:\\(\\d+\\))?\\s*:?(?:\\s+(.*))?$`, 'i');
}

function headingOf(line: string): Heading | undefined {
  for (const [role, pattern] of OFFICER_HEADING_PATTERNS) {
    const rest = headingRest(line, pattern);
    if (rest !== undefined) return { role, rest };
  }
  const rest = headingRest(line, OTHER_HEADING_PATTERN);
  return rest === undefined ? undefined : { role: 'other', rest };
}

function headingRest(line: string, pattern: RegExp): string | undefined {
  const match = pattern.exec(line);
  if (!match) return undefined;
  const rest = match[1]?.trim() ?? '';
  // "Bestuurder van de vennootschap is ..." is prose, not a heading: only a field may follow one.
  return rest === '' || ANY_FIELD_LABEL.test(rest) ? rest : undefined;
}

interface OfficerDraft {
  role: OfficerRole;
  name?: string;
  authorityText?: string;
}

function readOfficers(lines: readonly Line[]): ExtractOfficer[] {
  const officers: ExtractOfficer[] = [];
  let draft: OfficerDraft | undefined;
  const flush = (): void => {
    if (draft?.name !== undefined) {
      officers.push({
        name: draft.name,
        role: draft.role,
        authority: interpretAuthority(draft.authorityText, draft.role),
        ...(draft.authorityText !== undefined && { authorityText: draft.authorityText }),
      });
    }
    draft = undefined;
  };
  // A heading that shares its line with the first field leaves that field to be read as a line of its own.
  const expanded = lines.flatMap((line): Line[] => {
    const { text, heading } = line;
    if (!heading?.rest) return [line];
    return [
      { text: text.slice(0, text.length - heading.rest.length).trim(), heading: { ...heading, rest: '' } },
      { text: heading.rest, heading: headingOf(heading.rest) },
    ];
  });
  expanded.forEach(({ text: line, heading }, index) => {
    if (heading && heading.role !== 'other') {
      flush();
      draft = { role: heading.role };
      return;
    }
    if (heading || END_OF_OFFICERS.test(line)) {
      flush();
      return;
    }
    if (!draft) return;
    const name = fieldAt(expanded, index, NAME_FIELD);
    if (name !== undefined) {
      // Several people under one heading ("Bestuurders"): each name starts a new officer.
      if (draft.name !== undefined) {
        const role = draft.role;
        flush();
        draft = { role };
      }
      draft.name = name;
      return;
    }
    const authority = fieldAt(expanded, index, AUTHORITY_FIELD);
    if (authority !== undefined) {
      draft.authorityText = authority;
    } else if (draft.authorityText === undefined && draft.name !== undefined && looksLikeAuthority(line)) {
      draft.authorityText = line;
    }
  });
  flush();
  return officers;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
