import type { ExtractFindings } from '@app/domain';
import { findingsChecks } from './findings-checks';

const GOOD: ExtractFindings = {
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
  warnings: [],
};

const colours = (findings: ExtractFindings): Record<string, string> =>
  Object.fromEntries(findingsChecks(findings).map((check) => [check.check, check.colour]));

describe(findingsChecks.name, () => {
  it('shows an extract that says what the request says as all green', () => {
    expect(findingsChecks(GOOD).map((c) => [c.check, c.title, c.colour])).toEqual([
      ['kvk_number', 'KvK number', 'green'],
      ['company_name', 'Company name', 'green'],
      ['extract_date', 'Date of the extract', 'green'],
      ['requester_officer', 'Requester on the extract', 'green'],
      ['document', 'The PDF itself', 'green'],
    ]);
  });

  it('marks what is against the request red, with the finding’s own reason', () => {
    const checks = findingsChecks({
      ...GOOD,
      kvkNumberMatches: false,
      matchedOrganisationIds: [],
      extractRecent: false,
      requesterIsOfficer: false,
      requesterOfficerAuthority: null,
      warnings: [
        { code: 'kvk_number_not_in_environment', message: 'KvK number 12345678 belongs to no organisation.' },
        { code: 'extract_too_old', message: 'The extract is 90 days old.' },
        { code: 'requester_not_officer', message: 'The requester is not among the officers.' },
        { code: 'editing_software', message: 'Made with an editor.' },
      ],
    });
    expect(checks.map((c) => [c.title, c.colour, c.reason])).toEqual([
      ['KvK number', 'red', 'KvK number 12345678 belongs to no organisation.'],
      ['Company name', 'green', '"Acme B.V." is the name given.'],
      ['Date of the extract', 'red', 'The extract is 90 days old.'],
      ['Requester on the extract', 'red', 'The requester is not among the officers.'],
      ['The PDF itself', 'red', 'Made with an editor.'],
    ]);
  });

  it('asks for a closer look (amber) where a finding is uncertain', () => {
    expect(
      colours({
        ...GOOD,
        kvkNumberMatches: null,
        companyNameMatches: 'similar',
        extractRecent: null,
        extractDate: null,
        requesterOfficerAuthority: 'not_determined',
        warnings: [
          { code: 'extract_date_missing', message: 'No date.' },
          { code: 'requester_authority_not_determined', message: 'Joint authority.' },
          { code: 'not_sealed', message: 'No seal.' },
        ],
      }),
    ).toEqual({
      kvk_number: 'amber',
      company_name: 'amber',
      extract_date: 'amber',
      requester_officer: 'amber',
      document: 'amber',
    });
  });

  it('gives each sign of editing in the PDF a check of its own, coloured by how strong a sign it is', () => {
    const checks = findingsChecks({
      ...GOOD,
      warnings: [
        { code: 'not_sealed', message: 'No seal.' },
        { code: 'modified_after_creation', message: 'Modified later.' },
      ],
    });
    expect(checks.filter((c) => c.check === 'document').map((c) => [c.colour, c.reason])).toEqual([
      ['amber', 'No seal.'],
      ['red', 'Modified later.'],
    ]);
  });

  it('does not call an officer whose authority was not recorded absent from the extract', () => {
    const [, , , officer] = findingsChecks({ ...GOOD, requesterOfficerAuthority: 'not_determined' });
    expect(officer).toEqual({
      check: 'requester_officer',
      title: 'Requester on the extract',
      colour: 'amber',
      reason: 'The requester is among the officers, but not known to represent the company alone.',
    });
  });
});
