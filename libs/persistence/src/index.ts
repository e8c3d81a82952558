export { CaseDocumentEntity } from './cases/case-document.entity';
export { CaseEmailCodeEntity } from './cases/case-email-code.entity';
export { CaseEventEntity } from './cases/case-event.entity';
export { CaseNoteEntity } from './cases/case-note.entity';
export { ObjectionTokenEntity } from './cases/objection-token.entity';
export { CaseEventRepository, type NewCaseEvent } from './cases/case-event.repository';
export { CaseEntity } from './cases/case.entity';
export { CaseRepository, type NewCase } from './cases/case.repository';
export { IntakeIdempotencyKeyEntity } from './cases/intake-idempotency-key.entity';
export { IntakeIdempotencyKeyRepository } from './cases/intake-idempotency-key.repository';
export { PendingSecretEntity, type PendingSecretPurpose } from './cases/pending-secret.entity';
export { PendingSecretRepository } from './cases/pending-secret.repository';
export { isUniqueViolation } from './database-errors';
export {
  DirectoryImportRepository,
  type DirectorySnapshot,
  type DirectorySnapshotQuery,
  type ImportedEnvironment,
  type ImportedMemberships,
  type ImportedOrganisation,
  type ImportedUser,
  type MembershipChanges,
} from './directory/directory-import.repository';
export { EnvironmentEntity } from './directory/environment.entity';
export { EnvironmentRepository, type EnvironmentAtRisk } from './directory/environment.repository';
export { OrganisationMembershipEntity } from './directory/organisation-membership.entity';
export {
  OrganisationMembershipRepository,
  type MembershipOutcome,
} from './directory/organisation-membership.repository';
export { OrganisationEntity } from './directory/organisation.entity';
export { OrganisationRepository, type NewOrganisation } from './directory/organisation.repository';
export { UserEntity } from './directory/user.entity';
export { UserRepository, type NewUser, type UserChanges } from './directory/user.repository';
export { dataSourceOptions, ENTITIES } from './data-source-options';
export { PersistenceModule } from './persistence.module';
