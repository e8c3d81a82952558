// How big each fault is: `ci` (FAULT_PROFILE=ci, the default) fits every fault in about six minutes on the
// project's 2-core machine; `full` has the numbers (on demand: about half an hour).

export interface FaultProfile {
  name: 'ci' | 'full';
  /** Cases of each of the six kinds in flight at once, per fault. */
  casesPerKind: number;
  /** Worker kills: how many held activities of each type the kills hit (half held at start, half at end). */
  killsPerActivityType: number;
  /**
   * Worker kills: how long a kill waits for the mails that activities not held are sending to go out. A kill
   * in the middle of a send holds that mail back for its delivery's lease (2 minutes); ci spares the time.
   */
  spareSendsMs: number;
  /** Temporal dev server stops and starts. */
  temporalRestarts: number;
  /** How long PostgreSQL refuses connections. */
  postgresAwayMs: number;
  /** How long the mail server is away. */
  mailAwayMs: number;
  /**
   * How long a case waits for the requester in each stage, and a code holds (ISO 8601). The stages count
   * from their start, not from a mail's delivery (see the README's design notes), so that windows are, as
   * production's days are, well longer than the profile's outages.
   */
  caseWindow: string;
  /** How long one step of a case (a mail, a state) may take before the case counts as failed. */
  stepTimeoutMs: number;
  /** How long one fault may take, its checks included, before it fails. */
  faultTimeoutMs: number;
}

const PROFILES: Record<FaultProfile['name'], FaultProfile> = {
  ci: {
    name: 'ci',
    casesPerKind: 2,
    killsPerActivityType: 2,
    spareSendsMs: 3_000,
    temporalRestarts: 3,
    postgresAwayMs: 10_000,
    mailAwayMs: 20_000,
    caseWindow: 'PT2M',
    stepTimeoutMs: 3 * 60_000,
    faultTimeoutMs: 12 * 60_000,
  },
  full: {
    name: 'full',
    casesPerKind: 10,
    killsPerActivityType: 10,
    spareSendsMs: 0,
    temporalRestarts: 5,
    postgresAwayMs: 30_000,
    mailAwayMs: 2 * 60_000,
    caseWindow: 'PT8M',
    stepTimeoutMs: 6 * 60_000,
    faultTimeoutMs: 40 * 60_000,
  },
};

export function faultProfile(): FaultProfile {
  const name = process.env.FAULT_PROFILE || 'ci';
  if (name !== 'ci' && name !== 'full') throw new Error(`FAULT_PROFILE is ci or full, not ${name}`);
  return PROFILES[name];
}
