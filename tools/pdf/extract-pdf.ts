// Chamber of Commerce extracts laid out like the real ones, for the demo cases of `npm run dev` and the
// tests; the tests' PDFs that are not extracts (or hostile ones) are in test/support/test-pdfs.ts.
import {
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFString,
  StandardFonts,
  type PDFFont,
  type PDFPage,
} from 'pdf-lib';
import type { OfficerRole } from '@app/domain';

/** How an officer's authority is written on the extract. */
type ExtractAuthorityKind =
  'sole' | 'joint' | 'limited' | 'not_authorised' | 'full_power_of_attorney' | 'limited_power_of_attorney';

interface ExtractPdfOfficer {
  /** As the extract writes it, for example `De Vries, Anna Maria`. */
  name: string;
  /** `bestuurder` by default. */
  role?: OfficerRole;
  /** By default `sole`, `full_power_of_attorney` for a gevolmachtigde, and no authority line for an eigenaar. */
  authority?: ExtractAuthorityKind;
}

export interface ExtractPdfOptions {
  language: 'nl' | 'en';
  kvkNumber: string;
  companyName: string;
  /** When the extract was produced (shown in Amsterdam time, as KVK does). */
  madeOn: Date;
  officers: ExtractPdfOfficer[];
  /** `KVK Handelsregister` by default. */
  producer?: string;
  creator?: string;
  /** The metadata's modification date; the production time by default. */
  modifiedOn?: Date;
  /** At least this many pages (continuation pages repeat the header). */
  pages?: number;
  /** Add a signature dictionary, as KVK's electronic seal has (its value is a placeholder, not a real seal). */
  sealed?: boolean;
}

type Labels = (typeof LABELS)[keyof typeof LABELS];

const LABELS = {
  nl: {
    title: 'Uittreksel Handelsregister Kamer van Koophandel',
    number: 'KvK-nummer',
    page: (n: number, of: number) => `Pagina ${n} (van ${of})`,
    legalEntity: 'Rechtspersoon',
    rsin: 'RSIN',
    legalForm: 'Rechtsvorm',
    privateCompany: 'Besloten Vennootschap',
    soleProprietorship: 'Eenmanszaak',
    legalName: 'Statutaire naam',
    seat: 'Statutaire zetel',
    firstEntry: 'Eerste inschrijving handelsregister',
    company: 'Onderneming',
    tradeNames: 'Handelsnamen',
    startDate: 'Startdatum onderneming',
    activities: 'Activiteiten',
    activity: 'SBI-code: 62010 - Ontwikkelen, produceren en uitgeven van software',
    employees: 'Werkzame personen',
    establishment: 'Vestiging',
    branchNumber: 'Vestigingsnummer',
    address: 'Bezoekadres',
    name: 'Naam',
    birth: 'Geboortedatum en -plaats',
    inOffice: 'Datum in functie',
    authority: 'Bevoegdheid',
    roles: {
      bestuurder: 'Bestuurder',
      gevolmachtigde: 'Gevolmachtigde',
      eigenaar: 'Eigenaar',
      vennoot: 'Vennoot',
    },
    authorities: {
      sole: 'Alleen/zelfstandig bevoegd',
      joint: 'Gezamenlijk bevoegd (met andere bestuurder(s))',
      limited: 'Beperkt bevoegd',
      not_authorised: 'Niet bevoegd',
      full_power_of_attorney: 'Volledige volmacht',
      limited_power_of_attorney: 'Beperkte volmacht',
    },
    continued: 'Vervolg',
    madeOn: (date: string, time: string) => `Uittreksel is vervaardigd op ${date} om ${time} uur.`,
    seal: 'Dit uittreksel is gewaarmerkt met een elektronisch zegel van de Kamer van Koophandel.',
  },
  en: {
    title: 'Extract from the Business Register Netherlands Chamber of Commerce',
    number: 'CCI number',
    page: (n: number, of: number) => `Page ${n} (of ${of})`,
    legalEntity: 'Legal entity',
    rsin: 'RSIN',
    legalForm: 'Legal form',
    privateCompany: 'Besloten Vennootschap (comparable with Private Limited Company)',
    soleProprietorship: 'Eenmanszaak (comparable with One-man business)',
    legalName: 'Legal name',
    seat: 'Corporate seat',
    firstEntry: 'First entry in Business Register',
    company: 'Company',
    tradeNames: 'Trade names',
    startDate: 'Company start date',
    activities: 'Activities',
    activity: 'SBI-code: 62010 - Writing, producing and publishing of software',
    employees: 'Employees',
    establishment: 'Establishment',
    branchNumber: 'Branch number',
    address: 'Visiting address',
    name: 'Name',
    birth: 'Date of birth and place',
    inOffice: 'Date of entry into office',
    authority: 'Authority',
    roles: {
      bestuurder: 'Director',
      gevolmachtigde: 'Authorised representative',
      eigenaar: 'Owner',
      vennoot: 'Partner',
    },
    authorities: {
      sole: 'Solely/independently authorised',
      joint: 'Jointly authorised (with other director(s))',
      limited: 'Limited authority',
      not_authorised: 'Not authorised',
      full_power_of_attorney: 'Full power of attorney',
      limited_power_of_attorney: 'Limited power of attorney',
    },
    continued: 'Continued',
    madeOn: (date: string, time: string) => `Extract was made on ${date} at ${time} hours.`,
    seal: 'This extract has been certified with an electronic seal of the Chamber of Commerce.',
  },
} as const;

/** One line of an extract: a section heading, a label with its value in the second column, or prose. */
type Line =
  | { kind: 'heading'; text: string }
  | { kind: 'field'; label: string; value: string }
  | { kind: 'text'; text: string }
  | { kind: 'gap' };

const A4: [number, number] = [595.28, 841.89];
const LEFT = 56;
const VALUE_COLUMN = 240;
const TOP = 770;
const BOTTOM = 70;
const LINE_HEIGHT = 14;

/** A Chamber of Commerce extract as KVK lays it out: header, legal entity, company, establishment, officers. */
export async function extractPdf(options: ExtractPdfOptions): Promise<Buffer> {
  const l: Labels = LABELS[options.language];
  const soleProprietorship = options.officers.some((o) => (o.role ?? 'bestuurder') === 'eigenaar');
  const lines: Line[] = [];
  if (!soleProprietorship) {
    lines.push(
      { kind: 'heading', text: l.legalEntity },
      { kind: 'field', label: l.rsin, value: '857310219' },
      { kind: 'field', label: l.legalForm, value: l.privateCompany },
      { kind: 'field', label: l.legalName, value: options.companyName },
      { kind: 'field', label: l.seat, value: 'Amsterdam' },
      { kind: 'field', label: l.firstEntry, value: '01-03-2015' },
      { kind: 'gap' },
    );
  }
  lines.push(
    { kind: 'heading', text: l.company },
    ...(soleProprietorship
      ? [{ kind: 'field' as const, label: l.legalForm, value: l.soleProprietorship }]
      : []),
    { kind: 'field', label: l.tradeNames, value: options.companyName },
    { kind: 'field', label: l.startDate, value: '01-03-2015' },
    { kind: 'field', label: l.activities, value: l.activity },
    { kind: 'field', label: l.employees, value: '4' },
    { kind: 'gap' },
    { kind: 'heading', text: l.establishment },
    { kind: 'field', label: l.branchNumber, value: '000031234567' },
    { kind: 'field', label: l.address, value: 'Keizersgracht 123, 1015CJ Amsterdam' },
    { kind: 'gap' },
  );
  for (const officer of options.officers) {
    const role = officer.role ?? 'bestuurder';
    const authority = officer.authority ?? defaultAuthority(role);
    lines.push(
      { kind: 'heading', text: l.roles[role] },
      { kind: 'field', label: l.name, value: officer.name },
      { kind: 'field', label: l.birth, value: '14-05-1980, Utrecht' },
      { kind: 'field', label: l.inOffice, value: '01-03-2015' },
      ...(authority ? [{ kind: 'field' as const, label: l.authority, value: l.authorities[authority] }] : []),
      { kind: 'gap' },
    );
  }
  const { date, time } = amsterdamDateTime(options.madeOn);
  lines.push({ kind: 'text', text: l.madeOn(date, time) }, { kind: 'text', text: l.seal });

  const doc = await PDFDocument.create();
  const fonts = {
    regular: await doc.embedFont(StandardFonts.Helvetica),
    bold: await doc.embedFont(StandardFonts.HelveticaBold),
  };
  const pages = paginate(lines, options.pages ?? 1);
  pages.forEach((pageLines, index) => {
    const page = doc.addPage(A4);
    drawHeader(page, fonts, l, options.kvkNumber, l.page(index + 1, pages.length));
    let y = TOP - 4 * LINE_HEIGHT;
    if (index > 0) {
      page.drawText(l.continued, { x: LEFT, y, size: 9, font: fonts.regular });
      y -= 2 * LINE_HEIGHT;
    }
    for (const line of pageLines) {
      drawLine(page, fonts, line, y);
      y -= LINE_HEIGHT;
    }
  });
  doc.setTitle(l.title);
  doc.setProducer(options.producer ?? 'KVK Handelsregister');
  doc.setCreator(options.creator ?? 'KVK');
  doc.setCreationDate(options.madeOn);
  doc.setModificationDate(options.modifiedOn ?? options.madeOn);
  if (options.sealed) addSealPlaceholder(doc, options.madeOn);
  return save(doc);
}

function defaultAuthority(role: OfficerRole): ExtractAuthorityKind | undefined {
  if (role === 'eigenaar') return undefined;
  return role === 'gevolmachtigde' ? 'full_power_of_attorney' : 'sole';
}

function paginate(lines: Line[], minimumPages: number): Line[][] {
  const perPage = Math.floor((TOP - 4 * LINE_HEIGHT - BOTTOM) / LINE_HEIGHT) - 2;
  const pages: Line[][] = [];
  for (let start = 0; start < lines.length; start += perPage) pages.push(lines.slice(start, start + perPage));
  while (pages.length < minimumPages) pages.push([]);
  return pages;
}

function drawHeader(
  page: PDFPage,
  fonts: { regular: PDFFont; bold: PDFFont },
  l: Labels,
  kvkNumber: string,
  pageLabel: string,
): void {
  page.drawText(l.title, { x: LEFT, y: TOP, size: 13, font: fonts.bold });
  page.drawText(l.number, { x: LEFT, y: TOP - 2 * LINE_HEIGHT, size: 10, font: fonts.bold });
  page.drawText(kvkNumber, { x: VALUE_COLUMN, y: TOP - 2 * LINE_HEIGHT, size: 10, font: fonts.bold });
  page.drawText(pageLabel, { x: 460, y: TOP - 2 * LINE_HEIGHT, size: 9, font: fonts.regular });
}

function drawLine(page: PDFPage, fonts: { regular: PDFFont; bold: PDFFont }, line: Line, y: number): void {
  switch (line.kind) {
    case 'heading':
      page.drawText(line.text, { x: LEFT, y, size: 10, font: fonts.bold });
      return;
    case 'field':
      page.drawText(line.label, { x: LEFT, y, size: 9, font: fonts.regular });
      page.drawText(line.value, { x: VALUE_COLUMN, y, size: 9, font: fonts.regular });
      return;
    case 'text':
      page.drawText(line.text, { x: LEFT, y, size: 9, font: fonts.regular });
      return;
    case 'gap':
      return;
  }
}

function amsterdamDateTime(at: Date): { date: string; time: string } {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Amsterdam',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return {
    date: `${part('day')}-${part('month')}-${part('year')}`,
    time: `${part('hour')}.${part('minute')}`,
  };
}

/** A signature field with a signature dictionary, as a sealed extract has; no real signature value. */
function addSealPlaceholder(doc: PDFDocument, signedOn: Date): void {
  const page = doc.getPage(0);
  const signature = doc.context.register(
    doc.context.obj({
      Type: 'Sig',
      Filter: 'Adobe.PPKLite',
      SubFilter: 'ETSI.CAdES.detached',
      ByteRange: [0, 0, 0, 0],
      Contents: PDFHexString.of('0'.repeat(128)),
      Name: PDFString.of('Kamer van Koophandel'),
      M: PDFString.fromDate(signedOn),
    }),
  );
  const field = doc.context.register(
    doc.context.obj({
      Type: 'Annot',
      Subtype: 'Widget',
      FT: 'Sig',
      T: PDFString.of('KVK seal'),
      V: signature,
      Rect: [0, 0, 0, 0],
      F: 132,
      P: page.ref,
    }),
  );
  page.node.set(PDFName.of('Annots'), doc.context.obj([field]));
  doc.catalog.set(PDFName.of('AcroForm'), doc.context.obj({ Fields: [field], SigFlags: 3 }));
}

// Without object streams every dictionary stays readable in the raw bytes, as in KVK's own files.
async function save(doc: PDFDocument): Promise<Buffer> {
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}
