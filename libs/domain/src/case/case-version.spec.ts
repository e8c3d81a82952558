import { CASE_VERSION_PATTERN, caseVersion, changesSince, type VersionedEvent } from './case-version';

const trail: VersionedEvent[] = [
  { id: '10', type: 'case_submitted' },
  { id: '12', type: 'email_code_verified' },
  { id: '13', type: 'review_started' },
  { id: '15', type: 'review_overdue' },
];

describe(caseVersion.name, () => {
  it('is the latest event that changes what there is to decide', () => {
    expect(caseVersion(trail)).toBe('13');
    expect(caseVersion([])).toBe('0');
  });

  it('compares ids as numbers, not as text', () => {
    expect(
      caseVersion([
        { id: '9', type: 'case_submitted' },
        { id: '10', type: 'review_started' },
      ]),
    ).toBe('10');
  });
});

describe(changesSince.name, () => {
  const objected: VersionedEvent[] = [
    ...trail,
    { id: '20', type: 'case_approved' },
    { id: '21', type: 'objection_raised' },
    { id: '22', type: 'review_started' },
  ];

  it('names what happened after the version, oldest first, once each', () => {
    expect(changesSince(objected, '13')).toEqual(['case_approved', 'objection_raised', 'review_started']);
    expect(changesSince(objected, '20')).toEqual(['objection_raised', 'review_started']);
  });

  it('finds nothing new for the current version, whatever neutral events came since', () => {
    expect(changesSince([...trail, { id: '30', type: 'review_overdue' }], '13')).toEqual([]);
  });
});

describe('CASE_VERSION_PATTERN', () => {
  it.each([
    ['13', true],
    ['0', true],
    ['', false],
    ['-1', false],
    ['1e3', false],
    ['12345678901234567890', false],
  ])('%j: %s', (text, expected) => {
    expect(CASE_VERSION_PATTERN.test(text)).toBe(expected);
  });
});
