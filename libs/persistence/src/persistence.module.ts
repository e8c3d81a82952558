import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@app/config';
import { CaseDocumentRepository } from './cases/case-document.repository';
import { CaseEmailCodeRepository } from './cases/case-email-code.repository';
import { CaseEventRepository } from './cases/case-event.repository';
import { CaseNoteRepository } from './cases/case-note.repository';
import { CaseQueryRepository } from './cases/case-query.repository';
import { CaseRepository } from './cases/case.repository';
import { IntakeIdempotencyKeyRepository } from './cases/intake-idempotency-key.repository';
import { ObjectionTokenRepository } from './cases/objection-token.repository';
import { PendingSecretRepository } from './cases/pending-secret.repository';
import { dataSourceOptions } from './data-source-options';
import { RateLimitBucketRepository } from './rate-limits/rate-limit-bucket.repository';
import { EnvironmentRepository } from './directory/environment.repository';
import { OrganisationMembershipRepository } from './directory/organisation-membership.repository';
import { OrganisationRepository } from './directory/organisation.repository';
import { RecoveryDirectoryRepository } from './directory/recovery-directory.repository';
import { UserRepository } from './directory/user.repository';
import { MailDeliveryRepository } from './mail/mail-delivery.repository';
import { StaffAccountRepository } from './staff/staff-account.repository';
import { StaffSessionRepository } from './staff/staff-session.repository';
import { StaffSignInFailureRepository } from './staff/staff-sign-in-failure.repository';

const REPOSITORIES = [
  CaseRepository,
  CaseEventRepository,
  IntakeIdempotencyKeyRepository,
  PendingSecretRepository,
  CaseDocumentRepository,
  CaseEmailCodeRepository,
  CaseNoteRepository,
  ObjectionTokenRepository,
  RecoveryDirectoryRepository,
  RateLimitBucketRepository,
  EnvironmentRepository,
  OrganisationRepository,
  UserRepository,
  OrganisationMembershipRepository,
  StaffAccountRepository,
  StaffSessionRepository,
  StaffSignInFailureRepository,
  CaseQueryRepository,
  MailDeliveryRepository,
];

@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        ...dataSourceOptions(config.databaseUrl),
        // Fail fast at start instead of retrying for minutes: the orchestrator restarts us.
        retryAttempts: 2,
        retryDelay: 1000,
      }),
    }),
  ],
  providers: REPOSITORIES,
  exports: REPOSITORIES,
})
export class PersistenceModule {}
