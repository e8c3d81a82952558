import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  ValidateBy,
  ValidateIf,
  type ValidationOptions,
} from 'class-validator';
import { Type } from 'class-transformer';
import { parseDuration } from './duration';

/**
 * An ISO-8601 duration or milliseconds, with bounds on the value it stands for (`PT0.0001S` is zero once
 * rounded to milliseconds, so the bound is checked on the parsed value, not on the text).
 */
function IsDuration(
  bounds: { min?: number; max?: { ms: number; why: string } } = {},
  options?: ValidationOptions,
): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isDuration',
      validator: {
        validate: (value: unknown) => {
          const ms = typeof value === 'string' ? parseDuration(value) : undefined;
          return ms !== undefined && ms >= (bounds.min ?? 0) && ms <= (bounds.max?.ms ?? Infinity);
        },
        defaultMessage: (args) => {
          const name = args?.property ?? 'value';
          const ms = typeof args?.value === 'string' ? parseDuration(args.value) : undefined;
          if (ms === undefined) {
            return `${name} must be an ISO-8601 duration such as P7D or PT24H, or a number of milliseconds`;
          }
          if (bounds.max && ms > bounds.max.ms)
            return `${name} must be at most ${bounds.max.ms / 1000} seconds: ${bounds.max.why}`;
          return `${name} must be longer than zero`;
        },
      },
    },
    options,
  );
}

// A duration that must not be zero (a window, a lifetime, a timeout).
const POSITIVE = { min: 1 };

/**
 * Production unless NODE_ENV says development or test explicitly: a process started without it (a container
 * whose image forgot it, a shell) gets production's rules and never the public development secrets.
 */
export const isProduction = (env: Pick<EnvironmentVariables, 'NODE_ENV'>): boolean =>
  env.NODE_ENV !== 'development' && env.NODE_ENV !== 'test';

/** The raw variables as they come from the environment; `loadConfig` turns them into an `AppConfig`. */
export class EnvironmentVariables {
  @IsOptional()
  @IsIn(['development', 'test', 'production'])
  NODE_ENV?: string;

  @IsOptional()
  @IsUrl({ protocols: ['postgres', 'postgresql'], require_tld: false, require_protocol: true })
  DATABASE_URL?: string;

  @IsOptional()
  @Matches(/^[A-Za-z0-9.-]+:\d{1,5}$/, {
    message: 'TEMPORAL_ADDRESS must be host:port, for example 127.0.0.1:7233',
  })
  TEMPORAL_ADDRESS?: string;

  @IsString()
  @Matches(/^[A-Za-z0-9._-]+$/, { message: 'TEMPORAL_NAMESPACE may hold letters, digits, ".", "_" and "-"' })
  TEMPORAL_NAMESPACE: string = 'default';

  @IsString()
  @Matches(/^[A-Za-z0-9._-]+$/, { message: 'TEMPORAL_TASK_QUEUE may hold letters, digits, ".", "_" and "-"' })
  TEMPORAL_TASK_QUEUE: string = 'recovery';

  @IsDuration(POSITIVE)
  TEMPORAL_CONNECT_TIMEOUT: string = 'PT3S';

  @IsOptional()
  @IsUrl({ protocols: ['smtp', 'smtps'], require_tld: false, require_protocol: true })
  SMTP_URL?: string;

  @IsString()
  @MinLength(3)
  MAIL_FROM: string = '"eConnect Support" <support@econnect.localhost>';

  // Checked bottom-up, first failure only: a non-number is reported as such, not as out of range.
  @Max(65535)
  @Min(0)
  @IsInt({ message: 'PORT must be a whole number' })
  @Type(() => Number)
  PORT: number = 3000;

  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_tld: false, require_protocol: true })
  PUBLIC_BASE_URL?: string;

  // The worker's own probes (/health/live, /health/ready); 0 takes a free port (tests), logged at start.
  @Max(65535)
  @Min(0)
  @IsInt({ message: 'WORKER_HEALTH_PORT must be a whole number' })
  @Type(() => Number)
  WORKER_HEALTH_PORT: number = 3001;

  @Max(10)
  @Min(0)
  @IsInt({ message: 'TRUST_PROXY_HOPS must be a whole number' })
  @Type(() => Number)
  TRUST_PROXY_HOPS: number = 0;

  @ValidateIf((env: EnvironmentVariables) => isProduction(env) || env.PLATFORM_JWT_SECRET !== undefined)
  @MinLength(32, { message: 'PLATFORM_JWT_SECRET must be at least 32 characters' })
  @IsString({ message: 'PLATFORM_JWT_SECRET is required in production' })
  PLATFORM_JWT_SECRET?: string;

  // Who issues platform tokens and for whom: a token of the same identity provider for another service (or
  // from another identity provider that shares the secret) is not one for this service.
  @ValidateIf((env: EnvironmentVariables) => isProduction(env) || env.PLATFORM_JWT_ISSUER !== undefined)
  @IsString({ message: 'PLATFORM_JWT_ISSUER is required in production' })
  PLATFORM_JWT_ISSUER?: string;

  @IsString()
  @MinLength(1)
  PLATFORM_JWT_AUDIENCE: string = 'econnect-recovery';

  // The longest a token may live from its issue (`exp` − `iat`): a token minted for months is refused.
  @IsDuration(POSITIVE)
  PLATFORM_TOKEN_MAX_LIFETIME: string = 'PT12H';

  @ValidateIf((env: EnvironmentVariables) => isProduction(env) || env.SECRET_KEY !== undefined)
  @MinLength(32, { message: 'SECRET_KEY must be at least 32 characters' })
  @IsString({ message: 'SECRET_KEY is required in production' })
  SECRET_KEY?: string;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: string = 'info';

  @IsOptional()
  @IsString()
  WORKFLOW_BUNDLE_PATH?: string;

  // A stage of zero length would end each case the moment it starts (only the cooling-off may be skipped).
  @IsDuration(POSITIVE)
  RECOVERY_CONFIRMATION_EXPIRY: string = 'P7D';

  @Min(1)
  @IsInt({ message: 'INTAKE_RATE_LIMIT must be a whole number' })
  @Type(() => Number)
  INTAKE_RATE_LIMIT: number = 20;

  @IsDuration(POSITIVE)
  INTAKE_RATE_WINDOW: string = 'PT1H';

  // A key of zero lifetime would make every retry a new case: the very thing the key is there to stop.
  @IsDuration(POSITIVE)
  INTAKE_IDEMPOTENCY_TTL: string = 'PT24H';

  @IsDuration(POSITIVE)
  RECOVERY_EMAIL_CODE_WINDOW: string = 'P7D';

  @IsDuration(POSITIVE)
  RECOVERY_DOCUMENT_WINDOW: string = 'P14D';

  @IsDuration()
  RECOVERY_COOLING_OFF: string = 'PT24H';

  @IsDuration(POSITIVE)
  EMAIL_CODE_TTL: string = 'PT24H';

  @Max(20)
  @Min(1)
  @IsInt({ message: 'EMAIL_CODE_MAX_ATTEMPTS must be a whole number' })
  @Type(() => Number)
  EMAIL_CODE_MAX_ATTEMPTS: number = 5;

  @Max(20)
  @Min(0)
  @IsInt({ message: 'EMAIL_CODE_MAX_RESENDS must be a whole number' })
  @Type(() => Number)
  EMAIL_CODE_MAX_RESENDS: number = 3;

  @Max(20)
  @Min(1)
  @IsInt({ message: 'DOCUMENT_MAX_UPLOADS must be a whole number' })
  @Type(() => Number)
  DOCUMENT_MAX_UPLOADS: number = 3;

  @IsDuration(POSITIVE)
  EXTRACT_MAX_AGE: string = 'P30D';

  @IsDuration({
    min: 1,
    max: { ms: 60_000, why: 'the activity that reads a document gives up after 2 minutes and tries again' },
  })
  DOCUMENT_PARSE_TIMEOUT: string = 'PT15S';

  @Max(4096)
  @Min(64)
  @IsInt({ message: 'DOCUMENT_PARSE_MEMORY_MB must be a whole number' })
  @Type(() => Number)
  DOCUMENT_PARSE_MEMORY_MB: number = 256;

  @IsDuration(POSITIVE)
  REVIEW_SLA: string = 'PT8H';

  @IsString()
  REVIEW_WORKING_DAYS: string = '1-5';

  @IsString()
  REVIEW_WORKING_HOURS: string = '09:00-17:00';

  @IsString()
  REVIEW_TIME_ZONE: string = 'Europe/Amsterdam';

  // A session of zero length could never be used: refused rather than silently signing everyone out.
  @IsDuration(POSITIVE)
  STAFF_SESSION_TTL: string = 'PT8H';
}

/** Variables whose values must never appear in an error message or a log line. */
export const SECRET_VARIABLES: ReadonlySet<string> = new Set([
  'PLATFORM_JWT_SECRET',
  'SECRET_KEY',
  'DATABASE_URL',
  'SMTP_URL',
]);
