import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { EnvironmentRole, OrganisationRole, SubscriptionPlan, UserStatus } from '@app/domain';
import {
  EnvironmentEntity,
  OrganisationMembershipRepository,
  OrganisationRepository,
  UserRepository,
  type OrganisationEntity,
  type UserEntity,
} from '@app/persistence';
import { issuePlatformToken } from '../../apps/cli/src/platform-token/issue-platform-token';

let sequence = 0;
const unique = (): string => {
  sequence += 1;
  return `${sequence}${randomUUID().slice(0, 6)}`;
};

// Each test process counts on from a random point: numbers differ within a run and, very likely, between runs.
let kvkSequence = Math.floor(Math.random() * 80_000_000);

/** A KvK number (8 digits) that no other call in this test run gives. */
export function uniqueKvkNumber(): string {
  kvkSequence += 1;
  return String(10_000_000 + (kvkSequence % 90_000_000));
}

interface NewUserSpec {
  role?: EnvironmentRole;
  status?: UserStatus;
  name?: string;
  /** Organisation roles by the index of the organisation in the environment's `organisations`. */
  organisations?: Record<number, OrganisationRole>;
}

export interface TestEnvironment {
  environment: EnvironmentEntity;
  organisations: OrganisationEntity[];
  users: UserEntity[];
}

/**
 * An environment written straight into the test database, with unique reference, addresses and
 * KvK numbers, so that tests never depend on each other's data.
 */
export async function newEnvironment(
  db: DataSource,
  spec: { organisations?: number; users?: NewUserSpec[]; plan?: SubscriptionPlan } = {},
): Promise<TestEnvironment> {
  const id = unique();
  const environment = await db.getRepository(EnvironmentEntity).save({
    reference: `ENV-T${id}`,
    name: `Test environment ${id}`,
    contactEmail: `info.${id}@env.example`,
    plan: spec.plan ?? 'basic',
  });
  const organisationRepository = new OrganisationRepository(db);
  const organisations: OrganisationEntity[] = [];
  for (let i = 0; i < (spec.organisations ?? 0); i += 1) {
    organisations.push(
      await organisationRepository.insert({
        environmentId: environment.id,
        name: `Organisation ${i} of ${id} B.V.`,
        kvkNumber: uniqueKvkNumber(),
      }),
    );
  }
  const userRepository = new UserRepository(db);
  const memberships = new OrganisationMembershipRepository(db);
  const users: UserEntity[] = [];
  for (const [i, user] of (spec.users ?? []).entries()) {
    const created = await userRepository.insert({
      environmentId: environment.id,
      email: `user${i}.${id}@env.example`,
      name: user.name ?? `User ${i} ${id}`,
      role: user.role ?? 'user',
      status: user.status ?? 'active',
    });
    users.push(created);
    for (const [index, role] of Object.entries(user.organisations ?? {})) {
      const organisation = organisations[Number(index)];
      if (!organisation) throw new Error(`newEnvironment: no organisation ${index}`);
      await memberships.set({
        organisationId: organisation.id,
        userId: created.id,
        environmentId: environment.id,
        role,
      });
    }
  }
  return { environment, organisations, users };
}

/** A platform access token as the identity provider would issue it (HS256, `sub` = user id). */
export function platformToken(
  secret: string,
  userId: string,
  options: { expiresInSeconds?: number } = {},
): string {
  return issuePlatformToken(secret, userId, options.expiresInSeconds ?? 600);
}
