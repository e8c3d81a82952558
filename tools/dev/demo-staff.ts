import type { DataSource } from 'typeorm';
import { staffPasswordProblem, type StaffRole } from '@app/domain';
import { StaffAccountEntity, StaffAccountRepository, StaffSignInFailureRepository } from '@app/persistence';
import { PasswordHasher, randomToken } from '@app/secrets';

/** The two accounts `npm run dev` keeps for trying the console: one of each role. */
export const DEMO_STAFF = [
  { email: 'agent@demo.example', name: 'Demo Agent', role: 'agent' },
  { email: 'manager@demo.example', name: 'Demo Manager', role: 'manager' },
] as const satisfies readonly { email: string; name: string; role: StaffRole }[];

interface DemoStaffAccount {
  id: string;
  email: string;
  name: string;
  role: StaffRole;
  /** Whether this start created the account (else it was there, and was reset). */
  created: boolean;
}

export interface DemoStaff {
  /** The password of both accounts, until the next start. */
  password: string;
  accounts: DemoStaffAccount[];
}

/** 16 URL-safe characters (96 random bits): easy to copy from a terminal, made anew at every start. */
export function newDemoPassword(): string {
  return randomToken(12);
}

/**
 * Creates the demo agent and manager, or brings them back to what they should be: their role, active, and
 * `password` (no password is ever committed; `npm run dev` makes a new one at each start and prints it).
 * Their sign-in lock-out, if a previous run left one, is lifted. For `npm run dev` only: no production
 * process creates accounts by itself.
 */
export async function ensureDemoStaff(
  dataSource: DataSource,
  password = newDemoPassword(),
): Promise<DemoStaff> {
  const problem = staffPasswordProblem(password);
  if (problem) throw new Error(`the demo password is not acceptable: ${problem}`);
  const hasher = new PasswordHasher();
  // Each account its own hash (and salt), made before the transaction: argon2id takes a while on purpose.
  const wanted = await Promise.all(
    DEMO_STAFF.map(async (spec) => ({ ...spec, passwordHash: await hasher.hash(password) })),
  );
  const accounts = new StaffAccountRepository(dataSource);

  const ensured = await dataSource.transaction(async (manager) => {
    const result: DemoStaffAccount[] = [];
    for (const { passwordHash, ...spec } of wanted) {
      const existing = await accounts.findByEmail(spec.email, manager);
      if (existing) {
        // The repository has no general update (production never edits accounts like this): the demo's
        // own, on the one entity, in the same transaction.
        await manager
          .getRepository(StaffAccountEntity)
          .update({ id: existing.id }, { name: spec.name, role: spec.role, active: true, passwordHash });
        result.push({ id: existing.id, ...spec, created: false });
      } else {
        const created = await accounts.insert({ ...spec, passwordHash, active: true }, manager);
        result.push({ id: created.id, ...spec, created: true });
      }
    }
    return result;
  });

  const failures = new StaffSignInFailureRepository(dataSource);
  for (const spec of DEMO_STAFF) await failures.clear(spec.email);
  return { password, accounts: ensured };
}
