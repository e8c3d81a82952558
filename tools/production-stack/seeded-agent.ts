import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { StaffAccountRepository } from '@app/persistence';
import { PasswordHasher } from '@app/secrets';

/** What the agent signs in with (POST /api/staff/session). */
export interface AgentCredentials {
  email: string;
  password: string;
}

/** An agent as the tests make one: written straight into the database, with a real argon2id hash. */
export async function seedAgent(db: DataSource, email: string): Promise<AgentCredentials> {
  const agent = { email, password: randomUUID() };
  await new StaffAccountRepository(db).insert({
    email: agent.email,
    name: 'Bench Agent',
    role: 'agent',
    passwordHash: await new PasswordHasher().hash(agent.password),
    active: true,
  });
  return agent;
}
