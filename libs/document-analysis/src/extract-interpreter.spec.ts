import { interpretExtract } from './extract-interpreter';

/** The text pdf-parse gives for a Dutch extract of a B.V. with two directors and a proxy holder. */
const DUTCH = `Uittreksel Handelsregister Kamer van Koophandel
KvK-nummer 12345678 Pagina 1 (van 2)
Rechtspersoon
RSIN 857310219
Rechtsvorm Besloten Vennootschap
Statutaire naam Acme Software B.V.
Statutaire zetel Amsterdam
Onderneming
Handelsnamen Acme
Startdatum onderneming 01-03-2015
Vestiging
Vestigingsnummer 000031234567
Bezoekadres Keizersgracht 123, 1015CJ Amsterdam
Bestuurder
Naam De Vries, Anna Maria
Geboortedatum en -plaats 14-05-1980, Utrecht
Datum in functie 01-03-2015
Bevoegdheid Alleen/zelfstandig bevoegd
Uittreksel Handelsregister Kamer van Koophandel
KvK-nummer 12345678 Pagina 2 (van 2)
Bestuurder
Naam Jansen, Pieter
Datum in functie 01-03-2015
Bevoegdheid Gezamenlijk bevoegd (met andere bestuurder(s))
Gevolmachtigde
Naam Bakker, Els
Titel Procuratiehouder
Bevoegdheid Beperkte volmacht
Enig aandeelhouder
Naam Acme Holding B.V.
Uittreksel is vervaardigd op 20-11-2026 om 10.15 uur.
Dit uittreksel is gewaarmerkt met een elektronisch zegel van de Kamer van Koophandel.
`;

const ENGLISH = `Extract from the Business Register Netherlands Chamber of Commerce
CCI number 1234 5678 Page 1 (of 1)
Legal entity
Legal form Besloten Vennootschap (comparable with Private Limited Company)
Legal name Acme Software B.V.
Company
Trade names Acme
Director
Name De Vries, Anna Maria
Date of entry into office 01-03-2015
Authority Solely/independently authorised
Director
Name Jansen, Pieter
Authority Jointly authorised (with other director(s))
Authorised representative
Name Bakker, Els
Authority Full power of attorney
Extract was made on 03-02-2026 at 09.05 hours.
`;

describe(interpretExtract.name, () => {
  it('reads a Dutch extract: number, statutory name, date and officers with their authority', () => {
    expect(interpretExtract(DUTCH)).toEqual({
      language: 'nl',
      kvkNumber: '12345678',
      companyName: 'Acme Software B.V.',
      extractDate: '2026-11-20',
      officers: [
        {
          name: 'De Vries, Anna Maria',
          role: 'bestuurder',
          authority: 'yes',
          authorityText: 'Alleen/zelfstandig bevoegd',
        },
        {
          name: 'Jansen, Pieter',
          role: 'bestuurder',
          authority: 'not_determined',
          authorityText: 'Gezamenlijk bevoegd (met andere bestuurder(s))',
        },
        {
          name: 'Bakker, Els',
          role: 'gevolmachtigde',
          authority: 'not_determined',
          authorityText: 'Beperkte volmacht',
        },
      ],
    });
  });

  it('reads an English extract into the same roles, with a number written in groups', () => {
    expect(interpretExtract(ENGLISH)).toEqual({
      language: 'en',
      kvkNumber: '12345678',
      companyName: 'Acme Software B.V.',
      extractDate: '2026-02-03',
      officers: [
        {
          name: 'De Vries, Anna Maria',
          role: 'bestuurder',
          authority: 'yes',
          authorityText: 'Solely/independently authorised',
        },
        {
          name: 'Jansen, Pieter',
          role: 'bestuurder',
          authority: 'not_determined',
          authorityText: 'Jointly authorised (with other director(s))',
        },
        {
          name: 'Bakker, Els',
          role: 'gevolmachtigde',
          authority: 'yes',
          authorityText: 'Full power of attorney',
        },
      ],
    });
  });

  it('does not take a shareholder for an officer', () => {
    expect(interpretExtract(DUTCH)?.officers.map((o) => o.name)).not.toContain('Acme Holding B.V.');
  });

  it('reads labels with colons and values on the next line', () => {
    const text = `Uittreksel Handelsregister
KvK-nummer:
12.34.56.78
Statutaire naam:
Acme B.V.
Bestuurder:
Naam:
Vries, Anna de
Bevoegdheid:
Alleen/zelfstandig bevoegd
Uittreksel is vervaardigd op
5-1-2026 om 8.30 uur`;
    expect(interpretExtract(text)).toEqual({
      language: 'nl',
      kvkNumber: '12345678',
      companyName: 'Acme B.V.',
      extractDate: '2026-01-05',
      officers: [
        {
          name: 'Vries, Anna de',
          role: 'bestuurder',
          authority: 'yes',
          authorityText: 'Alleen/zelfstandig bevoegd',
        },
      ],
    });
  });

  it('reads a heading that shares its line with the first field, and extra whitespace', () => {
    const text = `  Uittreksel   Handelsregister  Kamer van Koophandel
KvK-nummer\t12345678
Statutaire   naam\tAcme B.V.
Bestuurder\tNaam\tDe Vries, Anna
Bevoegdheid\tAlleen/zelfstandig bevoegd`;
    expect(interpretExtract(text)?.officers).toEqual([
      {
        name: 'De Vries, Anna',
        role: 'bestuurder',
        authority: 'yes',
        authorityText: 'Alleen/zelfstandig bevoegd',
      },
    ]);
  });

  it('reads several people under one plural heading', () => {
    const text = `Uittreksel Handelsregister
KvK-nummer 12345678
Statutaire naam Acme B.V.
Bestuurders
Naam De Vries, Anna
Bevoegdheid Gezamenlijk bevoegd
Naam Jansen, Pieter
Bevoegdheid Gezamenlijk bevoegd`;
    expect(interpretExtract(text)?.officers.map((o) => [o.name, o.authority])).toEqual([
      ['De Vries, Anna', 'not_determined'],
      ['Jansen, Pieter', 'not_determined'],
    ]);
  });

  it('gives the owner of a sole proprietorship authority and takes the trade name as the company name', () => {
    const text = `Uittreksel Handelsregister Kamer van Koophandel
KvK-nummer 87654321
Onderneming
Rechtsvorm Eenmanszaak
Handelsnamen Bakkerij Jansen
Eigenaar
Naam Jansen, Pieter
Geboortedatum en -plaats 01-01-1970, Zwolle
Uittreksel is vervaardigd op 01-11-2026 om 10.15 uur.`;
    expect(interpretExtract(text)).toMatchObject({
      companyName: 'Bakkerij Jansen',
      officers: [{ name: 'Jansen, Pieter', role: 'eigenaar', authority: 'yes' }],
    });
  });

  it('reads an authority given without its label', () => {
    const text = `Uittreksel Handelsregister
KvK-nummer 12345678
Gevolmachtigde
Naam Bakker, Els
Volledige volmacht`;
    expect(interpretExtract(text)?.officers).toEqual([
      { name: 'Bakker, Els', role: 'gevolmachtigde', authority: 'yes', authorityText: 'Volledige volmacht' },
    ]);
  });

  it('leaves out what is missing: no date, no officers, no authority line', () => {
    const text = `Uittreksel Handelsregister Kamer van Koophandel
KvK-nummer 12345678
Statutaire naam Acme B.V.`;
    expect(interpretExtract(text)).toEqual({
      language: 'nl',
      kvkNumber: '12345678',
      companyName: 'Acme B.V.',
      officers: [],
    });
    expect(interpretExtract(`${text}\nBestuurder\nNaam De Vries, Anna`)?.officers).toEqual([
      { name: 'De Vries, Anna', role: 'bestuurder', authority: 'not_determined' },
    ]);
  });

  it('ignores an impossible production date', () => {
    expect(interpretExtract(DUTCH.replace('20-11-2026', '31-02-2026'))?.extractDate).toBeUndefined();
  });

  it('does not take a number of another length for a KvK number', () => {
    const text = 'Uittreksel Handelsregister\nKvK-nummer 123456789\nStatutaire naam Acme B.V.';
    expect(interpretExtract(text)).toMatchObject({ companyName: 'Acme B.V.' });
    expect(interpretExtract(text)?.kvkNumber).toBeUndefined();
  });

  it('says an invoice with a KvK number in its footer is not an extract', () => {
    expect(
      interpretExtract('Factuur 2026-001\nTotaal EUR 100,00\nKvK-nummer: 12345678\nIBAN NL00BANK0123456789'),
    ).toBe(undefined);
  });

  it('says a text with an extract title but nothing of an extract is not one', () => {
    expect(
      interpretExtract('Hoe vraag ik een uittreksel handelsregister aan? Ga naar kvk.nl.'),
    ).toBeUndefined();
    expect(interpretExtract('')).toBeUndefined();
  });
});
