import { Context } from '@temporalio/activity';
import type {
  RecoveryActivities,
  RecoveryActivityName,
  VerificationStage,
} from '@app/workflows/activities.contract';

type RecoveryActivityInput<K extends RecoveryActivityName> = Parameters<RecoveryActivities[K]>[0];
type RecoveryActivityOutput<K extends RecoveryActivityName> = Awaited<ReturnType<RecoveryActivities[K]>>;

/** One attempt of one activity, in the order the worker ran them (a retried activity appears once a try). */
type RecordedCall = {
  [K in RecoveryActivityName]: {
    activity: K;
    input: RecoveryActivityInput<K>;
    attempt: number;
    atMs: number;
  };
}[RecoveryActivityName];

/** What the fake answers; everything has a default that moves the case forward. */
interface FakeRecoveryScript {
  /**
   * Where a confirmation leads, through the facts `verificationFacts` answers: the email method with known
   * addresses (the default), or none, so the extract.
   */
  verification?: VerificationStage;
  /** What `analyseDocument` answers, upload after upload; usable once the list is used up. */
  usableDocuments?: readonly boolean[];
  /** How long after `startReview` the review is due (default an hour: the SLA timer does not fire). */
  reviewDueInMs?: number;
  /** Whether an environment an agent links has known addresses (default: it has). */
  linkedHasKnownAddresses?: boolean;
  /**
   * Objections the api kept (it could not hand them over) that `startAppointment` finds, one per call, by
   * their note ids (default: none).
   */
  keptObjections?: string[];
  /** Whether the requester's mail server refuses the access link for good (default: it takes it). */
  accessLinkRefused?: boolean;
}

/**
 * Runs before the fake's answer at every attempt of one activity: throw to fail the attempt, await to hold
 * it (see {@link FakeRecoveryActivities.hold}).
 */
type ActivityHook<K extends RecoveryActivityName> = (
  input: RecoveryActivityInput<K>,
  attempt: number,
) => Promise<void> | void;

/** An activity held at its start until the test lets it go. */
interface HeldActivity {
  /** Resolves when the activity has started (and is waiting). */
  reached: Promise<void>;
  release(): void;
}

const HOUR_MS = 3_600_000;

/**
 * The recovery activities without PostgreSQL or mail: every attempt is recorded, every answer is scripted,
 * and a test can make an activity fail or wait.
 */
export class FakeRecoveryActivities {
  readonly calls: RecordedCall[] = [];
  /** The object a worker registers. */
  readonly activities: RecoveryActivities;

  private readonly hooks = new Map<RecoveryActivityName, ActivityHook<RecoveryActivityName>>();
  private readonly usableDocuments: boolean[];

  constructor(private readonly script: FakeRecoveryScript = {}) {
    this.usableDocuments = [...(script.usableDocuments ?? [])];
    const done = (): void => undefined;
    this.activities = {
      matchEnvironment: (input) => this.run('matchEnvironment', input, done),
      sendAccessLink: (input) =>
        this.run('sendAccessLink', input, () => ({ refused: this.script.accessLinkRefused === true })),
      closeUnreachable: (input) => this.run('closeUnreachable', input, done),
      verificationFacts: (input) =>
        this.run('verificationFacts', input, () => ({
          method: 'email' as const,
          knownAddressesExist:
            input.environmentId === undefined
              ? this.script.verification !== 'awaiting_document'
              : this.script.linkedHasKnownAddresses !== false,
          documentsUploaded: this.count('startAnalysis'),
        })),
      confirmMailbox: (input) => this.run('confirmMailbox', input, done),
      issueEmailCode: (input) => this.run('issueEmailCode', input, done),
      sendEmailCode: (input) => this.run('sendEmailCode', input, done),
      sendExtractRequest: (input) => this.run('sendExtractRequest', input, done),
      startAnalysis: (input) => this.run('startAnalysis', input, done),
      analyseDocument: (input) =>
        this.run('analyseDocument', input, () => ({ usable: this.usableDocuments.shift() ?? true })),
      startReview: (input) =>
        this.run('startReview', input, () => ({
          reviewDueAtMs: Date.now() + (this.script.reviewDueInMs ?? HOUR_MS),
        })),
      markReviewOverdue: (input) => this.run('markReviewOverdue', input, done),
      linkEnvironment: (input) => this.run('linkEnvironment', input, done),
      approveCase: (input) => this.run('approveCase', input, done),
      rejectCase: (input) => this.run('rejectCase', input, done),
      sendRejection: (input) => this.run('sendRejection', input, done),
      requestDocument: (input) => this.run('requestDocument', input, done),
      sendDocumentRequest: (input) => this.run('sendDocumentRequest', input, done),
      sendCoolingOffNotices: (input) =>
        this.run('sendCoolingOffNotices', input, () => ({ lastNoticeAtMs: Date.now() })),
      scheduleAppointment: (input) => this.run('scheduleAppointment', input, done),
      recordObjection: (input) => this.run('recordObjection', input, done),
      sendObjectionReceived: (input) => this.run('sendObjectionReceived', input, done),
      startAppointment: (input) =>
        this.run('startAppointment', input, () => ({
          objectionNoteId: this.script.keptObjections?.shift() ?? null,
        })),
      appointAdministrator: (input) =>
        this.run('appointAdministrator', input, () => ({ userId: `user-of-${input.caseId}`, newUser: true })),
      sendAppointmentMails: (input) => this.run('sendAppointmentMails', input, done),
      cancelCase: (input) => this.run('cancelCase', input, done),
      sendCancellation: (input) => this.run('sendCancellation', input, done),
      expireCase: (input) => this.run('expireCase', input, done),
      sendExpiry: (input) => this.run('sendExpiry', input, done),
      reportFailedStep: (input) =>
        this.run('reportFailedStep', input, () => ({
          failureEventId: `failure-${this.count('reportFailedStep')}`,
        })),
      sendAttentionNotice: (input) => this.run('sendAttentionNotice', input, done),
      resumeStep: (input) => this.run('resumeStep', input, done),
      closeCase: (input) => this.run('closeCase', input, done),
      sendClosure: (input) => this.run('sendClosure', input, done),
    };
  }

  /** Runs `hook` before the answer at every attempt of `activity` (replacing an earlier hook). */
  on<K extends RecoveryActivityName>(activity: K, hook: ActivityHook<K>): this {
    this.hooks.set(activity, hook);
    return this;
  }

  /** Holds the next attempt of `activity` at its start until `release()`. */
  hold(activity: RecoveryActivityName): HeldActivity {
    let reached!: () => void;
    let release!: () => void;
    const reachedPromise = new Promise<void>((resolve) => (reached = resolve));
    const released = new Promise<void>((resolve) => (release = resolve));
    this.on(activity, () => {
      this.hooks.delete(activity);
      reached();
      return released;
    });
    return { reached: reachedPromise, release };
  }

  /** The activities run so far, in order (one entry per attempt). */
  names(): RecoveryActivityName[] {
    return this.calls.map((call) => call.activity);
  }

  /** The inputs `activity` was called with, in order (one entry per attempt). */
  inputsOf<K extends RecoveryActivityName>(activity: K): RecoveryActivityInput<K>[] {
    return this.callsOf(activity).map((call) => call.input);
  }

  /** The recorded attempts of `activity`, in order. */
  callsOf<K extends RecoveryActivityName>(activity: K): Extract<RecordedCall, { activity: K }>[] {
    return this.calls.filter(
      (call): call is Extract<RecordedCall, { activity: K }> => call.activity === activity,
    );
  }

  count(activity: RecoveryActivityName): number {
    return this.callsOf(activity).length;
  }

  private async run<K extends RecoveryActivityName>(
    activity: K,
    input: RecoveryActivityInput<K>,
    answer: () => RecoveryActivityOutput<K>,
  ): Promise<RecoveryActivityOutput<K>> {
    const { attempt } = Context.current().info;
    // TypeScript cannot tie `activity` to `input` through the generic; the signature above does.
    this.calls.push({ activity, input, attempt, atMs: Date.now() } as RecordedCall);
    await this.hooks.get(activity)?.(input, attempt);
    return answer();
  }
}
