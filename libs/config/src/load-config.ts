import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { AppConfig, type NodeEnv } from './app-config';
import { ConfigError } from './config-error';
import { parseDuration } from './duration';
import { EnvironmentVariables, SECRET_VARIABLES } from './environment-variables';

// Fixed, public development values: refused in production by the validation above.
const DEVELOPMENT_SECRET_KEY = 'development-only-secret-key-do-not-use-in-production';
const DEVELOPMENT_JWT_SECRET = 'development-only-platform-jwt-secret-not-for-production';

const KNOWN_VARIABLES = Object.keys(new EnvironmentVariables()).concat([
  'DATABASE_URL',
  'TEMPORAL_ADDRESS',
  'SMTP_URL',
  'PUBLIC_BASE_URL',
  'PLATFORM_JWT_SECRET',
  'SECRET_KEY',
  'WORKFLOW_BUNDLE_PATH',
]);

function describeProblem(error: ValidationError, raw: Record<string, string>): string[] {
  const shown = SECRET_VARIABLES.has(error.property) ? '' : ` (got ${JSON.stringify(raw[error.property])})`;
  return Object.values(error.constraints ?? {}).map((message) =>
    raw[error.property] === undefined ? message : `${message}${shown}`,
  );
}

/**
 * Reads and validates the configuration from environment variables, once, at start.
 * Every missing or wrong value is reported together in one `ConfigError`.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  // Empty variables count as unset, so `FOO=` in a .env file falls back to the default.
  const raw: Record<string, string> = {};
  for (const name of KNOWN_VARIABLES) {
    const value = env[name];
    if (value !== undefined && value.trim() !== '') raw[name] = value.trim();
  }

  const vars = plainToInstance(EnvironmentVariables, raw);
  const errors = validateSync(vars, { forbidUnknownValues: true, stopAtFirstError: true });
  if (errors.length > 0) throw new ConfigError(errors.flatMap((error) => describeProblem(error, raw)));

  const port = vars.PORT;
  return new AppConfig(
    vars.NODE_ENV as NodeEnv,
    vars.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/econnect_recovery',
    {
      address: vars.TEMPORAL_ADDRESS ?? '127.0.0.1:7233',
      namespace: vars.TEMPORAL_NAMESPACE,
      taskQueue: vars.TEMPORAL_TASK_QUEUE,
    },
    { smtpUrl: vars.SMTP_URL ?? 'smtp://127.0.0.1:1025', from: vars.MAIL_FROM },
    { port, publicBaseUrl: (vars.PUBLIC_BASE_URL ?? `http://localhost:${port}`).replace(/\/+$/, '') },
    {
      platformJwtSecret: vars.PLATFORM_JWT_SECRET ?? DEVELOPMENT_JWT_SECRET,
      secretKey: vars.SECRET_KEY ?? DEVELOPMENT_SECRET_KEY,
    },
    vars.LOG_LEVEL,
    vars.WORKFLOW_BUNDLE_PATH,
    { confirmationExpiryMs: parseDuration(vars.RECOVERY_CONFIRMATION_EXPIRY) ?? 0 },
  );
}
