export { CaseDocumentEntity } from './cases/case-document.entity';
export { CaseDocumentRepository, type NewCaseDocument } from './cases/case-document.repository';
export { CaseEmailCodeRepository } from './cases/case-email-code.repository';
export { CaseNoteRepository, type NewCaseNote } from './cases/case-note.repository';
export { ObjectionTokenRepository } from './cases/objection-token.repository';
export { RecoveryDirectoryRepository } from './directory/recovery-directory.repository';
export { CaseEmailCodeEntity } from './cases/case-email-code.entity';
export { CaseEventEntity } from './cases/case-event.entity';
export { CaseNoteEntity } from './cases/case-note.entity';
export { ObjectionTokenEntity } from './cases/objection-token.entity';
export { CaseEventRepository, type NewCaseEvent } from './cases/case-event.repository';
export { CaseEntity } from './cases/case.entity';
export { CaseRepository, type CaseChanges, type NewCase } from './cases/case.repository';
export { IntakeIdempotencyKeyEntity } from './cases/intake-idempotency-key.entity';
export { IntakeIdempotencyKeyRepository } from './cases/intake-idempotency-key.repository';
export { PendingSecretEntity, type PendingSecretPurpose } from './cases/pending-secret.entity';
export { PendingSecretRepository } from './cases/pending-secret.repository';
export { isDatabaseUnavailable, isUniqueViolation } from './database-errors';
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
export { StaffAccountEntity } from './staff/staff-account.entity';
export { StaffAccountRepository, type NewStaffAccount } from './staff/staff-account.repository';
export { StaffSessionEntity } from './staff/staff-session.entity';
export { StaffSessionRepository, type StaffSessionLookup } from './staff/staff-session.repository';
export { StaffSignInFailureEntity } from './staff/staff-sign-in-failure.entity';
export { StaffSignInFailureRepository, type SignInAttempt } from './staff/staff-sign-in-failure.repository';
export {
  CaseQueryRepository,
  type CaseFigures,
  type CaseQueueFilter,
  type CaseQueuePosition,
  type CaseQueueRow,
} from './cases/case-query.repository';
export { MailDeliveryEntity } from './mail/mail-delivery.entity';
export { MailDeliveryRepository, type MailDeliveryClaim } from './mail/mail-delivery.repository';
export { RateLimitBucketEntity } from './rate-limits/rate-limit-bucket.entity';
export { RateLimitBucketRepository } from './rate-limits/rate-limit-bucket.repository';
