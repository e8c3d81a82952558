import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CaseEventRepository, CaseRepository } from '@app/persistence';
import type { CaseActivityInput } from '@app/workflows/activities.contract';
import type { CaseStatus } from '@app/domain';

/** Ends cases that waited too long. Idempotent: a case no longer waiting is left as it is. */
@Injectable()
export class CaseExpiryActivities {
  private readonly logger = new Logger(CaseExpiryActivities.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CaseRepository,
    private readonly events: CaseEventRepository,
  ) {}

  async expireCase({
    caseId,
    awaitingStatus,
  }: CaseActivityInput & { awaitingStatus: CaseStatus }): Promise<void> {
    const expired = await this.dataSource.transaction(async (manager) => {
      if (!(await this.cases.transition(caseId, [awaitingStatus], 'expired', manager))) return false;
      await this.events.append(
        { caseId, type: 'case_expired', actorType: 'system', details: { from: awaitingStatus } },
        manager,
      );
      return true;
    });
    if (expired) this.logger.log({ caseId, from: awaitingStatus }, 'case expired');
  }
}
