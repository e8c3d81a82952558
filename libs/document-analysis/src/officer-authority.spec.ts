import { interpretAuthority } from './officer-authority';

describe(interpretAuthority.name, () => {
  it.each([
    ['Alleen/zelfstandig bevoegd', 'yes'],
    ['Volledige volmacht', 'yes'],
    ['Volledig bevoegd', 'yes'],
    ['Onbeperkt bevoegd', 'yes'],
    ['Solely/independently authorised', 'yes'],
    ['Full power of attorney', 'yes'],
    ['Gezamenlijk bevoegd (met andere bestuurder(s))', 'not_determined'],
    ['Beperkt bevoegd', 'not_determined'],
    ['Beperkte volmacht', 'not_determined'],
    ['Jointly authorised', 'not_determined'],
    ['Limited authority', 'not_determined'],
    ['Limited power of attorney', 'not_determined'],
    ['Niet bevoegd', 'no'],
    ['Not authorised', 'no'],
    ['Not authorized', 'no'],
    ['Procuratiehouder', 'not_determined'],
  ] as const)('reads "%s" as %s', (text, expected) => {
    expect(interpretAuthority(text, 'bestuurder')).toBe(expected);
  });

  it('takes a missing line as not determined, except for the owner of a sole proprietorship', () => {
    expect(interpretAuthority(undefined, 'bestuurder')).toBe('not_determined');
    expect(interpretAuthority(undefined, 'eigenaar')).toBe('yes');
  });

  it('still reads an owner marked not authorised as such', () => {
    expect(interpretAuthority('Niet bevoegd', 'eigenaar')).toBe('no');
  });
});
