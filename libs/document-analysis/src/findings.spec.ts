import type { ExtractData } from './extract-data';
import type { ExtractMetadata } from './extract-reading';
import { assessFindings, type FindingsInput } from './findings';

const NOW = new Date('2026-11-30T12:00:00Z');

const sealedMetadata = (overrides: Partial<ExtractMetadata> = {}): ExtractMetadata => ({
  producer: 'KVK Handelsregister',
  creator: 'KVK',
  creationDate: '2026-11-20T09:15:00.000Z',
  modificationDate: '2026-11-20T09:15:20.000Z',
  signed: true,
  incrementalUpdates: 1,
  ...overrides,
});

const extract = (overrides: Partial<ExtractData> = {}): ExtractData => ({
  language: 'nl',
  kvkNumber: '12345678',
  companyName: 'Acme B.V.',
  extractDate: '2026-11-20',
  officers: [
    {
      name: 'De Vries, Anna Maria',
      role: 'bestuurder',
      authority: 'yes',
      authorityText: 'Alleen/zelfstandig bevoegd',
    },
    { name: 'Jansen, Pieter', role: 'bestuurder', authority: 'not_determined' },
  ],
  ...overrides,
});

const input = (overrides: Partial<FindingsInput> = {}): FindingsInput => ({
  metadata: sealedMetadata(),
  extract: extract(),
  environment: {
    organisations: [
      { id: 'org-1', name: 'Acme B.V.', kvkNumber: '12345678' },
      { id: 'org-2', name: 'Acme Trading B.V.', kvkNumber: '87654321' },
    ],
  },
  requesterName: 'Anna de Vries',
  companyNameGiven: 'Acme',
  now: NOW,
  maxAgeMs: 30 * 24 * 3600_000,
  ...overrides,
});

const codes = (i: FindingsInput) => assessFindings(i).warnings.map((w) => w.code);

describe(assessFindings.name, () => {
  it('finds nothing to warn about in a sealed, recent extract of the environment naming the requester', () => {
    expect(assessFindings(input())).toEqual({
      kvkNumber: '12345678',
      kvkNumberMatches: true,
      matchedOrganisationIds: ['org-1'],
      companyName: 'Acme B.V.',
      companyNameMatches: 'exact',
      companyNameSimilarity: 1,
      extractDate: '2026-11-20',
      extractRecent: true,
      officers: [
        { name: 'De Vries, Anna Maria', role: 'bestuurder', authority: 'yes' },
        { name: 'Jansen, Pieter', role: 'bestuurder', authority: 'not_determined' },
      ],
      requesterIsOfficer: true,
      requesterOfficerAuthority: 'yes',
      warnings: [],
    });
  });

  describe('the KvK number', () => {
    it('is not matched while the case has no environment', () => {
      const findings = assessFindings(input({ environment: undefined }));
      expect(findings).toMatchObject({ kvkNumberMatches: null, matchedOrganisationIds: [] });
      expect(findings.warnings).toEqual([]);
    });

    it('is flagged when it belongs to no organisation of the environment', () => {
      const i = input({ extract: extract({ kvkNumber: '11112222' }) });
      expect(assessFindings(i)).toMatchObject({ kvkNumberMatches: false, matchedOrganisationIds: [] });
      expect(codes(i)).toEqual(['kvk_number_not_in_environment']);
    });

    it('matches an organisation whose number is stored with spaces', () => {
      const i = input({
        environment: { organisations: [{ id: 'org-9', name: 'Acme', kvkNumber: '1234 5678' }] },
      });
      expect(assessFindings(i).matchedOrganisationIds).toEqual(['org-9']);
    });

    it('is flagged when missing', () => {
      const i = input({ extract: extract({ kvkNumber: undefined }) });
      expect(assessFindings(i)).toMatchObject({ kvkNumber: null, kvkNumberMatches: false });
      expect(codes(i)).toContain('kvk_number_missing');
    });
  });

  describe('the company name', () => {
    it('is compared with the closest of the given name and the organisations', () => {
      const i = input({
        companyNameGiven: 'Something else',
        extract: extract({ companyName: 'Acme Trading BV' }),
      });
      expect(assessFindings(i)).toMatchObject({ companyNameMatches: 'exact', companyNameSimilarity: 1 });
    });

    it('is similar when it differs by a typo or a holding', () => {
      const findings = assessFindings(
        input({
          environment: undefined,
          companyNameGiven: 'Acme',
          extract: extract({ companyName: 'Acme Holding B.V.' }),
        }),
      );
      expect(findings.companyNameMatches).toBe('similar');
      expect(findings.companyNameSimilarity).toBeGreaterThanOrEqual(0.8);
      expect(findings.companyNameSimilarity).toBeLessThan(1);
    });

    it('is flagged when it is like nothing the case knows', () => {
      const i = input({ extract: extract({ companyName: 'Globex N.V.' }) });
      expect(assessFindings(i).companyNameMatches).toBe('different');
      expect(codes(i)).toEqual(['company_name_different']);
    });

    it('is unknown when the extract has none', () => {
      expect(assessFindings(input({ extract: extract({ companyName: undefined }) }))).toMatchObject({
        companyName: null,
        companyNameMatches: 'unknown',
        companyNameSimilarity: null,
      });
    });
  });

  describe('the date', () => {
    it('counts an extract exactly the maximum age old as recent', () => {
      const findings = assessFindings(input({ extract: extract({ extractDate: '2026-10-31' }) }));
      expect(findings.extractRecent).toBe(true);
    });

    it('flags an extract older than the maximum age', () => {
      const i = input({ extract: extract({ extractDate: '2026-10-30' }) });
      expect(assessFindings(i).extractRecent).toBe(false);
      expect(assessFindings(i).warnings).toEqual([
        {
          code: 'extract_too_old',
          message: 'The extract was made on 2026-10-30, 31 days ago: more than the 30 days allowed.',
        },
      ]);
    });

    it('flags a date still to come, allowing a day for time zones', () => {
      expect(codes(input({ extract: extract({ extractDate: '2026-12-01' }) }))).toEqual([]);
      const i = input({ extract: extract({ extractDate: '2026-12-05' }) });
      expect(assessFindings(i).extractRecent).toBe(false);
      expect(codes(i)).toEqual(['extract_date_in_future']);
    });

    it('flags a missing date', () => {
      const i = input({ extract: extract({ extractDate: undefined }) });
      expect(assessFindings(i)).toMatchObject({ extractDate: null, extractRecent: null });
      expect(codes(i)).toEqual(['extract_date_missing']);
    });
  });

  describe('the requester among the officers', () => {
    it('is found with a name written another way, with their authority', () => {
      expect(assessFindings(input({ requesterName: 'A.M. de Vries' }))).toMatchObject({
        requesterIsOfficer: true,
        requesterOfficerAuthority: 'yes',
      });
    });

    it('is flagged when absent', () => {
      const i = input({ requesterName: 'Karel Appel' });
      expect(assessFindings(i)).toMatchObject({ requesterIsOfficer: false, requesterOfficerAuthority: null });
      expect(codes(i)).toEqual(['requester_not_officer']);
    });

    it('is flagged when their authority is joint or limited', () => {
      const i = input({ requesterName: 'Pieter Jansen' });
      expect(assessFindings(i).requesterOfficerAuthority).toBe('not_determined');
      expect(codes(i)).toEqual(['requester_authority_not_determined']);
    });

    it('is flagged when listed as not authorised', () => {
      const i = input({
        extract: extract({ officers: [{ name: 'De Vries, Anna', role: 'bestuurder', authority: 'no' }] }),
      });
      expect(codes(i)).toEqual(['requester_not_authorised']);
    });

    it('gets the strongest authority when listed twice', () => {
      const i = input({
        extract: extract({
          officers: [
            { name: 'De Vries, Anna', role: 'bestuurder', authority: 'not_determined' },
            { name: 'De Vries, Anna', role: 'gevolmachtigde', authority: 'yes' },
          ],
        }),
      });
      expect(assessFindings(i).requesterOfficerAuthority).toBe('yes');
    });

    it('is flagged when the extract lists no officers', () => {
      const i = input({ extract: extract({ officers: [] }) });
      expect(assessFindings(i)).toMatchObject({ officers: [], requesterIsOfficer: false });
      expect(codes(i)).toEqual(['no_officers']);
    });
  });

  describe('the metadata', () => {
    it('flags a PDF without seal', () => {
      expect(codes(input({ metadata: sealedMetadata({ signed: false, incrementalUpdates: 0 }) }))).toEqual([
        'not_sealed',
      ]);
    });

    it('flags a modification well after creation, not the moment of sealing', () => {
      expect(
        codes(input({ metadata: sealedMetadata({ modificationDate: '2026-11-20T09:16:00.000Z' }) })),
      ).toEqual([]);
      expect(
        codes(input({ metadata: sealedMetadata({ modificationDate: '2026-11-22T14:00:00.000Z' }) })),
      ).toEqual(['modified_after_creation']);
    });

    it.each([
      'Microsoft® Word for Microsoft 365',
      'LibreOffice 7.6',
      'iLovePDF',
      'Smallpdf.com',
      'Adobe Photoshop 25.0 (Windows)',
      'PDF-XChange Editor 10.0',
      'macOS Version 14.1 (Build 23B74) Quartz PDFContext',
    ])('flags the editing software "%s"', (producer) => {
      const findings = assessFindings(input({ metadata: sealedMetadata({ producer }) }));
      expect(findings.warnings.map((w) => w.code)).toEqual(['editing_software']);
      expect(findings.warnings[0]?.message).toContain(producer);
    });

    it('flags an editor named as creator only once', () => {
      expect(
        codes(input({ metadata: sealedMetadata({ producer: 'iLovePDF', creator: 'Microsoft Word' }) })),
      ).toEqual(['editing_software']);
    });

    it('does not flag a server-side PDF library', () => {
      expect(
        codes(input({ metadata: sealedMetadata({ producer: 'iText® 7.2.5 ©2000-2023 iText Group NV' }) })),
      ).toEqual([]);
    });

    it('allows the one save that sealing appends, and flags more', () => {
      expect(codes(input({ metadata: sealedMetadata({ incrementalUpdates: 1 }) }))).toEqual([]);
      expect(codes(input({ metadata: sealedMetadata({ incrementalUpdates: 2 }) }))).toEqual([
        'incremental_updates',
      ]);
      expect(codes(input({ metadata: sealedMetadata({ signed: false, incrementalUpdates: 1 }) }))).toEqual([
        'not_sealed',
        'incremental_updates',
      ]);
    });
  });

  it('lists every warning of a forged-looking extract, document first', () => {
    const i = input({
      metadata: {
        producer: 'LibreOffice 7.6',
        creationDate: '2026-11-20T09:15:00.000Z',
        modificationDate: '2026-11-25T09:15:00.000Z',
        signed: false,
        incrementalUpdates: 2,
      },
      extract: extract({ kvkNumber: '99999999', companyName: 'Globex N.V.', extractDate: '2025-01-01' }),
      requesterName: 'Karel Appel',
    });
    expect(codes(i)).toEqual([
      'not_sealed',
      'modified_after_creation',
      'editing_software',
      'incremental_updates',
      'kvk_number_not_in_environment',
      'company_name_different',
      'extract_too_old',
      'requester_not_officer',
    ]);
  });
});
