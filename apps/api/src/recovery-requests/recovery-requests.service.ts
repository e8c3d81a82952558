import { createHash, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { AppConfig } from '@app/config';
import {
  CASE_REFERENCE_RANDOM_BYTES,
  caseReferenceFromBytes,
  DomainError,
  isFinalStatus,
  REQUESTER_VISIBLE_EVENTS,
  type CaseLanguage,
} from '@app/domain';
import {
  CaseDocumentRepository,
  CaseEmailCodeRepository,
  CaseEventRepository,
  CaseRepository,
  IntakeIdempotencyKeyRepository,
  isUniqueViolation,
  PendingSecretRepository,
  type CaseEntity,
  type IntakeIdempotencyKeyEntity,
} from '@app/persistence';
import { randomBytes, randomToken, SecretBox, SecretHasher } from '@app/secrets';
import { CaseCommandGateway } from '../temporal/case-command.gateway';
import { RecoveryWorkflowClient } from '../temporal/recovery-workflow.client';
import type { CreateRecoveryRequestDto } from './dto/create-recovery-request.dto';
import type { RecoveryRequestStatusDto } from './dto/recovery-request-status.dto';
import { toRecoveryRequestStatus } from './recovery-request.mapper';
import { requesterAllowancesOf } from './requester-allowances';

const REFERENCE_ATTEMPTS = 5;
// How often a process clears expired Idempotency-Keys at most (more often when their lifetime is shorter).
const KEY_SWEEP_INTERVAL_MS = 3_600_000;

/**
 * SHA-256 of the request with its keys sorted: the fingerprint an Idempotency-Key is bound to. The body as
 * sent: a `language` in it counts, the Accept-Language header does not (a repeat answers the first case,
 * in the language the first request gave it).
 */
function fingerprint(dto: CreateRecoveryRequestDto): Buffer {
  const entries = Object.entries(dto)
    .filter(([, value]) => value !== undefined)
    .sort(([a], [b]) => a.localeCompare(b));
  return createHash('sha256').update(JSON.stringify(entries)).digest();
}

@Injectable()
export class RecoveryRequestsService {
  private keysSweptAt: number | undefined;

  constructor(
    private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly cases: CaseRepository,
    private readonly codes: CaseEmailCodeRepository,
    private readonly documents: CaseDocumentRepository,
    private readonly events: CaseEventRepository,
    private readonly idempotencyKeys: IntakeIdempotencyKeyRepository,
    private readonly pendingSecrets: PendingSecretRepository,
    private readonly hasher: SecretHasher,
    private readonly secretBox: SecretBox,
    private readonly workflows: RecoveryWorkflowClient,
    private readonly commands: CaseCommandGateway,
    private readonly logger: PinoLogger,
  ) {
    this.logger.setContext(RecoveryRequestsService.name);
  }

  /**
   * Intake (SPEC 5.1): stores the case with a hashed token, starts its workflow (which mails the link),
   * and answers the reference. The answer is the same whatever the request matches. An Idempotency-Key
   * is the client's (`clientAddress`, the address the rate limit counts) and lives for
   * `INTAKE_IDEMPOTENCY_TTL`: within it a repeat answers the first case, after it the request is new.
   */
  async submit(
    dto: CreateRecoveryRequestDto,
    language: CaseLanguage,
    clientAddress: string,
    idempotencyKey?: string,
  ): Promise<{ reference: string }> {
    // Housekeeping (one indexed delete, at most hourly) must not fail a request: a failure is only logged.
    await this.forgetExpiredKeys().catch((error: unknown) => {
      this.logger.warn({ err: error }, 'could not clear expired idempotency keys');
    });
    const requestHash = fingerprint(dto);
    const keyLifetimeMs = this.config.recovery.intakeIdempotencyTtlMs;
    const findEarlierUse = () =>
      idempotencyKey
        ? this.idempotencyKeys.findLive(clientAddress, idempotencyKey, keyLifetimeMs)
        : Promise.resolve(null);
    const earlier = await findEarlierUse();
    if (earlier) return this.replay(earlier, requestHash);

    for (let attempt = 1; ; attempt++) {
      const caseId = randomUUID();
      try {
        const created = await this.commands.run({
          caseId,
          name: 'intake',
          write: () => this.createCase(caseId, dto, language, requestHash, clientAddress, idempotencyKey),
          send: async (kase) => {
            await this.startWorkflow(kase);
            return kase;
          },
          // Nothing may stay half-done: without its workflow the case would never be mailed or expire. Its
          // event, sealed link and Idempotency-Key go with it (foreign keys with ON DELETE CASCADE). A start
          // that timed out may have gone through after all: then the case stays, and its link is mailed. (If
          // Temporal cannot say, the case goes; a workflow that finds no case ends by itself.)
          undoWhenUnanswered: true,
          undo: async (kase) => {
            const started = await this.workflows.wasStarted(kase.id).catch(() => false);
            if (started || !(await this.cases.deleteUnstarted(kase.id))) {
              this.logger.warn({ caseId: kase.id }, 'kept a case whose workflow started after all');
            }
          },
        });
        this.logger.assign({ caseReference: created.reference });
        this.logger.info({ caseId: created.id }, 'recovery request accepted');
        return { reference: created.reference };
      } catch (error) {
        if (idempotencyKey && isUniqueViolation(error, 'pk_intake_idempotency_keys')) {
          // The same request raced us and won; answer what it answered.
          const winner = await findEarlierUse();
          if (winner) return this.replay(winner, requestHash);
        }
        // Another case drew the same reference (nothing of this one was stored): draw again.
        if (!isUniqueViolation(error, 'ux_recovery_cases_reference') || attempt >= REFERENCE_ATTEMPTS)
          throw error;
      }
    }
  }

  /** Where the case stands after an action: read again, the action may have moved it. */
  async statusAfterAction(caseId: string): Promise<RecoveryRequestStatusDto> {
    const kase = await this.cases.findById(caseId);
    if (!kase) throw new DomainError('not_found', 'This recovery request no longer exists.');
    return this.statusOf(kase);
  }

  /** Where the case stands, as the guard just read it. */
  async statusOf(kase: CaseEntity): Promise<RecoveryRequestStatusDto> {
    const [events, codes, documents] = await Promise.all([
      this.events.listForCase(kase.id, [...REQUESTER_VISIBLE_EVENTS]),
      this.codes.listForCase(kase.id),
      this.documents.listForCase(kase.id),
    ]);
    const allowances = requesterAllowancesOf(kase, codes, documents, events);
    return toRecoveryRequestStatus(kase, events, documents.at(-1) ?? null, allowances);
  }

  /** The requester pressed confirm on the page the mailed link opened (a plain GET confirms nothing). */
  async confirm(kase: CaseEntity): Promise<void> {
    await this.workflows.confirmMailbox(kase.id);
    this.logger.info({ caseId: kase.id }, 'mailbox confirmed');
  }

  async resendEmailCode(kase: CaseEntity): Promise<void> {
    await this.workflows.resendEmailCode(kase.id);
    this.logger.info({ caseId: kase.id }, 'new email code asked for');
  }

  async cancel(kase: CaseEntity): Promise<void> {
    await this.workflows.cancel(kase.id);
    this.logger.info({ caseId: kase.id }, 'case cancelled by the requester');
  }

  private async createCase(
    caseId: string,
    dto: CreateRecoveryRequestDto,
    language: CaseLanguage,
    requestHash: Buffer,
    clientAddress: string,
    idempotencyKey: string | undefined,
  ): Promise<CaseEntity> {
    const token = randomToken();
    return this.dataSource.transaction(async (manager) => {
      const kase = await this.cases.insert(
        {
          id: caseId,
          reference: caseReferenceFromBytes(randomBytes(CASE_REFERENCE_RANDOM_BYTES)),
          status: 'awaiting_confirmation',
          method: dto.method,
          language,
          requesterName: dto.requesterName,
          requesterEmail: dto.requesterEmail,
          requesterPhone: dto.requesterPhone ?? null,
          companyName: dto.companyName,
          kvkNumber: dto.kvkNumber ?? null,
          environmentReference: dto.environmentReference ?? null,
          formerAdminEmail: dto.formerAdminEmail ?? null,
          message: dto.message ?? null,
          tokenHash: this.hasher.hash('case_token', token),
          maxUploads: this.config.recovery.documents.maxUploads,
          maxCodeResends: this.config.recovery.emailCode.maxResends,
        },
        manager,
      );
      await this.events.append(
        { caseId, type: 'case_submitted', actorType: 'requester', details: { method: dto.method } },
        manager,
      );
      await this.pendingSecrets.put(
        caseId,
        'case_link',
        this.secretBox.seal(token, `case_link:${caseId}`),
        manager,
      );
      if (idempotencyKey) {
        await this.idempotencyKeys.claim(
          { clientAddress, key: idempotencyKey, requestHash, caseId },
          this.config.recovery.intakeIdempotencyTtlMs,
          manager,
        );
      }
      return kase;
    });
  }

  /**
   * Clears expired Idempotency-Keys once per sweep interval (or lifetime, when shorter) and process, not at
   * every request: one indexed delete, and a key stays at most that much longer than its lifetime.
   */
  private async forgetExpiredKeys(): Promise<void> {
    const lifetimeMs = this.config.recovery.intakeIdempotencyTtlMs;
    const now = Date.now();
    if (
      this.keysSweptAt !== undefined &&
      now - this.keysSweptAt < Math.min(lifetimeMs, KEY_SWEEP_INTERVAL_MS)
    )
      return;
    this.keysSweptAt = now;
    const forgotten = await this.idempotencyKeys.forgetExpired(lifetimeMs);
    this.logger.debug({ forgotten }, 'expired idempotency keys cleared');
  }

  private async replay(
    earlier: IntakeIdempotencyKeyEntity,
    requestHash: Buffer,
  ): Promise<{ reference: string }> {
    if (!earlier.requestHash.equals(requestHash)) {
      throw new DomainError(
        'idempotency_key_reused',
        'This Idempotency-Key was already used for a different request. Use a new key for a new request.',
      );
    }
    const kase = await this.cases.findById(earlier.caseId);
    if (!kase)
      throw new DomainError('not_found', 'The request made with this Idempotency-Key no longer exists.');
    // The first attempt may have stored the case and then failed to start it: make sure it runs. A case
    // that has ended is answered as it is, whatever Temporal still remembers of its workflow.
    if (!isFinalStatus(kase.status)) await this.startWorkflow(kase);
    return { reference: kase.reference };
  }

  private async startWorkflow(kase: CaseEntity): Promise<void> {
    try {
      await this.workflows.start(kase);
    } catch (error) {
      this.logger.error({ err: error, caseId: kase.id }, 'could not start the recovery workflow');
      throw new DomainError(
        'unavailable',
        'The service cannot take requests at the moment. Please try again shortly.',
      );
    }
  }
}
