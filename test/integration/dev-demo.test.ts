import { resolve } from 'node:path';
import type { DataSource } from 'typeorm';
import { StaffAccountRepository } from '@app/persistence';
import { PasswordHasher } from '@app/secrets';
import { createDemoCases, createDemoCasesIfNone } from '../../tools/dev/demo-cases';
import { loadDemoDirectoryIfEmpty } from '../../tools/dev/demo-directory';
import { DEMO_STAFF, ensureDemoStaff, newDemoPassword, type DemoStaff } from '../../tools/dev/demo-staff';
import { openScratchDatabase } from '../support/database';
import { bearer, requestJson } from '../support/http-client';
import { signIn } from '../support/staff';
import { startTestService, type TestService } from '../support/test-service';

const DEMO_DIRECTORY = resolve(__dirname, '..', '..', 'examples', 'directory.json');

/** The api and the worker on a freshly migrated database of their own, dropped afterwards. */
async function withScratchService<T>(
  body: (service: TestService, db: DataSource) => Promise<T>,
  prepare: (db: DataSource) => Promise<unknown> = async () => undefined,
): Promise<T> {
  const scratch = await openScratchDatabase('econnect_dev_demo');
  try {
    await prepare(scratch.db);
    const url = scratch.db.options.type === 'postgres' ? scratch.db.options.url : undefined;
    const service = await startTestService({ DATABASE_URL: url });
    try {
      return await body(service, scratch.db);
    } finally {
      await service.close();
    }
  } finally {
    await scratch.drop();
  }
}

const staffCount = async (db: DataSource): Promise<number> =>
  Number((await db.query<{ n: string }[]>('SELECT count(*) AS n FROM staff_accounts'))[0]?.n);

const signInStatus = async (service: TestService, email: string, password: string): Promise<number> =>
  (await requestJson(service.baseUrl, 'POST', '/api/staff/session', { body: { email, password } })).status;

describe('the service itself', () => {
  it('creates no staff account: the api and the worker start, and answer, with the staff table empty', async () => {
    await withScratchService(async (service, db) => {
      expect((await requestJson(service.baseUrl, 'GET', '/health/ready')).status).toBe(200);
      expect(await staffCount(db)).toBe(0);
    });
  });
});

describe(ensureDemoStaff.name, () => {
  let scratch: { db: DataSource; drop(): Promise<void> } | undefined;
  let service: TestService;
  let db: DataSource;

  beforeAll(async () => {
    scratch = await openScratchDatabase('econnect_dev_demo');
    db = scratch.db;
    const url = db.options.type === 'postgres' ? db.options.url : undefined;
    service = await startTestService({ DATABASE_URL: url });
  });

  afterAll(async () => {
    // Each only if it was started: a failed start is reported by beforeAll, not hidden by a second error.
    await (service as TestService | undefined)?.close();
    await scratch?.drop();
  });

  const stored = (email: string) => new StaffAccountRepository(db).findByEmail(email);

  it('creates the demo agent and the demo manager, active, with the password it answers', async () => {
    const demo = await ensureDemoStaff(db);

    expect(demo.accounts.map(({ email, role }) => ({ email, role }))).toEqual([
      { email: 'agent@demo.example', role: 'agent' },
      { email: 'manager@demo.example', role: 'manager' },
    ]);
    for (const account of demo.accounts) {
      const row = await stored(account.email);
      expect(row).toMatchObject({ id: account.id, role: account.role, active: true });
      expect(row?.passwordHash).toMatch(/^\$argon2id\$/);
      expect(await new PasswordHasher().verify(row?.passwordHash, demo.password)).toBe(true);
      const session = await requestJson<{ staff: { role: string } }>(
        service.baseUrl,
        'POST',
        '/api/staff/session',
        {
          body: { email: account.email, password: demo.password },
        },
      );
      expect(session.status).toBe(201);
      expect(session.body.staff.role).toBe(account.role);
    }
  });

  it('resets the password on the next run: the old one no longer signs in, and no account is added', async () => {
    const first = await ensureDemoStaff(db);
    const count = await staffCount(db);

    const second = await ensureDemoStaff(db);

    expect(second.password).not.toBe(first.password);
    expect(second.accounts.map((a) => a.id)).toEqual(first.accounts.map((a) => a.id));
    expect(second.accounts.every((a) => !a.created)).toBe(true);
    expect(await staffCount(db)).toBe(count);
    for (const { email } of DEMO_STAFF) {
      expect(await signInStatus(service, email, first.password)).toBe(401);
      expect(await signInStatus(service, email, second.password)).toBe(201);
    }
  });

  it('brings back a demo account that was deactivated or given another role', async () => {
    await ensureDemoStaff(db);
    await db.query(
      `UPDATE staff_accounts SET active = false, role = 'manager' WHERE email = 'agent@demo.example'`,
    );

    const demo = await ensureDemoStaff(db);

    expect(await stored('agent@demo.example')).toMatchObject({ role: 'agent', active: true });
    expect(await signInStatus(service, 'agent@demo.example', demo.password)).toBe(201);
  });

  it('lifts a sign-in lock-out of the demo addresses', async () => {
    const demo: DemoStaff = await ensureDemoStaff(db);
    for (let i = 0; i < 10; i += 1) {
      expect(await signInStatus(service, 'manager@demo.example', 'a wrong password')).toBe(401);
    }
    expect(await signInStatus(service, 'manager@demo.example', demo.password)).toBe(429);

    const again = await ensureDemoStaff(db);

    expect(await signInStatus(service, 'manager@demo.example', again.password)).toBe(201);
  });

  it('makes a new password of 16 URL-safe characters each time, and refuses one the staff rules refuse', async () => {
    const passwords = new Set(Array.from({ length: 20 }, () => newDemoPassword()));
    expect(passwords.size).toBe(20);
    for (const password of passwords) expect(password).toMatch(/^[A-Za-z0-9_-]{16}$/);

    await expect(ensureDemoStaff(db, 'too short')).rejects.toThrow('at least 12 characters');
  });
});

describe(createDemoCasesIfNone.name, () => {
  /** A service on a scratch database holding the demo directory and the demo staff, as `npm run dev` has it. */
  const withDemoService = <T>(body: (service: TestService, staff: DemoStaff) => Promise<T>): Promise<T> => {
    let staff: DemoStaff | undefined;
    return withScratchService(
      (service) => {
        if (!staff) throw new Error('no demo staff');
        return body(service, staff);
      },
      async (db) => {
        await loadDemoDirectoryIfEmpty(db, DEMO_DIRECTORY);
        staff = await ensureDemoStaff(db);
      },
    );
  };
  const agentOf = (staff: DemoStaff) => ({ email: 'agent@demo.example', password: staff.password });

  interface AgentCase {
    status: string;
    method: string;
    environment: { reference: string } | null;
    findings: { requesterIsOfficer: boolean } | null;
  }

  it('makes cases in each promised state through the api and the workflow, and none when there are cases', async () => {
    await withDemoService(async (service, staff) => {
      const made = await createDemoCasesIfNone({
        apiUrl: service.baseUrl,
        agent: agentOf(staff),
        mail: service.mail,
      });

      expect(made?.failures).toEqual([]);
      expect(made?.leftOut).toBe(0);
      expect(made?.cases.map((c) => c.status)).toEqual([
        'awaiting_confirmation',
        'awaiting_email_code',
        'awaiting_review',
        'awaiting_review',
        'rejected',
      ]);
      // As the console shows them to the demo agent.
      const token = await signIn(service.baseUrl, agentOf(staff));
      const seen = await Promise.all(
        (made?.cases ?? []).map(async ({ reference }) => {
          const answer = await requestJson<AgentCase>(service.baseUrl, 'GET', `/api/cases/${reference}`, {
            headers: bearer(token),
          });
          const { status, method, environment, findings } = answer.body;
          return {
            status,
            method,
            environment: environment?.reference,
            officer: findings?.requesterIsOfficer,
          };
        }),
      );
      expect(seen).toEqual([
        { status: 'awaiting_confirmation', method: 'email', environment: 'ENV-1001', officer: undefined },
        { status: 'awaiting_email_code', method: 'email', environment: 'ENV-1003', officer: undefined },
        { status: 'awaiting_review', method: 'email', environment: 'ENV-1002', officer: undefined },
        { status: 'awaiting_review', method: 'chamber_extract', environment: 'ENV-1001', officer: true },
        { status: 'rejected', method: 'chamber_extract', environment: 'ENV-1002', officer: false },
      ]);

      expect(
        await createDemoCasesIfNone({ apiUrl: service.baseUrl, agent: agentOf(staff), mail: service.mail }),
      ).toBeUndefined();
      const list = await requestJson<{ items: unknown[] }>(service.baseUrl, 'GET', '/api/cases', {
        headers: bearer(token),
      });
      expect(list.body.items).toHaveLength(5);
    });
  });

  it('without the mail catcher makes only the case that needs no mail, and says how many it left out', async () => {
    await withDemoService(async (service, staff) => {
      const made = await createDemoCases({ apiUrl: service.baseUrl, agent: agentOf(staff) });

      expect(made.failures).toEqual([]);
      expect(made.cases.map((c) => c.status)).toEqual(['awaiting_confirmation']);
      expect(made.cases[0]?.reference).toMatch(/^RC-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
      expect(made.leftOut).toBe(4);
    });
  });

  it('reports a case it could not make instead of failing all of them', async () => {
    // A mail catcher that never delivers: every case that needs mail waits in vain, the first is made.
    await withDemoService(async (service, staff) => {
      const made = await createDemoCases({
        apiUrl: service.baseUrl,
        agent: agentOf(staff),
        mail: { waitForMail: () => Promise.reject(new Error('no mail')) },
        stepTimeoutMs: 500,
      });

      expect(made.cases.map((c) => c.status)).toEqual(['awaiting_confirmation']);
      expect(made.failures).toHaveLength(4);
      expect(made.failures[0]?.reason).toContain(
        'the mail with the access link to joris.deboer@noordzee.example',
      );
    });
  });
});
