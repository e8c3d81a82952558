import { digitsFrom, randomToken } from './random-secret';
import { SecretBox } from './secret-box';
import { SecretHasher } from './secret-hasher';

const KEY = 'k'.repeat(40);

describe(SecretHasher.name, () => {
  const hasher = new SecretHasher(KEY);

  it('matches the secret it hashed and nothing else', () => {
    const stored = hasher.hash('case_token', 'abc');
    expect(hasher.matches('case_token', 'abc', stored)).toBe(true);
    expect(hasher.matches('case_token', 'abd', stored)).toBe(false);
    expect(hasher.matches('case_token', 'abc', stored.subarray(1))).toBe(false);
  });

  it('derives the same secret for the same context, and another for another context, purpose or key', () => {
    const derived = hasher.derive('email_code', 'case-1:1');
    expect(hasher.derive('email_code', 'case-1:1')).toEqual(derived);
    expect(hasher.derive('email_code', 'case-1:2')).not.toEqual(derived);
    expect(hasher.derive('objection_token', 'case-1:1')).not.toEqual(derived);
    expect(new SecretHasher('x'.repeat(40)).derive('email_code', 'case-1:1')).not.toEqual(derived);
    expect(hasher.hash('email_code', 'case-1:1')).not.toEqual(derived);
  });

  it('keeps purposes and keys apart', () => {
    const stored = hasher.hash('case_token', 'abc');
    expect(hasher.matches('email_code', 'abc', stored)).toBe(false);
    expect(new SecretHasher('x'.repeat(40)).matches('case_token', 'abc', stored)).toBe(false);
  });
});

describe(SecretBox.name, () => {
  const box = new SecretBox(KEY);

  it('opens what it sealed for the same context', () => {
    expect(box.open(box.seal('token-1', 'case:1'), 'case:1')).toBe('token-1');
  });

  it('refuses another context, another key or an altered value', () => {
    const sealed = box.seal('token-1', 'case:1');
    expect(() => box.open(sealed, 'case:2')).toThrow();
    expect(() => new SecretBox('y'.repeat(40)).open(sealed, 'case:1')).toThrow();
    const altered = Buffer.from(sealed);
    altered[altered.length - 1] = (altered[altered.length - 1] ?? 0) ^ 1;
    expect(() => box.open(altered, 'case:1')).toThrow();
  });
});

describe('random secrets', () => {
  it('makes URL-safe tokens of 256 bits that differ', () => {
    const a = randomToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(randomToken()).not.toBe(a);
  });

  it('turns secret bytes into digits, leading zeros kept', () => {
    expect(digitsFrom(Buffer.alloc(8), 8)).toBe('00000000');
    expect(digitsFrom(Buffer.from('00000000075bcd15', 'hex'), 8)).toBe('23456789');
  });

  it('refuses too few bytes or more digits than 64 bits carry evenly', () => {
    expect(() => digitsFrom(Buffer.alloc(7), 8)).toThrow(RangeError);
    expect(() => digitsFrom(Buffer.alloc(8), 19)).toThrow(RangeError);
    expect(() => digitsFrom(Buffer.alloc(8), 0)).toThrow(RangeError);
  });
});
