import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { parseWorkingSchedule } from '@app/domain';
import { AppConfig, type NodeEnv } from './app-config';
import { ConfigError } from './config-error';
import { parseDuration } from './duration';
import { EnvironmentVariables, isProduction, SECRET_VARIABLES } from './environment-variables';

// Fixed, public development values: only with NODE_ENV development or test (production requires its own).
const DEVELOPMENT_SECRET_KEY = 'development-only-secret-key-do-not-use-in-production';
const DEVELOPMENT_JWT_SECRET = 'development-only-platform-jwt-secret-not-for-production';
/** The issuer of platform tokens in development and tests (`platform:token`, the tests' tokens). */
export const DEVELOPMENT_JWT_ISSUER = 'https://login.econnect.localhost';

// SPEC section 5.4: fixed by the product, not by the deployment.
const DOCUMENT_MAX_BYTES = 10 * 1024 * 1024;
const DOCUMENT_MAX_PAGES = 20;

/** A duration the validation above accepted. */
const duration = (text: string): number => parseDuration(text) ?? 0;

const KNOWN_VARIABLES = Object.keys(new EnvironmentVariables()).concat([
  'DATABASE_URL',
  'TEMPORAL_ADDRESS',
  'SMTP_URL',
  'PUBLIC_BASE_URL',
  'PLATFORM_JWT_SECRET',
  'PLATFORM_JWT_ISSUER',
  'SECRET_KEY',
  'WORKFLOW_BUNDLE_PATH',
  'NODE_ENV',
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
  const problems = validateSync(vars, { forbidUnknownValues: true, stopAtFirstError: true }).flatMap(
    (error) => describeProblem(error, raw),
  );
  // Checked here rather than by a decorator: the three variables make one schedule together.
  const schedule = parseWorkingSchedule(
    vars.REVIEW_WORKING_DAYS,
    vars.REVIEW_WORKING_HOURS,
    vars.REVIEW_TIME_ZONE,
    {
      days: 'REVIEW_WORKING_DAYS',
      hours: 'REVIEW_WORKING_HOURS',
      timeZone: 'REVIEW_TIME_ZONE',
    },
  );
  if (typeof schedule === 'string') problems.push(schedule);
  const production = isProduction(vars);
  if (production) problems.push(...productionProblems(vars));
  if (typeof schedule === 'string' || problems.length > 0) throw new ConfigError(problems);

  const port = vars.PORT;
  return new AppConfig(
    production ? 'production' : (vars.NODE_ENV as NodeEnv),
    vars.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/econnect_recovery',
    {
      address: vars.TEMPORAL_ADDRESS ?? '127.0.0.1:7233',
      namespace: vars.TEMPORAL_NAMESPACE,
      taskQueue: vars.TEMPORAL_TASK_QUEUE,
      connectTimeoutMs: duration(vars.TEMPORAL_CONNECT_TIMEOUT),
    },
    { smtpUrl: vars.SMTP_URL ?? 'smtp://127.0.0.1:1025', from: vars.MAIL_FROM },
    {
      port,
      publicBaseUrl: (vars.PUBLIC_BASE_URL ?? `http://localhost:${port}`).replace(/\/+$/, ''),
      trustProxyHops: vars.TRUST_PROXY_HOPS,
    },
    {
      platformJwtSecret: vars.PLATFORM_JWT_SECRET ?? DEVELOPMENT_JWT_SECRET,
      secretKey: vars.SECRET_KEY ?? DEVELOPMENT_SECRET_KEY,
    },
    {
      issuer: vars.PLATFORM_JWT_ISSUER ?? DEVELOPMENT_JWT_ISSUER,
      audience: vars.PLATFORM_JWT_AUDIENCE,
      maxLifetimeMs: duration(vars.PLATFORM_TOKEN_MAX_LIFETIME),
    },
    vars.LOG_LEVEL,
    vars.WORKFLOW_BUNDLE_PATH,
    {
      intakeRateLimit: { maxRequests: vars.INTAKE_RATE_LIMIT, windowMs: duration(vars.INTAKE_RATE_WINDOW) },
      intakeIdempotencyTtlMs: duration(vars.INTAKE_IDEMPOTENCY_TTL),
      confirmationExpiryMs: duration(vars.RECOVERY_CONFIRMATION_EXPIRY),
      emailCodeStageExpiryMs: duration(vars.RECOVERY_EMAIL_CODE_WINDOW),
      documentStageExpiryMs: duration(vars.RECOVERY_DOCUMENT_WINDOW),
      coolingOffMs: duration(vars.RECOVERY_COOLING_OFF),
      emailCode: {
        ttlMs: duration(vars.EMAIL_CODE_TTL),
        maxAttempts: vars.EMAIL_CODE_MAX_ATTEMPTS,
        maxResends: vars.EMAIL_CODE_MAX_RESENDS,
      },
      documents: {
        maxUploads: vars.DOCUMENT_MAX_UPLOADS,
        maxBytes: DOCUMENT_MAX_BYTES,
        maxPages: DOCUMENT_MAX_PAGES,
        maxAgeMs: duration(vars.EXTRACT_MAX_AGE),
        parseTimeoutMs: duration(vars.DOCUMENT_PARSE_TIMEOUT),
        parseMemoryMb: vars.DOCUMENT_PARSE_MEMORY_MB,
      },
      review: { slaMs: duration(vars.REVIEW_SLA), schedule },
    },
    { sessionTtlMs: parseDuration(vars.STAFF_SESSION_TTL) ?? 0 },
    { healthPort: vars.WORKER_HEALTH_PORT },
  );
}

// Loopback hosts are secure contexts to browsers (Secure cookies work there): a stack on one machine.
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** What production refuses that development allows: each a setting that would open a door quietly. */
function productionProblems(vars: EnvironmentVariables): string[] {
  const problems: string[] = [];
  // A free port suits tests and a second worker on a laptop; in production the supervisor's probe needs to know it.
  if (vars.WORKER_HEALTH_PORT === 0) {
    problems.push(
      'WORKER_HEALTH_PORT must be a fixed port in production (0 takes a free port no probe knows)',
    );
  }
  if (vars.PUBLIC_BASE_URL === undefined) {
    problems.push(
      'PUBLIC_BASE_URL is required in production (the https address people reach the service at)',
    );
  } else if (URL.canParse(vars.PUBLIC_BASE_URL)) {
    // (One that is no URL at all is reported by the validation above.)
    const url = new URL(vars.PUBLIC_BASE_URL);
    if (url.protocol !== 'https:' && !LOOPBACK_HOSTS.has(url.hostname)) {
      problems.push(
        'PUBLIC_BASE_URL must be https in production: over http the session cookies could not be Secure',
      );
    }
  }
  // One secret for two purposes: whoever learns one (a platform token's key) holds the other.
  if (vars.PLATFORM_JWT_SECRET !== undefined && vars.PLATFORM_JWT_SECRET === vars.SECRET_KEY) {
    problems.push('PLATFORM_JWT_SECRET and SECRET_KEY must differ');
  }
  return problems;
}
