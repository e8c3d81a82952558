import { randomUUID } from 'node:crypto';
import { hash as argon2Hash } from '@node-rs/argon2';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { DataSource } from 'typeorm';
import { SecretHasher } from '@app/secrets';
import { openTestDatabase } from '../support/database';
import { bearer, requestJson } from '../support/http-client';
import { newStaff, signIn, staffCookie, type TestStaff } from '../support/staff';
import { testConfig } from '../support/test-config';
import { startApi } from '../support/test-service';

const WRONG_CREDENTIALS = 'The email address or the password is not right.';

interface SessionBody {
  token: string;
  expiresAt: string;
  staff: { id: string; email: string; name: string; role: string };
}

describe('Staff sign-in and sessions', () => {
  const config = testConfig();
  let api: NestFastifyApplication;
  let baseUrl: string;
  let db: DataSource;

  beforeAll(async () => {
    [{ api, baseUrl }, db] = await Promise.all([startApi(config), openTestDatabase()]);
  });

  afterAll(async () => {
    await api.close();
    await db.destroy();
  });

  const signInWith = (body: unknown) =>
    requestJson<SessionBody & { message: string; fields?: Record<string, string[]> }>(
      baseUrl,
      'POST',
      '/api/staff/session',
      { body },
    );
  const whoAmI = (headers: Record<string, string>) =>
    requestJson<{ staff?: SessionBody['staff']; message?: string }>(baseUrl, 'GET', '/api/staff/session', {
      headers,
    });
  const sessionsOf = async (staff: TestStaff) =>
    (
      await db.query<[{ n: number }]>('SELECT count(*)::int AS n FROM staff_sessions WHERE staff_id = $1', [
        staff.id,
      ])
    )[0].n;

  describe('POST /api/staff/session', () => {
    it('signs in with the right password: a token, when it ends, who it is', async () => {
      const staff = await newStaff(db, { role: 'manager', name: 'Mia Bakker' });
      const answer = await signInWith({ email: staff.email, password: staff.password });

      expect(answer.status).toBe(201);
      expect(answer.body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(answer.body.staff).toEqual({
        id: staff.id,
        email: staff.email,
        name: 'Mia Bakker',
        role: 'manager',
      });
      const lasts = Date.parse(answer.body.expiresAt) - Date.now();
      expect(lasts).toBeGreaterThan(8 * 3600_000 - 60_000);
      expect(lasts).toBeLessThanOrEqual(8 * 3600_000 + 5_000);
    });

    it('sets the session cookie HttpOnly, SameSite=Strict, for the whole site, not Secure over http', async () => {
      const staff = await newStaff(db);
      const answer = await signInWith({ email: staff.email, password: staff.password });
      const cookie = answer.headers.get('set-cookie') ?? '';

      expect(cookie).toMatch(new RegExp(`^staff_session=${answer.body.token};`));
      expect(cookie).toContain('HttpOnly');
      expect(cookie).toContain('SameSite=Strict');
      expect(cookie).toContain('Path=/;');
      expect(cookie).toContain(`Expires=${new Date(answer.body.expiresAt).toUTCString()}`);
      expect(cookie).not.toContain('Secure');
    });

    it('makes the cookie Secure when the service is served over https', async () => {
      const secure = await startApi(testConfig({ PUBLIC_BASE_URL: 'https://recovery.example.nl' }));
      try {
        const staff = await newStaff(db);
        const answer = await requestJson(secure.baseUrl, 'POST', '/api/staff/session', {
          body: { email: staff.email, password: staff.password },
        });
        expect(answer.status).toBe(201);
        expect(answer.headers.get('set-cookie')).toMatch(/; Secure(;|$)/);
      } finally {
        await secure.api.close();
      }
    });

    it('finds the account whatever the case of the address', async () => {
      const staff = await newStaff(db);
      const answer = await signInWith({ email: ` ${staff.email.toUpperCase()} `, password: staff.password });
      expect(answer.status).toBe(201);
      expect(answer.body.staff.id).toBe(staff.id);
    });

    it('keeps only a keyed hash of the token', async () => {
      const staff = await newStaff(db);
      const token = await signIn(baseUrl, staff);
      const [row] = await db.query<{ token_hash: Buffer }[]>(
        'SELECT token_hash FROM staff_sessions WHERE staff_id = $1',
        [staff.id],
      );
      expect(
        row?.token_hash.equals(new SecretHasher(config.secrets.secretKey).hash('staff_session', token)),
      ).toBe(true);
      expect(row?.token_hash.toString('utf8')).not.toContain(token);
    });

    it('gives a wrong password and an unknown address the same 401, after the same work', async () => {
      const staff = await newStaff(db);
      const timed = async (body: unknown) => {
        const startedAt = performance.now();
        const answer = await signInWith(body);
        return { answer, ms: performance.now() - startedAt };
      };
      const wrong = await timed({ email: staff.email, password: 'not the password at all' });
      const unknown = await timed({
        email: `nobody.${randomUUID()}@support.example`,
        password: staff.password,
      });

      expect(wrong.answer).toMatchObject({ status: 401, body: { message: WRONG_CREDENTIALS } });
      expect(unknown.answer).toMatchObject({ status: 401, body: { message: WRONG_CREDENTIALS } });
      expect(unknown.answer.headers.get('set-cookie')).toBeNull();
      // Both checked a password with argon2id (tens of milliseconds), not answered at once.
      expect(wrong.ms).toBeGreaterThan(20);
      expect(unknown.ms).toBeGreaterThan(20);
    });

    it('refuses a deactivated account, even with the right password', async () => {
      const staff = await newStaff(db, { active: false });
      const answer = await signInWith({ email: staff.email, password: staff.password });
      expect(answer).toMatchObject({ status: 401, body: { message: 'Your staff account is deactivated.' } });
      expect(await sessionsOf(staff)).toBe(0);
    });

    it.each([
      [{}, ['email', 'password']],
      [{ email: 'agent@support.example' }, ['password']],
      [{ email: 'not an address', password: 'x' }, ['email']],
      [{ email: 'agent@support.example', password: '' }, ['password']],
      [{ email: 'agent@support.example', password: 'x', remember: true }, ['remember']],
    ])('refuses %j with 400, naming the fields', async (body, fields) => {
      const answer = await signInWith(body);
      expect(answer.status).toBe(400);
      expect(Object.keys(answer.body.fields ?? {}).sort()).toEqual(fields);
    });

    it('replaces a hash made with older parameters at the next sign-in', async () => {
      const staff = await newStaff(db);
      const weak = await argon2Hash(staff.password, { memoryCost: 19456, timeCost: 2 });
      await db.query('UPDATE staff_accounts SET password_hash = $2 WHERE id = $1', [staff.id, weak]);

      await signIn(baseUrl, staff);
      const [row] = await db.query<{ password_hash: string }[]>(
        'SELECT password_hash FROM staff_accounts WHERE id = $1',
        [staff.id],
      );
      expect(row?.password_hash).toMatch(/^\$argon2id\$v=19\$m=65536,t=3,p=1\$/);
      await signIn(baseUrl, staff);
    });
  });

  describe('the session on a staff route', () => {
    it('is accepted as the cookie and as a bearer token', async () => {
      const staff = await newStaff(db);
      const token = await signIn(baseUrl, staff);
      const expected = { id: staff.id, email: staff.email, name: staff.name, role: 'agent' };

      expect(await whoAmI(staffCookie(token))).toMatchObject({ status: 200, body: { staff: expected } });
      expect(await whoAmI(bearer(token))).toMatchObject({ status: 200, body: { staff: expected } });
    });

    it.each([
      ['no session', {}],
      ['an unknown token', bearer('x'.repeat(43))],
      ['an unknown cookie', staffCookie('x'.repeat(43))],
    ])('is refused with 401 for %s', async (_label, headers) => {
      const answer = await whoAmI(headers);
      expect(answer.status).toBe(401);
      expect(answer.body.message).toMatch(/sign in/i);
    });

    it('is refused once it has expired', async () => {
      const staff = await newStaff(db);
      const token = await signIn(baseUrl, staff);
      await db.query(
        `UPDATE staff_sessions SET expires_at = now() - interval '1 second' WHERE staff_id = $1`,
        [staff.id],
      );
      expect(await whoAmI(bearer(token))).toMatchObject({
        status: 401,
        body: { message: 'Your session has expired. Sign in to the console again.' },
      });
    });

    it('is refused as soon as the account is deactivated', async () => {
      const staff = await newStaff(db);
      const token = await signIn(baseUrl, staff);
      await db.query('UPDATE staff_accounts SET active = false WHERE id = $1', [staff.id]);
      expect(await whoAmI(staffCookie(token))).toMatchObject({
        status: 401,
        body: { message: 'Your staff account is deactivated.' },
      });
    });

    it('notes when it was last used', async () => {
      const staff = await newStaff(db);
      await whoAmI(bearer(await signIn(baseUrl, staff)));
      const [row] = await db.query<{ last_seen_at: Date | null }[]>(
        'SELECT last_seen_at FROM staff_sessions WHERE staff_id = $1',
        [staff.id],
      );
      expect(row?.last_seen_at).toBeInstanceOf(Date);
    });
  });

  describe('DELETE /api/staff/session', () => {
    it('ends the session of the cookie and clears the cookie', async () => {
      const staff = await newStaff(db);
      const token = await signIn(baseUrl, staff);
      const answer = await requestJson(baseUrl, 'DELETE', '/api/staff/session', {
        headers: staffCookie(token),
      });

      expect(answer.status).toBe(204);
      const cleared = answer.headers.get('set-cookie') ?? '';
      expect(cleared).toMatch(/^staff_session=;/);
      expect(cleared).toContain('Expires=Thu, 01 Jan 1970 00:00:00 GMT');
      expect(cleared).toContain('HttpOnly');
      expect(await sessionsOf(staff)).toBe(0);
      expect((await whoAmI(staffCookie(token))).status).toBe(401);
    });

    it('ends only the session it names: another sign-in of the same person stays', async () => {
      const staff = await newStaff(db);
      const [first, second] = [await signIn(baseUrl, staff), await signIn(baseUrl, staff)];
      expect(
        (await requestJson(baseUrl, 'DELETE', '/api/staff/session', { headers: bearer(first) })).status,
      ).toBe(204);
      expect((await whoAmI(bearer(first))).status).toBe(401);
      expect((await whoAmI(bearer(second))).status).toBe(200);
    });

    it('answers 204 without a session too: signing out always succeeds', async () => {
      expect((await requestJson(baseUrl, 'DELETE', '/api/staff/session')).status).toBe(204);
    });
  });

  describe('lock-out', () => {
    const failTimes = async (email: string, times: number) => {
      for (let i = 0; i < times; i += 1) {
        expect(await signInWith({ email, password: `wrong password ${i}` })).toMatchObject({ status: 401 });
      }
    };

    it('locks the address after ten failures: the right password is refused too, with how long to wait', async () => {
      const staff = await newStaff(db);
      await failTimes(staff.email, 10);

      const answer = await signInWith({ email: staff.email, password: staff.password });
      expect(answer).toMatchObject({
        status: 429,
        body: { message: 'Too many failed sign-ins for this email address. Wait 15 minutes and try again.' },
      });
      expect(await sessionsOf(staff)).toBe(0);
      // Another address is not affected.
      const other = await newStaff(db);
      await signIn(baseUrl, other);
    });

    it('locks an unknown address the same way, so the lock-out tells nothing about who has an account', async () => {
      const email = `nobody.${randomUUID()}@support.example`;
      await failTimes(email, 10);
      expect((await signInWith({ email, password: 'anything at all' })).status).toBe(429);
    });

    it('lets the address in again once the failures are fifteen minutes old', async () => {
      const staff = await newStaff(db);
      await failTimes(staff.email, 10);
      expect((await signInWith({ email: staff.email, password: staff.password })).status).toBe(429);

      await db.query(
        `UPDATE staff_sign_in_failures SET attempted_at = attempted_at - interval '15 minutes' WHERE email_key = $1`,
        [staff.email.toLowerCase()],
      );
      await signIn(baseUrl, staff);
    });

    it('starts afresh after a successful sign-in', async () => {
      const staff = await newStaff(db);
      await failTimes(staff.email, 9);
      await signIn(baseUrl, staff);
      await failTimes(staff.email, 9);
      await signIn(baseUrl, staff);
    });

    it('checks no more than ten passwords when many attempts arrive at once', async () => {
      const staff = await newStaff(db);
      const answers = await Promise.all(
        Array.from({ length: 24 }, (_, i) => signInWith({ email: staff.email, password: `guess ${i}` })),
      );
      // Each attempt is checked (401, and it stays a failure) or refused unchecked (429, and it is forgotten).
      // Attempts arriving at once count each other, so often fewer than ten are checked (none, even, when
      // every attempt sees the others): the number checked is not fixed, but never more than ten.
      const statuses = answers.map((answer) => answer.status);
      const checked = statuses.filter((status) => status === 401).length;
      expect(statuses.filter((status) => status !== 401 && status !== 429)).toEqual([]);
      expect(checked).toBeLessThanOrEqual(10);
      // The checked ones count towards the lock-out and the refused ones do not: exactly the failures still
      // missing to ten are answered 401, and then the right password is refused.
      await failTimes(staff.email, 10 - checked);
      expect((await signInWith({ email: staff.email, password: staff.password })).status).toBe(429);
    });
  });
});
