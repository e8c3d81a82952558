import { Injectable, Logger } from '@nestjs/common';
import { chooseEnvironmentMatch, codeRecipients, DomainError } from '@app/domain';
import {
  CaseDocumentRepository,
  CaseEventRepository,
  CaseRepository,
  EnvironmentRepository,
  RecoveryDirectoryRepository,
} from '@app/persistence';
import type { CaseActivityInput, VerificationFacts } from '@app/workflows/activities.contract';
import { CaseSteps } from './case-steps';
import { ExtractFindingsService } from './extract-findings.service';

/**
 * The case's environment: found from what the requester typed, or linked by an agent; and the facts about
 * it from which the workflow chooses how the requester proves who they are.
 */
@Injectable()
export class EnvironmentLinkActivities {
  private readonly logger = new Logger(EnvironmentLinkActivities.name);

  constructor(
    private readonly steps: CaseSteps,
    private readonly cases: CaseRepository,
    private readonly events: CaseEventRepository,
    private readonly documents: CaseDocumentRepository,
    private readonly environments: EnvironmentRepository,
    private readonly directory: RecoveryDirectoryRepository,
    private readonly findings: ExtractFindingsService,
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

  async verificationFacts({
    caseId,
    environmentId,
  }: CaseActivityInput & { environmentId?: string }): Promise<VerificationFacts> {
    const kase = await this.steps.load(caseId);
    const ofEnvironment = environmentId ?? kase.environmentId;
    return {
      method: kase.method,
      // Addresses a code may go to (codeRecipients): with none, the extract is the way.
      knownAddressesExist: ofEnvironment
        ? codeRecipients(await this.directory.knownAddresses(ofEnvironment), kase.requesterEmail).length > 0
        : false,
      documentsUploaded: await this.documents.countForCase(caseId),
    };
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
}
