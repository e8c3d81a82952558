import { isCaseLanguage, languageFromAcceptLanguage } from './case-language';

describe(languageFromAcceptLanguage.name, () => {
  it.each([
    ['nl'],
    ['nl-NL'],
    ['nl-BE'],
    ['NL-nl'],
    ['nl-NL,nl;q=0.9,en;q=0.8'],
    ['nl-BE, fr-BE;q=0.8, en;q=0.5'],
    ['de-DE, nl;q=0.7, en;q=0.3'],
    ['en;q=0.5, nl;q=0.9'],
    ['en;q=0, nl;q=0.1'],
    ['nl, en'],
    ['nl;q=0.8, en;q=0.8'],
    ['  nl-NL ;  q=0.9 , en ; q=0.2 '],
  ])('answers nl for %p', (header) => {
    expect(languageFromAcceptLanguage(header)).toBe('nl');
  });

  it.each([
    ['en'],
    ['en-GB,en;q=0.9,nl;q=0.8'],
    ['en, nl'],
    ['en;q=0.8, nl;q=0.8'],
    ['en-US;q=0.9, nl;q=0.5'],
    ['de-DE,de;q=0.9'],
    ['fr-BE, de'],
    ['*'],
    ['nl;q=0'],
    ['nl;q=0.000, en;q=0.001'],
    ['nld'],
    ['nlx-NL'],
  ])('answers en for %p', (header) => {
    expect(languageFromAcceptLanguage(header)).toBe('en');
  });

  it('answers en when there is no header, or an empty one', () => {
    expect(languageFromAcceptLanguage(undefined)).toBe('en');
    expect(languageFromAcceptLanguage('')).toBe('en');
    expect(languageFromAcceptLanguage(' , ;q=1, ')).toBe('en');
  });

  it.each([['nl;q=2'], ['nl;q=high'], ['nl;q=0.1234'], ['nl;q=-1'], ['nl;q=']])(
    'ignores a range with a malformed q-value: %p',
    (range) => {
      expect(languageFromAcceptLanguage(range)).toBe('en');
      expect(languageFromAcceptLanguage(`${range}, nl-BE;q=0.2, en;q=0.1`)).toBe('nl');
    },
  );
});

describe(isCaseLanguage.name, () => {
  it('knows en and nl, nothing else', () => {
    expect(isCaseLanguage('en')).toBe(true);
    expect(isCaseLanguage('nl')).toBe(true);
    expect(isCaseLanguage('de')).toBe(false);
    expect(isCaseLanguage('NL')).toBe(false);
    expect(isCaseLanguage(undefined)).toBe(false);
  });
});
