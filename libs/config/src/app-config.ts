export type NodeEnv = 'development' | 'test' | 'production';

/** The validated, typed configuration every process reads. Built once at start by `loadConfig`. */
export class AppConfig {
  constructor(
    readonly nodeEnv: NodeEnv,
    readonly databaseUrl: string,
    readonly temporal: { readonly address: string; readonly namespace: string; readonly taskQueue: string },
    readonly mail: { readonly smtpUrl: string; readonly from: string },
    readonly http: { readonly port: number; readonly publicBaseUrl: string },
    readonly secrets: { readonly platformJwtSecret: string; readonly secretKey: string },
    readonly logLevel: string,
    readonly workflowBundlePath: string | undefined,
    readonly recovery: {
      /** How long a case waits for the requester to confirm their mailbox. */
      readonly confirmationExpiryMs: number;
    },
  ) {}

  get isProduction(): boolean {
    return this.nodeEnv === 'production';
  }
}
