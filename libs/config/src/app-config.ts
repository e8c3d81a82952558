import type { WorkingSchedule } from '@app/domain';

export type NodeEnv = 'development' | 'test' | 'production';

/** The validated, typed configuration every process reads. Built once at start by `loadConfig`. */
export class AppConfig {
  constructor(
    readonly nodeEnv: NodeEnv,
    readonly databaseUrl: string,
    readonly temporal: {
      readonly address: string;
      readonly namespace: string;
      readonly taskQueue: string;
      /** How long the api waits to reach Temporal before a request (or the probe) fails. */
      readonly connectTimeoutMs: number;
    },
    readonly mail: { readonly smtpUrl: string; readonly from: string },
    readonly http: {
      readonly port: number;
      readonly publicBaseUrl: string;
      /** Proxies in front of the api whose X-Forwarded-For is believed (0: none, the peer is the client). */
      readonly trustProxyHops: number;
    },
    readonly secrets: { readonly platformJwtSecret: string; readonly secretKey: string },
    /** What a platform token must say besides its signature: who issued it, for whom, how long it lives. */
    readonly platformTokens: {
      readonly issuer: string;
      readonly audience: string;
      readonly maxLifetimeMs: number;
    },
    readonly logLevel: string,
    readonly workflowBundlePath: string | undefined,
    readonly recovery: {
      /** Intake requests one client address may make per window. */
      readonly intakeRateLimit: { readonly maxRequests: number; readonly windowMs: number };
      /** How long an intake's Idempotency-Key answers the same case to the same client; then it is new. */
      readonly intakeIdempotencyTtlMs: number;
      /** How long a case waits for the requester to confirm their mailbox. */
      readonly confirmationExpiryMs: number;
      /** How long a case waits for the emailed code to be entered. */
      readonly emailCodeStageExpiryMs: number;
      /** How long a case waits for an extract to be uploaded. */
      readonly documentStageExpiryMs: number;
      /** The objection window, from the last cooling-off notice to the appointment; 0 appoints at once. */
      readonly coolingOffMs: number;
      readonly emailCode: {
        readonly ttlMs: number;
        readonly maxAttempts: number;
        readonly maxResends: number;
      };
      readonly documents: {
        readonly maxUploads: number;
        readonly maxBytes: number;
        readonly maxPages: number;
        /** An extract older than this is flagged as not recent. */
        readonly maxAgeMs: number;
        readonly parseTimeoutMs: number;
        readonly parseMemoryMb: number;
      };
      readonly review: {
        /** Working time an agent has to decide before the case is overdue. */
        readonly slaMs: number;
        readonly schedule: WorkingSchedule;
      };
    },
    readonly staff: {
      /** How long a staff sign-in lasts; then the staff member signs in again. */
      readonly sessionTtlMs: number;
    },
    readonly worker: {
      /** HTTP port of the worker's probes; 0 takes a free one. */
      readonly healthPort: number;
    },
  ) {}

  get isProduction(): boolean {
    return this.nodeEnv === 'production';
  }
}
