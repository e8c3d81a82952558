import { compareCompanyNames, normaliseCompanyName } from './company-name';

describe(normaliseCompanyName.name, () => {
  it.each([
    ['Acme B.V.', ['acme']],
    ['ACME BV', ['acme']],
    ['Acme B. V.', ['acme']],
    ['Acme Besloten Vennootschap', ['acme']],
    ['Jansen & Zonen V.O.F.', ['jansen', 'en', 'zonen']],
    ['Café Één N.V.', ['cafe', 'een']],
    ['Stichting Het Fonds', ['het', 'fonds']],
    ['Acme Holding B.V. i.o.', ['acme', 'holding']],
  ])('normalises "%s"', (name, expected) => {
    expect(normaliseCompanyName(name)).toEqual(expected);
  });

  it('keeps a name that is only a legal form', () => {
    expect(normaliseCompanyName('B.V.')).toEqual(['bv']);
  });
});

describe(compareCompanyNames.name, () => {
  it('calls names equal up to case, punctuation and legal form exact', () => {
    expect(compareCompanyNames('Acme B.V.', 'ACME BV')).toEqual({ match: 'exact', similarity: 1 });
    expect(compareCompanyNames('Acme', 'Acme Besloten Vennootschap')).toEqual({
      match: 'exact',
      similarity: 1,
    });
  });

  it('calls a typo similar', () => {
    expect(compareCompanyNames('Acme Software B.V.', 'Acme Sofware BV')).toMatchObject({ match: 'similar' });
  });

  it('calls a holding of the same name similar, not exact: they are two companies', () => {
    const result = compareCompanyNames('Acme Holding B.V.', 'Acme B.V.');
    expect(result.match).toBe('similar');
    expect(result.similarity).toBeLessThan(1);
  });

  it('calls the same words in another order similar', () => {
    expect(compareCompanyNames('Bakkerij Jansen', 'Jansen Bakkerij')).toMatchObject({ match: 'similar' });
  });

  it('does not let shared generic words make names similar', () => {
    expect(compareCompanyNames('Acme Services B.V.', 'Bolt Services B.V.').match).toBe('different');
    expect(compareCompanyNames('De Bakker B.V.', 'De Slager B.V.').match).toBe('different');
  });

  it('calls unrelated names different, with a low similarity', () => {
    const result = compareCompanyNames('Acme B.V.', 'Globex Corporation N.V.');
    expect(result.match).toBe('different');
    expect(result.similarity).toBeLessThan(0.5);
  });

  it('is symmetric', () => {
    expect(compareCompanyNames('Acme Holding', 'Acme')).toEqual(compareCompanyNames('Acme', 'Acme Holding'));
  });
});
