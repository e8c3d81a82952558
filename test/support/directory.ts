import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
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
import { DEVELOPMENT_JWT_ISSUER } from '@app/config';
import { issuePlatformToken } from '@app/secrets';
import { testInfrastructure } from './test-infrastructure';

let sequence = 0;
const unique = (): string => {
  sequence += 1;
  return `${sequence}${randomUUID().slice(0, 6)}`;
};

// KvK numbers come in blocks that one test file claims for the whole run (an atomic mkdir in the run's
// folder), so no two files ever give out the same number, in whatever order or process they run. Numbers
// below the first block are left to tests that want a number no environment has (12345678, say).
const KVK_FIRST_BLOCK = 30_000_000;
const KVK_BLOCK_SIZE = 10_000;
const KVK_BLOCKS = 5_000;
let kvkBlock: { first: number; used: number } | undefined;

function claimKvkBlock(): number {
  const blocks = join(testInfrastructure().workDir, 'kvk-blocks');
  mkdirSync(blocks, { recursive: true });
  for (let block = 0; block < KVK_BLOCKS; block += 1) {
    try {
      mkdirSync(join(blocks, String(block)));
      return KVK_FIRST_BLOCK + block * KVK_BLOCK_SIZE;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  throw new Error('uniqueKvkNumber: every block of KvK numbers of this run is taken');
}

/** A KvK number (8 digits) that no other call in this test run gives, in this file or another. */
export function uniqueKvkNumber(): string {
  if (!kvkBlock || kvkBlock.used === KVK_BLOCK_SIZE) kvkBlock = { first: claimKvkBlock(), used: 0 };
  const number = kvkBlock.first + kvkBlock.used;
  kvkBlock.used += 1;
  return String(number);
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

/**
 * A platform access token as the identity provider would issue it (HS256, `sub` = user id, the issuer and
 * audience the tests' configuration expects); the options make one it would not issue.
 */
export function platformToken(
  secret: string,
  userId: string,
  options: { expiresInSeconds?: number; issuer?: string; audience?: string; issuedAtSeconds?: number } = {},
): string {
  return issuePlatformToken(
    {
      secret,
      issuer: options.issuer ?? DEVELOPMENT_JWT_ISSUER,
      audience: options.audience ?? TEST_PLATFORM_AUDIENCE,
    },
    userId,
    options.expiresInSeconds ?? 600,
    options.issuedAtSeconds,
  );
}

/** PLATFORM_JWT_AUDIENCE's default, which the tests' configuration keeps. */
export const TEST_PLATFORM_AUDIENCE = 'econnect-recovery';
