import { Injectable, Logger } from '@nestjs/common';
import { chooseEnvironmentMatch } from '@app/domain';
import { CaseEventRepository, CaseRepository, RecoveryDirectoryRepository } from '@app/persistence';
import type { CaseActivityInput } from '@app/workflows/activities.contract';
import { CaseSteps } from './case-steps';

/** Finds the environment a new case is about, from what the requester typed. */
@Injectable()
export class CaseIntakeActivities {
  private readonly logger = new Logger(CaseIntakeActivities.name);

  constructor(
    private readonly steps: CaseSteps,
    private readonly cases: CaseRepository,
    private readonly events: CaseEventRepository,
    private readonly directory: RecoveryDirectoryRepository,
  ) {}

  async matchEnvironment({ caseId }: CaseActivityInput): Promise<void> {
    const kase = await this.steps.load(caseId);
    const earlier = await this.events.listForCase(caseId, ['environment_matched', 'environment_not_matched']);
    if (kase.environmentId || earlier.length > 0) return;

    const [organisations, named, administered] = await Promise.all([
      kase.kvkNumber ? this.directory.organisationsWithKvkNumber(kase.kvkNumber) : [],
      kase.environmentReference ? this.directory.environmentsNamed(kase.environmentReference) : [],
      kase.formerAdminEmail ? this.directory.environmentsAdministeredBy(kase.formerAdminEmail) : [],
    ]);
    const namedAs = (kind: 'id' | 'reference' | 'name') =>
      named.filter((environment) => environment.kind === kind).map((environment) => environment.id);
    const match = chooseEnvironmentMatch({
      kvk_number: organisations.map((organisation) => organisation.environmentId),
      environment_id: namedAs('id'),
      environment_reference: namedAs('reference'),
      environment_name: namedAs('name'),
      former_admin_email: administered,
    });

    // Decided once: an attempt that runs while another one does finds its event and writes no second one.
    const decided = { types: ['environment_matched', 'environment_not_matched'] as const };
    if (!match) {
      await this.steps.recordOnce({ caseId, type: 'environment_not_matched', actorType: 'system' }, decided);
      this.logger.log({ caseId }, 'no environment matched');
      return;
    }
    const matchedOrganisationIds = organisations
      .filter((organisation) => organisation.environmentId === match.environmentId)
      .map((organisation) => organisation.id);
    await this.steps.recordOnce(
      {
        caseId,
        type: 'environment_matched',
        actorType: 'system',
        details: { environmentId: match.environmentId, matchKind: match.matchKind, matchedOrganisationIds },
      },
      decided,
      (manager) => this.cases.attachEnvironment(caseId, { ...match, matchedOrganisationIds }, manager),
    );
    this.logger.log(
      { caseId, environmentId: match.environmentId, matchKind: match.matchKind },
      'environment matched',
    );
  }
}
