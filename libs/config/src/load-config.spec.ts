import { ConfigError } from './config-error';
import { loadConfig as loadAnyConfig } from './load-config';

/** As a developer's process reads it: NODE_ENV development unless the test says otherwise. */
const loadConfig = (env: NodeJS.ProcessEnv) => loadAnyConfig({ NODE_ENV: 'development', ...env });

function problemsOf(env: NodeJS.ProcessEnv, load = loadConfig): readonly string[] {
  try {
    load(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe(loadConfig.name, () => {
  it('serves a developer with defaults when nothing but NODE_ENV=development is set', () => {
    const config = loadConfig({});
    expect(config.nodeEnv).toBe('development');
    expect(config.http.port).toBe(3000);
    expect(config.http.publicBaseUrl).toBe('http://localhost:3000');
    expect(config.temporal).toEqual({
      address: '127.0.0.1:7233',
      namespace: 'default',
      taskQueue: 'recovery',
      connectTimeoutMs: 3000,
    });
    expect(config.recovery.confirmationExpiryMs).toBe(7 * 24 * 3600_000);
  });

  it('reads durations given as ISO-8601 or milliseconds', () => {
    expect(loadConfig({ RECOVERY_CONFIRMATION_EXPIRY: 'PT2S' }).recovery.confirmationExpiryMs).toBe(2000);
    expect(loadConfig({ RECOVERY_CONFIRMATION_EXPIRY: '1500' }).recovery.confirmationExpiryMs).toBe(1500);
  });

  it('keeps a staff session for eight hours unless STAFF_SESSION_TTL says otherwise, never for zero', () => {
    expect(loadConfig({}).staff.sessionTtlMs).toBe(8 * 3600_000);
    expect(loadConfig({ STAFF_SESSION_TTL: 'PT30M' }).staff.sessionTtlMs).toBe(30 * 60_000);
    expect(problemsOf({ STAFF_SESSION_TTL: 'PT0S' })).toEqual([
      'STAFF_SESSION_TTL must be longer than zero (got "PT0S")',
    ]);
    expect(problemsOf({ STAFF_SESSION_TTL: 'a day' }).join('\n')).toContain('ISO-8601 duration');
  });

  it('reads the recovery case settings, with their defaults', () => {
    const { recovery, http } = loadConfig({});
    expect(recovery.emailCode).toEqual({ ttlMs: 24 * 3600_000, maxAttempts: 5, maxResends: 3 });
    expect(recovery.coolingOffMs).toBe(24 * 3600_000);
    expect(recovery.documents).toMatchObject({ maxUploads: 3, maxBytes: 10 * 1024 * 1024, maxPages: 20 });
    expect(recovery.review.slaMs).toBe(8 * 3600_000);
    expect(recovery.review.schedule).toEqual({
      timeZone: 'Europe/Amsterdam',
      days: [1, 2, 3, 4, 5],
      startMinute: 9 * 60,
      endMinute: 17 * 60,
    });
    expect(recovery.intakeRateLimit).toEqual({ maxRequests: 20, windowMs: 3600_000 });
    expect(http.trustProxyHops).toBe(0);
    expect(loadConfig({ RECOVERY_COOLING_OFF: '0' }).recovery.coolingOffMs).toBe(0);
  });

  it('keeps an intake Idempotency-Key for 24 hours unless INTAKE_IDEMPOTENCY_TTL says otherwise, never for zero', () => {
    expect(loadConfig({}).recovery.intakeIdempotencyTtlMs).toBe(24 * 3600_000);
    expect(loadConfig({ INTAKE_IDEMPOTENCY_TTL: 'PT2S' }).recovery.intakeIdempotencyTtlMs).toBe(2000);
    expect(problemsOf({ INTAKE_IDEMPOTENCY_TTL: 'PT0S' })).toEqual([
      'INTAKE_IDEMPOTENCY_TTL must be longer than zero (got "PT0S")',
    ]);
    expect(problemsOf({ INTAKE_IDEMPOTENCY_TTL: 'a day' }).join('\n')).toContain('ISO-8601 duration');
  });

  it("refuses a lifetime or timeout that rounds to zero, and a parse timeout past the activity's", () => {
    expect(problemsOf({ EMAIL_CODE_TTL: 'PT0.0001S', INTAKE_RATE_WINDOW: '0' })).toEqual([
      'INTAKE_RATE_WINDOW must be longer than zero (got "0")',
      'EMAIL_CODE_TTL must be longer than zero (got "PT0.0001S")',
    ]);
    expect(problemsOf({ DOCUMENT_PARSE_TIMEOUT: 'PT10M' })).toEqual([
      'DOCUMENT_PARSE_TIMEOUT must be at most 60 seconds: the activity that reads a document gives up after 2 minutes and tries again (got "PT10M")',
    ]);
    expect(problemsOf({ EMAIL_CODE_MAX_ATTEMPTS: '0', DOCUMENT_MAX_UPLOADS: 'three' })).toHaveLength(2);
    const zeroes = ['RECOVERY_CONFIRMATION_EXPIRY', 'RECOVERY_EMAIL_CODE_WINDOW', 'RECOVERY_DOCUMENT_WINDOW'];
    expect(
      problemsOf(Object.fromEntries([...zeroes, 'EXTRACT_MAX_AGE', 'REVIEW_SLA'].map((v) => [v, 'P0D']))),
    ).toEqual(
      [...zeroes, 'EXTRACT_MAX_AGE', 'REVIEW_SLA'].map((v) => `${v} must be longer than zero (got "P0D")`),
    );
  });

  it('names the variable of a bad working schedule, together with every other problem', () => {
    expect(problemsOf({ PORT: 'x', REVIEW_TIME_ZONE: 'Mars/Base', REVIEW_WORKING_DAYS: '1-8' })).toEqual([
      'PORT must be a whole number (got "x")',
      expect.stringMatching(
        /^REVIEW_WORKING_DAYS "1-8" must be ISO weekdays .*; REVIEW_TIME_ZONE "Mars\/Base" is not a known IANA time zone/,
      ),
    ]);
  });

  it("serves the worker's probes on 3001 unless WORKER_HEALTH_PORT says otherwise (0: a free port)", () => {
    expect(loadConfig({}).worker.healthPort).toBe(3001);
    expect(loadConfig({ WORKER_HEALTH_PORT: '0' }).worker.healthPort).toBe(0);
    expect(loadConfig({ WORKER_HEALTH_PORT: '9464' }).worker.healthPort).toBe(9464);
    expect(problemsOf({ WORKER_HEALTH_PORT: 'http' })).toEqual([
      'WORKER_HEALTH_PORT must be a whole number (got "http")',
    ]);
    expect(problemsOf({ WORKER_HEALTH_PORT: '70000' })).toEqual([
      'WORKER_HEALTH_PORT must not be greater than 65535 (got "70000")',
    ]);
  });

  const production = {
    NODE_ENV: 'production',
    PUBLIC_BASE_URL: 'https://recovery.example.nl',
    SECRET_KEY: 's'.repeat(32),
    PLATFORM_JWT_SECRET: 'p'.repeat(32),
    PLATFORM_JWT_ISSUER: 'https://login.example.nl',
  };

  it('refuses a free worker probe port in production: the supervisor could not find it', () => {
    expect(problemsOf({ ...production, WORKER_HEALTH_PORT: '0' })).toEqual([
      'WORKER_HEALTH_PORT must be a fixed port in production (0 takes a free port no probe knows)',
    ]);
    expect(loadConfig({ ...production, WORKER_HEALTH_PORT: '9464' }).worker.healthPort).toBe(9464);
    expect(loadConfig(production).worker.healthPort).toBe(3001);
  });

  it('drops a trailing slash from PUBLIC_BASE_URL and treats empty variables as unset', () => {
    const config = loadConfig({ PUBLIC_BASE_URL: 'https://recovery.example.nl/', PORT: '' });
    expect(config.http.publicBaseUrl).toBe('https://recovery.example.nl');
    expect(config.http.port).toBe(3000);
  });

  it('requires both secrets in production and names them', () => {
    const problems = problemsOf({ NODE_ENV: 'production' });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining('SECRET_KEY is required in production'),
        expect.stringContaining('PLATFORM_JWT_SECRET is required in production'),
      ]),
    );
  });

  it('lists every wrong value at once, naming each variable', () => {
    const problems = problemsOf({
      PORT: 'eighty',
      DATABASE_URL: 'mysql://localhost/x',
      TEMPORAL_ADDRESS: 'localhost',
      RECOVERY_CONFIRMATION_EXPIRY: '7 days',
      NODE_ENV: 'staging',
    });
    const text = problems.join('\n');
    for (const name of [
      'PORT',
      'DATABASE_URL',
      'TEMPORAL_ADDRESS',
      'RECOVERY_CONFIRMATION_EXPIRY',
      'NODE_ENV',
    ]) {
      expect(text).toContain(name);
    }
    expect(text).toContain('(got "eighty")');
  });

  it('never repeats the value of a secret in its message', () => {
    const problems = problemsOf({ SECRET_KEY: 'short-secret-value' });
    expect(problems.join('\n')).toContain('SECRET_KEY must be at least 32 characters');
    expect(problems.join('\n')).not.toContain('short-secret-value');
  });

  it('runs as production when NODE_ENV is not set: never with the development secrets', () => {
    const problems = problemsOf({}, loadAnyConfig);
    for (const name of ['SECRET_KEY', 'PLATFORM_JWT_SECRET', 'PLATFORM_JWT_ISSUER', 'PUBLIC_BASE_URL']) {
      expect(problems).toContainEqual(expect.stringContaining(`${name} is required in production`));
    }
    const { NODE_ENV: _unset, ...withoutNodeEnv } = production;
    expect(loadAnyConfig(withoutNodeEnv).isProduction).toBe(true);
  });

  it('refuses an http PUBLIC_BASE_URL in production, but for a loopback address (a secure context too)', () => {
    expect(problemsOf({ ...production, PUBLIC_BASE_URL: 'http://recovery.example.nl' })).toEqual([
      'PUBLIC_BASE_URL must be https in production: over http the session cookies could not be Secure',
    ]);
    for (const loopback of ['http://localhost:3000', 'http://127.0.0.1:8080', 'http://[::1]:3000']) {
      expect(loadConfig({ ...production, PUBLIC_BASE_URL: loopback }).http.publicBaseUrl).toBe(loopback);
    }
  });

  it('refuses one secret for both purposes in production', () => {
    expect(problemsOf({ ...production, PLATFORM_JWT_SECRET: 's'.repeat(32) })).toEqual([
      'PLATFORM_JWT_SECRET and SECRET_KEY must differ',
    ]);
  });

  it('reads what a platform token must say: issuer, audience and longest lifetime', () => {
    expect(loadConfig(production).platformTokens).toEqual({
      issuer: 'https://login.example.nl',
      audience: 'econnect-recovery',
      maxLifetimeMs: 12 * 3600_000,
    });
    expect(
      loadConfig({ ...production, PLATFORM_JWT_AUDIENCE: 'recovery', PLATFORM_TOKEN_MAX_LIFETIME: 'PT1H' })
        .platformTokens,
    ).toMatchObject({ audience: 'recovery', maxLifetimeMs: 3600_000 });
    expect(loadConfig({}).platformTokens.issuer).toBe('https://login.econnect.localhost');
    expect(problemsOf({ PLATFORM_TOKEN_MAX_LIFETIME: '0' })).toEqual([
      expect.stringContaining('PLATFORM_TOKEN_MAX_LIFETIME'),
    ]);
  });
});
