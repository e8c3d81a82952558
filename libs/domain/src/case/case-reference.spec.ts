import { caseReferenceFromBytes, normaliseCaseReference } from './case-reference';

describe(caseReferenceFromBytes.name, () => {
  it('formats eight bytes as RC-XXXX-XXXX', () => {
    expect(caseReferenceFromBytes(Uint8Array.from([7, 19, 23, 4, 20, 2, 29, 13]))).toBe('RC-7KQ4-M2XD');
  });

  it('refuses too few bytes', () => {
    expect(() => caseReferenceFromBytes(new Uint8Array(4))).toThrow(RangeError);
  });
});

describe(normaliseCaseReference.name, () => {
  it('accepts lower case and look-alike letters', () => {
    expect(normaliseCaseReference(' rc-7kq4-m2xd ')).toBe('RC-7KQ4-M2XD');
    expect(normaliseCaseReference('RC-OOIL-M2XD')).toBe('RC-0011-M2XD');
  });

  it.each(['', 'RC-7KQ4', 'RC-7KQ4-M2XDX', 'XX-7KQ4-M2XD', 'RC-7KQ4-M2U1'])('refuses %p', (text) => {
    expect(normaliseCaseReference(text)).toBeUndefined();
  });
});
