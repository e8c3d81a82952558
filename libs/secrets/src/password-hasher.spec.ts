import { hash } from '@node-rs/argon2';
import { PasswordHasher } from './password-hasher';

describe(PasswordHasher.name, () => {
  const hasher = new PasswordHasher();

  it('hashes with argon2id, 64 MiB, three passes, one lane, into a salted PHC string', async () => {
    const first = await hasher.hash('correct horse battery staple');
    expect(first).toMatch(/^\$argon2id\$v=19\$m=65536,t=3,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(await hasher.hash('correct horse battery staple')).not.toBe(first);
  });

  it('verifies the password it hashed and nothing else', async () => {
    const stored = await hasher.hash('correct horse battery staple');
    expect(await hasher.verify(stored, 'correct horse battery staple')).toBe(true);
    expect(await hasher.verify(stored, 'correct horse battery stapler')).toBe(false);
  });

  it('answers false without a stored hash, or with a malformed one', async () => {
    expect(await hasher.verify(null, 'correct horse battery staple')).toBe(false);
    expect(await hasher.verify('not a hash', 'correct horse battery staple')).toBe(false);
  });

  it('asks for a new hash when the stored one was made with other parameters', async () => {
    expect(hasher.needsRehash(await hasher.hash('correct horse battery staple'))).toBe(false);
    expect(
      hasher.needsRehash(await hash('correct horse battery staple', { memoryCost: 19456, timeCost: 2 })),
    ).toBe(true);
    expect(hasher.needsRehash('not a hash')).toBe(true);
  });
});
