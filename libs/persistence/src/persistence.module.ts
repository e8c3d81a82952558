import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@app/config';
import { CaseEventRepository } from './cases/case-event.repository';
import { CaseRepository } from './cases/case.repository';
import { IntakeIdempotencyKeyRepository } from './cases/intake-idempotency-key.repository';
import { PendingSecretRepository } from './cases/pending-secret.repository';
import { dataSourceOptions } from './data-source-options';
import { EnvironmentRepository } from './directory/environment.repository';
import { OrganisationMembershipRepository } from './directory/organisation-membership.repository';
import { OrganisationRepository } from './directory/organisation.repository';
import { UserRepository } from './directory/user.repository';

const REPOSITORIES = [
  CaseRepository,
  CaseEventRepository,
  IntakeIdempotencyKeyRepository,
  PendingSecretRepository,
  EnvironmentRepository,
  OrganisationRepository,
  UserRepository,
  OrganisationMembershipRepository,
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
