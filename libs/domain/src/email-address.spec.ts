import { isStrictEmailAddress, MAX_EMAIL_LENGTH } from './email-address';

describe(isStrictEmailAddress.name, () => {
  it.each([
    'anna@acme.example',
    'anna.de.vries@acme.example',
    'Anna+recovery@mail.acme.example',
    "o'brien@acme.example",
    'x@a-b.example',
    `${'a'.repeat(64)}@acme.example`,
  ])('takes %j', (address) => {
    expect(isStrictEmailAddress(address)).toBe(true);
  });

  it.each([
    ['a quoted local part naming another address', '"ceo@acme.example"@attacker.example'],
    ['a quoted local part with a CR/LF', '"a\r\nBcc: x@y.example"@attacker.example'],
    ['a CR/LF anywhere', 'anna@acme.example\r\nBcc: x@y.example'],
    ['a control character', 'an\u0000na@acme.example'],
    ['a space', 'anna de vries@acme.example'],
    ['two @', 'anna@acme@example.com'],
    ['no @', 'anna.acme.example'],
    ['an empty local part', '@acme.example'],
    ['a leading dot', '.anna@acme.example'],
    ['two dots in a row', 'anna..devries@acme.example'],
    ['a trailing dot in the local part', 'anna.@acme.example'],
    ['an address literal', 'anna@[192.0.2.1]'],
    ['a domain without a dot', 'anna@localhost'],
    ['a numeric top-level domain', 'anna@acme.123'],
    ['a label starting with a hyphen', 'anna@-acme.example'],
    ['an empty label', 'anna@acme..example'],
    ['a comment', 'anna(comment)@acme.example'],
    ['a display name', 'Anna <anna@acme.example>'],
    ['non-ASCII', 'änna@acme.example'],
    ['a local part over 64 characters', `${'a'.repeat(65)}@acme.example`],
    [
      'an address over 254 characters',
      // Every part valid by itself: 10 + 1 + 4 × 61 + 7 = 262 characters.
      `${'a'.repeat(10)}@${`${'b'.repeat(60)}.`.repeat(4)}example`,
    ],
  ])('refuses %s', (_what, address) => {
    expect(isStrictEmailAddress(address)).toBe(false);
  });

  it('takes an address of exactly the longest length', () => {
    const longest = `aa@${`${'b'.repeat(60)}.`.repeat(4)}example`;
    expect(longest).toHaveLength(MAX_EMAIL_LENGTH);
    expect(isStrictEmailAddress(longest)).toBe(true);
    expect(isStrictEmailAddress(`a${longest}`)).toBe(false);
  });
});
