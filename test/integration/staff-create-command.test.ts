import { randomUUID } from 'node:crypto';
import { verify } from '@node-rs/argon2';
import type { DataSource } from 'typeorm';
import { openTestDatabase } from '../support/database';
import { runCli } from '../support/source-process';

describe('npm run cli -- staff:create', () => {
  let db: DataSource;

  beforeAll(async () => {
    db = await openTestDatabase();
  });

  afterAll(async () => {
    await db.destroy();
  });

  const address = () => `staff.${randomUUID()}@support.example`;
  const accountsWith = (email: string) =>
    db.query<
      { id: string; email: string; name: string; role: string; active: boolean; password_hash: string }[]
    >(
      'SELECT id, email, name, role, active, password_hash FROM staff_accounts WHERE lower(email) = lower($1)',
      [email],
    );

  it('creates the account with the piped password hashed by argon2id, printing its id alone', async () => {
    const email = address();
    const result = await runCli(
      ['staff:create', '--email', email, '--name', 'Mia Bakker', '--role', 'manager'],
      {},
      {
        input: 'correct horse battery staple\n',
      },
    );

    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`Created the manager account of Mia Bakker <${email}>`);
    const [account] = await accountsWith(email);
    expect(result.stdout.trim()).toBe(account?.id);
    expect(account).toMatchObject({ email, name: 'Mia Bakker', role: 'manager', active: true });
    expect(account?.password_hash).toMatch(/^\$argon2id\$/);
    expect(await verify(account?.password_hash ?? '', 'correct horse battery staple')).toBe(true);
  });

  it('refuses an address that already has an account, whatever its case, with exit code 1', async () => {
    const email = address();
    const args = ['staff:create', '--email', email, '--name', 'A', '--role', 'agent'];
    expect((await runCli(args, {}, { input: 'first password here\n' })).code).toBe(0);

    const again = await runCli(
      ['staff:create', '--email', email.toUpperCase(), '--name', 'B', '--role', 'agent'],
      {},
      {
        input: 'second password here\n',
      },
    );
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(
      `A staff account with the email address ${email.toUpperCase()} already exists.`,
    );
    expect(again.stdout).toBe('');
    expect(await accountsWith(email)).toHaveLength(1);
  });

  it('refuses a password shorter than twelve characters, creating nothing', async () => {
    const email = address();
    const result = await runCli(
      ['staff:create', '--email', email, '--name', 'A', '--role', 'agent'],
      {},
      {
        input: 'too short\n',
      },
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('The password must be at least 12 characters long (it has 9).');
    expect(await accountsWith(email)).toHaveLength(0);
  });

  // The arguments themselves are checked by a pure function with its own unit test.
  it('is a usage error (exit code 2) without a password on standard input', async () => {
    const email = address();
    const result = await runCli(['staff:create', '--email', email, '--name', 'A', '--role', 'agent']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('staff:create reads the password from standard input');
    expect(result.stderr).toContain('Usage: npm run cli');
    expect(await accountsWith(email)).toHaveLength(0);
  });
});
