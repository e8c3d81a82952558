export { digitsFrom, randomBytes, randomToken } from './random-secret';
export { SecretBox } from './secret-box';
export { SecretHasher, type SecretPurpose } from './secret-hasher';
export { SecretsModule } from './secrets.module';
export { PasswordHasher } from './password-hasher';
export { issuePlatformToken } from './issue-platform-token';
