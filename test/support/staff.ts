import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { StaffRole } from '@app/domain';
import { StaffAccountRepository } from '@app/persistence';
import { PasswordHasher } from '@app/secrets';
import { requestJson } from './http-client';

export interface TestStaff {
  id: string;
  email: string;
  name: string;
  role: StaffRole;
  password: string;
}

let sequence = 0;

/** A staff account written straight into the test database, with a real argon2id hash and a unique address. */
export async function newStaff(
  db: DataSource,
  spec: { role?: StaffRole; active?: boolean; name?: string } = {},
): Promise<TestStaff> {
  sequence += 1;
  const unique = `${sequence}.${randomUUID().slice(0, 8)}`;
  const role = spec.role ?? 'agent';
  const email = `${role}.${unique}@support.example`;
  const name = spec.name ?? `Staff ${unique}`;
  const password = `password-${randomUUID()}`;
  const account = await new StaffAccountRepository(db).insert({
    email,
    name,
    role,
    passwordHash: await new PasswordHasher().hash(password),
    active: spec.active ?? true,
  });
  return { id: account.id, email, name, role, password };
}

/** Signs the staff member in over HTTP; answers the session token. */
export async function signIn(baseUrl: string, staff: Pick<TestStaff, 'email' | 'password'>): Promise<string> {
  const answer = await requestJson<{ token?: string }>(baseUrl, 'POST', '/api/staff/session', {
    body: { email: staff.email, password: staff.password },
  });
  if (answer.status !== 201 || !answer.body.token) {
    throw new Error(`sign-in answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  }
  return answer.body.token;
}

/** The `Cookie` header for a staff session token, as a browser sends it. */
export const staffCookie = (token: string): Record<string, string> => ({ cookie: `staff_session=${token}` });
