import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { DomainError, statesAllowing } from '@app/domain';
import { emailCodeMail, extractRequestedMail, Mailer } from '@app/mail';
import {
  CaseDocumentRepository,
  CaseEmailCodeRepository,
  CaseRepository,
  EnvironmentRepository,
  RecoveryDirectoryRepository,
} from '@app/persistence';
import { digitsFrom, SecretHasher } from '@app/secrets';
import type {
  CaseActivityInput,
  VerificationFacts,
  VerificationStage,
} from '@app/workflows/activities.contract';
import { addressKey, CaseSteps } from './case-steps';
import { ExtractFindingsService } from './extract-findings.service';

const CODE_DIGITS = 8;

/** Confirmation of the mailbox and the email method: the code goes to addresses known for the environment. */
@Injectable()
export class CaseVerificationActivities {
  private readonly logger = new Logger(CaseVerificationActivities.name);

  constructor(
    private readonly config: AppConfig,
    private readonly steps: CaseSteps,
    private readonly cases: CaseRepository,
    private readonly codes: CaseEmailCodeRepository,
    private readonly documents: CaseDocumentRepository,
    private readonly environments: EnvironmentRepository,
    private readonly directory: RecoveryDirectoryRepository,
    private readonly hasher: SecretHasher,
    private readonly mailer: Mailer,
    private readonly findings: ExtractFindingsService,
  ) {}

  async verificationFacts({
    caseId,
    environmentId,
  }: CaseActivityInput & { environmentId?: string }): Promise<VerificationFacts> {
    const kase = await this.steps.load(caseId);
    const ofEnvironment = environmentId ?? kase.environmentId;
    return {
      method: kase.method,
      knownAddressesExist: ofEnvironment
        ? (await this.directory.knownAddresses(ofEnvironment)).length > 0
        : false,
      documentsUploaded: await this.documents.countForCase(caseId),
    };
  }

  async confirmMailbox({ caseId, stage }: CaseActivityInput & { stage: VerificationStage }): Promise<void> {
    const extractInstead =
      (await this.steps.load(caseId)).method === 'email' && stage === 'awaiting_document';
    await this.steps.takeOrFind(caseId, {
      from: statesAllowing('confirm_mailbox'),
      to: stage,
      event: { type: 'case_confirmed', actorType: 'requester', details: { next: stage } },
      also: extractInstead
        ? (manager) =>
            this.steps.record(
              {
                caseId,
                type: 'extract_requested',
                actorType: 'system',
                details: { reason: 'no_known_address' },
              },
              manager,
            )
        : undefined,
    });
    this.logger.log({ caseId, next: stage }, 'mailbox confirmed');
  }

  async issueEmailCode({ caseId, sendNumber }: CaseActivityInput & { sendNumber: number }): Promise<void> {
    const environmentId = await this.environmentOf(caseId);
    const { ttlMs, maxAttempts } = this.config.recovery.emailCode;
    const expiresAt = new Date(Date.now() + ttlMs);
    // Only addresses the environment already had: never one the requester typed.
    const recipients = await this.directory.knownAddresses(environmentId);
    await this.steps.recordIf(
      {
        caseId,
        type: 'email_code_sent',
        actorType: 'system',
        details: { sendNumber, recipients: recipients.length, expiresAt: expiresAt.toISOString() },
      },
      (manager) =>
        this.codes.insertIfAbsent(
          {
            caseId,
            sendNumber,
            codeHash: this.hasher.hash('email_code', this.codeOf(caseId, sendNumber)),
            expiresAt,
            attemptsLeft: maxAttempts,
          },
          manager,
        ),
    );
  }

  async sendEmailCode({ caseId, sendNumber }: CaseActivityInput & { sendNumber: number }): Promise<void> {
    const kase = await this.steps.load(caseId);
    const environment = await this.environments.findById(await this.environmentOf(caseId));
    if (!environment) throw new DomainError('not_found', `environment of case ${caseId} does not exist`);
    // The expiry the code was issued with, not a new one.
    const stored = await this.codes.find(caseId, sendNumber);
    if (!stored) throw new Error(`email code ${sendNumber} of case ${caseId} was not issued`);
    const recipients = await this.directory.knownAddresses(environment.id);
    const code = this.codeOf(caseId, sendNumber);
    for (const to of recipients) {
      await this.mailer.send({
        to,
        ...emailCodeMail({
          language: kase.language,
          reference: kase.reference,
          code,
          requesterName: kase.requesterName,
          requesterEmail: kase.requesterEmail,
          environmentName: environment.name,
          expiresAt: stored.expiresAt,
        }),
        messageId: this.mailer.messageId(`email-code-${sendNumber}-${addressKey(to)}`, caseId),
      });
    }
    this.logger.log({ caseId, sendNumber, recipients: recipients.length }, 'email code mailed');
  }

  async sendExtractRequest({ caseId }: CaseActivityInput): Promise<void> {
    const kase = await this.steps.load(caseId);
    // Only the email method needs telling: a requester who chose the extract expects to upload one.
    if (kase.method !== 'email') return;
    await this.mailer.send({
      to: kase.requesterEmail,
      ...extractRequestedMail({
        language: kase.language,
        requesterName: kase.requesterName,
        reference: kase.reference,
        reason: 'no_known_address',
      }),
      messageId: this.mailer.messageId('extract-request', caseId),
    });
    this.logger.log({ caseId }, 'extract requested');
  }

  async linkEnvironment({
    caseId,
    environmentId,
    staffId,
    next,
  }: CaseActivityInput & {
    environmentId: string;
    staffId: string;
    next: 'awaiting_email_code' | null;
  }): Promise<void> {
    if (!(await this.environments.findById(environmentId))) {
      throw new DomainError('invalid_input', 'No environment has this id.');
    }
    const kase = await this.steps.load(caseId);
    if (kase.environmentId && kase.environmentId !== environmentId) {
      throw new DomainError('conflict', 'This case is already linked to another environment.');
    }
    if (!kase.environmentId) {
      const matchedOrganisationIds = (
        kase.kvkNumber ? await this.directory.organisationsWithKvkNumber(kase.kvkNumber) : []
      )
        .filter((organisation) => organisation.environmentId === environmentId)
        .map((organisation) => organisation.id);
      await this.steps.recordIf(
        {
          caseId,
          type: 'environment_linked',
          actorType: 'agent',
          actorId: staffId,
          details: { environmentId, matchedOrganisationIds, ...(next ? { next } : {}) },
        },
        async (manager) => {
          const attachment = { environmentId, matchKind: 'staff_link' as const, matchedOrganisationIds };
          if (!(await this.cases.attachEnvironment(caseId, attachment, manager))) return false;
          const moved = !next || (await this.cases.transition(caseId, ['awaiting_document'], next, manager));
          // The event says where the case went: if it moved on meanwhile, all of this is undone and retried.
          if (!moved) throw new Error(`case ${caseId} left awaiting_document while it was linked`);
          return true;
        },
      );
      this.logger.log({ caseId, environmentId, staffId }, 'environment linked');
    }
    // Also on a retry: comparing the extract with the environment again changes nothing the second time.
    await this.findings.refresh(await this.steps.load(caseId));
  }

  /** The code of one send: derived, not random, so a retry mails the same code (only its keyed hash is stored). */
  private codeOf(caseId: string, sendNumber: number): string {
    return digitsFrom(this.hasher.derive('email_code', `${caseId}:${sendNumber}`), CODE_DIGITS);
  }

  private async environmentOf(caseId: string): Promise<string> {
    const { environmentId } = await this.steps.load(caseId);
    if (!environmentId) throw new DomainError('invalid_state', `case ${caseId} has no environment`);
    return environmentId;
  }
}
