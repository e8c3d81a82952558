import { Injectable } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { DomainError } from '@app/domain';
import { CaseNoteRepository, CaseRepository, type CaseEntity } from '@app/persistence';
import type { ReviewDecision } from '@app/workflows/recovery.messages';
import type { SignedInStaff } from '../staff-auth/signed-in-staff';
import { CaseCommandGateway } from '../temporal/case-command.gateway';
import { RecoveryWorkflowClient } from '../temporal/recovery-workflow.client';
import type { CaseActionResultDto } from './dto/case-action-result.dto';
import type { CaseDecisionDto } from './dto/case-decision.dto';
import { NO_SUCH_CASE } from './not-found-messages';

/**
 * An agent's decisions and links, and support's answer to a case that needs attention (retry the failed
 * step, or close the case). The workflow's update validator has the last word on the state, so two agents
 * deciding at once get one success and one 409, whichever api process each reached.
 */
@Injectable()
export class CaseDecisionsService {
  constructor(
    private readonly cases: CaseRepository,
    private readonly notes: CaseNoteRepository,
    private readonly workflows: RecoveryWorkflowClient,
    private readonly commands: CaseCommandGateway,
    private readonly logger: PinoLogger,
  ) {
    this.logger.setContext(CaseDecisionsService.name);
  }

  async decide(reference: string, staff: SignedInStaff, dto: CaseDecisionDto): Promise<CaseActionResultDto> {
    const kase = await this.find(reference);
    if (dto.decision !== 'approve' && dto.organisationIds !== undefined) {
      throw new DomainError('invalid_input', 'organisationIds belong to an approval only.');
    }
    // The state, the environment and the organisations are checked once, by the workflow and its activity:
    // a refusal comes back as the same 409 or 400, and the reason written for it is taken back. Without an
    // answer (Temporal away, the deadline passed) the reason stays: the decision may still be taken, and
    // its mail must find it (the fault suite saw a rejection's reason undone and then mailed).
    const progress = await this.commands.run({
      caseId: kase.id,
      name: 'decision',
      write: () => this.decisionOf(kase, staff, dto),
      send: (decision) => this.workflows.decide(kase.id, decision),
      undo: (decision) =>
        decision.decision === 'approve' ? Promise.resolve() : this.notes.delete(decision.noteId),
    });
    this.logger.info({ caseId: kase.id, staffId: staff.id, decision: dto.decision }, 'case decided');
    return { reference: kase.reference, status: progress.status };
  }

  async linkEnvironment(
    reference: string,
    staff: SignedInStaff,
    environmentId: string,
  ): Promise<CaseActionResultDto> {
    const kase = await this.find(reference);
    // Said here, not by the activity: a retry of the activity finds its own link and must go on.
    if (kase.environmentId) {
      throw new DomainError('conflict', 'This case is linked to an environment already.');
    }
    const progress = await this.workflows.linkEnvironment(kase.id, environmentId, staff.id);
    this.logger.info({ caseId: kase.id, staffId: staff.id, environmentId }, 'case linked to an environment');
    return { reference: kase.reference, status: progress.status };
  }

  /**
   * Runs the failed step again (the case goes back to the state the step started from). New organisations
   * are for a failed appointment only: the activity checks them against the case's environment (400).
   */
  async retryStep(
    reference: string,
    staff: SignedInStaff,
    organisationIds: string[] | undefined,
  ): Promise<CaseActionResultDto> {
    const kase = await this.find(reference);
    const progress = await this.workflows.retryStep(kase.id, {
      staffId: staff.id,
      ...(organisationIds === undefined ? {} : { organisationIds }),
    });
    this.logger.info(
      { caseId: kase.id, staffId: staff.id, organisations: organisationIds?.length ?? null },
      'failed step retried',
    );
    return { reference: kase.reference, status: progress.status };
  }

  /** Closes a case that needs attention; the requester is mailed the reason, written first as a note. */
  async closeCase(reference: string, staff: SignedInStaff, reason: string): Promise<CaseActionResultDto> {
    const kase = await this.find(reference);
    // The workflow checks the state; when it refuses, the reason written for it is taken back.
    const progress = await this.commands.run({
      caseId: kase.id,
      name: 'closure',
      write: () =>
        this.notes.insert({
          caseId: kase.id,
          kind: 'closure_reason',
          body: reason,
          authorType: 'agent',
          authorId: staff.id,
        }),
      send: (note) => this.workflows.closeCase(kase.id, staff.id, note.id),
      undo: (note) => this.notes.delete(note.id),
    });
    // Ids only: the reason is personal, and stays in PostgreSQL.
    this.logger.info({ caseId: kase.id, staffId: staff.id }, 'case closed by support');
    return { reference: kase.reference, status: progress.status };
  }

  /** The decision the workflow is sent; a rejection's or a document request's reason is stored first. */
  private async decisionOf(
    kase: CaseEntity,
    staff: SignedInStaff,
    dto: CaseDecisionDto,
  ): Promise<ReviewDecision> {
    const { version } = dto;
    if (dto.decision === 'approve') {
      return { decision: 'approve', staffId: staff.id, version, organisationIds: dto.organisationIds };
    }
    // The reason stays in PostgreSQL; the workflow's history carries its id only.
    const { id: noteId } = await this.notes.insert({
      caseId: kase.id,
      kind: dto.decision === 'reject' ? 'rejection_reason' : 'document_request_reason',
      body: dto.reason ?? '',
      authorType: 'agent',
      authorId: staff.id,
    });
    return { decision: dto.decision, staffId: staff.id, version, noteId };
  }

  /** The case of a reference the path's `CaseReferencePipe` normalised. */
  private async find(reference: string): Promise<CaseEntity> {
    const kase = await this.cases.findByReference(reference);
    if (!kase) throw new DomainError('not_found', NO_SUCH_CASE);
    this.logger.assign({ caseReference: kase.reference });
    return kase;
  }
}
