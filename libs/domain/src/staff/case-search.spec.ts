import { caseSearchFor } from './case-search';

describe(caseSearchFor.name, () => {
  it.each([
    ['rc-7kq4-m2xd', { kind: 'reference', reference: 'RC-7KQ4-M2XD' }],
    [' RC-OOIL-M2XD ', { kind: 'reference', reference: 'RC-0011-M2XD' }],
    ['12345678', { kind: 'kvk_number', kvkNumber: '12345678' }],
    ['1234 5678', { kind: 'kvk_number', kvkNumber: '12345678' }],
    ['12.34.56.78', { kind: 'kvk_number', kvkNumber: '12345678' }],
    ['Anna@Acme.example', { kind: 'email', email: 'anna@acme.example' }],
    ['acme', { kind: 'company_name', text: 'acme' }],
    ['  Acme B.V. ', { kind: 'company_name', text: 'Acme B.V.' }],
    ['1234567', { kind: 'company_name', text: '1234567' }],
  ])('reads %p', (text, expected) => {
    expect(caseSearchFor(text)).toEqual(expected);
  });

  it('reads blank text as no search', () => {
    expect(caseSearchFor('   ')).toBeUndefined();
  });
});
