import { Injectable } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { actionRefusal, DomainError, isActionAllowed } from '@app/domain';
import { CaseEmailCodeRepository, CaseEventRepository, type CaseEntity } from '@app/persistence';
import { SecretHasher } from '@app/secrets';
import { RecoveryWorkflowClient } from '../temporal/recovery-workflow.client';

type CodeCheck =
  | { outcome: 'verified' }
  | { outcome: 'wrong'; triesLeft: number }
  | { outcome: 'exhausted' | 'expired' | 'none' | 'accepted_before' };

/**
 * Checks the code the requester typed against the keyed hash of the case's latest code, in constant time.
 * The row is locked, so that guesses sent at once are counted one after the other, by any api process.
 */
@Injectable()
export class EmailCodeService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly codes: CaseEmailCodeRepository,
    private readonly events: CaseEventRepository,
    private readonly hasher: SecretHasher,
    private readonly workflows: RecoveryWorkflowClient,
    private readonly logger: PinoLogger,
  ) {
    this.logger.setContext(EmailCodeService.name);
  }

  async verify(kase: CaseEntity, code: string): Promise<void> {
    if (!isActionAllowed('enter_email_code', kase.status)) {
      throw new DomainError('invalid_state', actionRefusal('enter_email_code', kase.status));
    }
    const check = await this.check(kase.id, code);
    this.logger.info({ caseId: kase.id, outcome: check.outcome }, 'email code checked');
    switch (check.outcome) {
      case 'verified':
        await this.workflows.emailCodeVerified(kase.id);
        return;
      case 'wrong':
        throw new DomainError(
          'invalid_input',
          check.triesLeft > 0
            ? `This code is not right. ${check.triesLeft} ${check.triesLeft === 1 ? 'try' : 'tries'} left.`
            : 'This code is not right, and it was the last try. Ask for a new code, or upload a Chamber of Commerce extract instead.',
        );
      case 'exhausted':
        throw new DomainError(
          'invalid_state',
          'This code can no longer be used: all tries were spent. Ask for a new code, or upload a Chamber of Commerce extract instead.',
        );
      case 'expired':
        throw new DomainError('invalid_state', 'This code has expired. Ask for a new code.');
      case 'none':
        throw new DomainError(
          'invalid_state',
          'No code was sent for this case yet. Please wait for the mail.',
        );
      case 'accepted_before':
        throw new DomainError(
          'invalid_state',
          'The code from the mail was accepted already. Look at the case again in a moment: it goes on to review.',
        );
    }
  }

  private check(caseId: string, code: string): Promise<CodeCheck> {
    return this.dataSource.transaction(async (manager): Promise<CodeCheck> => {
      const latest = await this.codes.lockLatest(caseId, manager);
      if (!latest) return { outcome: 'none' };
      if (latest.verifiedAt) {
        // Verified before, but the workflow was not told (Temporal away): the same code may tell it again.
        return this.hasher.matches('email_code', code, latest.codeHash)
          ? { outcome: 'verified' }
          : { outcome: 'accepted_before' };
      }
      if (latest.attemptsLeft <= 0) return { outcome: 'exhausted' };
      if (latest.expiresAt <= new Date()) return { outcome: 'expired' };
      if (this.hasher.matches('email_code', code, latest.codeHash)) {
        await this.codes.markVerified(caseId, latest.sendNumber, manager);
        await this.events.append(
          {
            caseId,
            type: 'email_code_verified',
            actorType: 'requester',
            details: { sendNumber: latest.sendNumber },
          },
          manager,
        );
        return { outcome: 'verified' };
      }
      const triesLeft = latest.attemptsLeft - 1;
      await this.codes.spendAttempt(caseId, latest.sendNumber, manager);
      await this.events.append(
        {
          caseId,
          type: triesLeft > 0 ? 'email_code_rejected' : 'email_code_exhausted',
          actorType: 'requester',
          details: { sendNumber: latest.sendNumber, triesLeft },
        },
        manager,
      );
      return { outcome: 'wrong', triesLeft };
    });
  }
}
