import type { DataSourceOptions } from 'typeorm';
import { CaseDocumentEntity } from './cases/case-document.entity';
import { CaseEmailCodeEntity } from './cases/case-email-code.entity';
import { CaseEventEntity } from './cases/case-event.entity';
import { CaseNoteEntity } from './cases/case-note.entity';
import { CaseEntity } from './cases/case.entity';
import { IntakeIdempotencyKeyEntity } from './cases/intake-idempotency-key.entity';
import { ObjectionTokenEntity } from './cases/objection-token.entity';
import { PendingSecretEntity } from './cases/pending-secret.entity';
import { ListeningPgClient } from './listening-pg-client';
import { EnvironmentEntity } from './directory/environment.entity';
import { OrganisationMembershipEntity } from './directory/organisation-membership.entity';
import { OrganisationEntity } from './directory/organisation.entity';
import { UserEntity } from './directory/user.entity';
import { MailDeliveryEntity } from './mail/mail-delivery.entity';
import { MIGRATIONS } from './migrations';
import { RateLimitBucketEntity } from './rate-limits/rate-limit-bucket.entity';
import { StaffAccountEntity } from './staff/staff-account.entity';
import { StaffSessionEntity } from './staff/staff-session.entity';
import { StaffSignInFailureEntity } from './staff/staff-sign-in-failure.entity';

export const ENTITIES = [
  CaseEntity,
  CaseEventEntity,
  IntakeIdempotencyKeyEntity,
  PendingSecretEntity,
  CaseDocumentEntity,
  CaseEmailCodeEntity,
  ObjectionTokenEntity,
  CaseNoteEntity,
  EnvironmentEntity,
  OrganisationEntity,
  UserEntity,
  OrganisationMembershipEntity,
  RateLimitBucketEntity,
  StaffAccountEntity,
  StaffSessionEntity,
  StaffSignInFailureEntity,
  MailDeliveryEntity,
];

/** The one description of our database, shared by the Nest module, the CLI and the tests. */
export function dataSourceOptions(
  databaseUrl: string,
  applicationName = 'econnect-recovery',
): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    applicationName,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    // Never: the schema changes only through reviewed migrations.
    synchronize: false,
    migrationsRun: false,
    uuidExtension: 'pgcrypto',
    // A wait for a connection (the pool full, PostgreSQL not answering) ends as an error the caller retries,
    // never as a hang: 10 s, well past a healthy pool's wait.
    connectTimeoutMS: 10_000,
    // Every pooled client listens for its connection's end (see ListeningPgClient).
    extra: { max: 10, Client: ListeningPgClient },
  };
}
