import { type ExtractFindings, readExtractFindings } from './extract-findings';

const STORED: ExtractFindings = {
  kvkNumber: '12345678',
  kvkNumberMatches: true,
  matchedOrganisationIds: ['org-1'],
  companyName: 'Acme B.V.',
  companyNameMatches: 'exact',
  companyNameSimilarity: 1,
  extractDate: '2026-11-20',
  extractRecent: true,
  officers: [{ name: 'De Vries, Anna', role: 'bestuurder', authority: 'yes' }],
  requesterIsOfficer: true,
  requesterOfficerAuthority: 'yes',
  warnings: [{ code: 'not_sealed', message: 'No seal.' }],
};

describe(readExtractFindings.name, () => {
  it('reads findings of the current shape as they are', () => {
    expect(readExtractFindings(JSON.parse(JSON.stringify(STORED)))).toEqual(STORED);
  });

  it.each([null, undefined, 'findings', 42, ['not', 'an', 'object']])('reads %p as no findings', (stored) => {
    expect(readExtractFindings(stored)).toBeNull();
  });

  it('gives a row from before a field existed the value that claims least', () => {
    expect(readExtractFindings({ kvkNumber: '12345678', kvkNumberMatches: true, warnings: [] })).toEqual({
      kvkNumber: '12345678',
      kvkNumberMatches: true,
      matchedOrganisationIds: [],
      companyName: null,
      companyNameMatches: 'unknown',
      companyNameSimilarity: null,
      extractDate: null,
      extractRecent: null,
      officers: [],
      requesterIsOfficer: false,
      requesterOfficerAuthority: null,
      warnings: [],
    });
  });

  it('takes an officer-requester whose authority was not recorded as one to look at, not one ruled out', () => {
    const { requesterOfficerAuthority: _omitted, ...older } = STORED;
    expect(readExtractFindings(older)?.requesterOfficerAuthority).toBe('not_determined');
  });

  it('leaves out entries that are not of the shape, and keeps the rest', () => {
    const findings = readExtractFindings({
      ...STORED,
      matchedOrganisationIds: ['org-1', 7],
      officers: [
        ...STORED.officers,
        { name: 'Jansen, Piet', role: 'bestuurder' },
        { name: 'Nobody', role: 'janitor', authority: 'yes' },
        'Someone',
      ],
      warnings: [...STORED.warnings, { code: 'unheard_of', message: 'x' }, { code: 'no_officers' }],
    });
    expect(findings).toMatchObject({
      matchedOrganisationIds: ['org-1'],
      officers: [
        { name: 'De Vries, Anna', role: 'bestuurder', authority: 'yes' },
        { name: 'Jansen, Piet', role: 'bestuurder', authority: 'not_determined' },
      ],
      warnings: [{ code: 'not_sealed', message: 'No seal.' }],
    });
  });
});
