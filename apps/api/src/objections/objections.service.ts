import { Injectable } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { DomainError, isActionAllowed } from '@app/domain';
import {
  CaseEntity,
  CaseNoteRepository,
  CaseRepository,
  EnvironmentRepository,
  ObjectionTokenRepository,
  type CaseNoteEntity,
  type ObjectionTokenEntity,
} from '@app/persistence';
import { SecretHasher } from '@app/secrets';
import { CaseCommandGateway, isUnanswered } from '../temporal/case-command.gateway';
import { RecoveryWorkflowClient } from '../temporal/recovery-workflow.client';
import type { ObjectionLinkDto } from './dto/objection-link.dto';
import type { ObjectionReceivedDto } from './dto/objection-received.dto';

// One answer for an unknown, used or outdated link: a link is all the caller has, nothing to enumerate.
const INVALID_LINK =
  'This objection link is not valid any more: it was used already, or the appointment it was about is no longer pending.';
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** An environment user objects to a coming appointment with the link from their notice. */
@Injectable()
export class ObjectionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tokens: ObjectionTokenRepository,
    private readonly cases: CaseRepository,
    private readonly environments: EnvironmentRepository,
    private readonly notes: CaseNoteRepository,
    private readonly hasher: SecretHasher,
    private readonly workflows: RecoveryWorkflowClient,
    private readonly commands: CaseCommandGateway,
    private readonly logger: PinoLogger,
  ) {
    this.logger.setContext(ObjectionsService.name);
  }

  /** What the link is about, for the objection page; the same 404 for every link that cannot be used. */
  async describe(token: string): Promise<ObjectionLinkDto> {
    const { kase } = await this.pendingCase(token);
    const environment = kase.environmentId ? await this.environments.findById(kase.environmentId) : null;
    if (!environment) throw new DomainError('not_found', INVALID_LINK);
    return {
      requesterName: kase.requesterName,
      requesterEmail: kase.requesterEmail,
      environmentName: environment.name,
      appointAt: kase.appointAt?.toISOString() ?? null,
      language: kase.language,
    };
  }

  async object(token: string, reason: string): Promise<ObjectionReceivedDto> {
    const { stored, kase } = await this.pendingCase(token);

    let written: CaseNoteEntity | undefined;
    try {
      await this.commands.run({
        caseId: kase.id,
        name: 'objection',
        write: async () => (written = await this.useLink(stored, kase, reason)),
        send: (note) => this.workflows.objectionRaised(kase.id, note.id),
        // Refused (the appointment started a moment ago): the reason stays out of a case it did not change,
        // and the link works again, so that a retry is not told the link was used. Unless the workflow took
        // the objection up by itself meanwhile (see below): then it is part of the case.
        undo: (note) =>
          this.dataSource.transaction(async (manager) => {
            // In turn with the start of the appointment, which takes up kept objections.
            await this.cases.lockObjections(kase.id, manager);
            if (await this.notes.objectionTakenUp(kase.id, note.id, manager)) return;
            await this.tokens.markUnused(stored.tokenHash, manager);
            await this.notes.delete(note.id, manager);
          }),
        // Temporal away, or no answer in time: the gateway keeps the objection, and the workflow takes it up
        // before it starts the appointment (startAppointment looks for objections it has not taken up). An
        // outage at the end of the window must not let the appointment run over an objection made within it.
      });
    } catch (error) {
      const kept = isUnanswered(error);
      const takenUp = written !== undefined && (await this.notes.objectionTakenUp(kase.id, written.id));
      if (!kept && !takenUp) throw error;
      this.logger.warn(
        { caseId: kase.id, kept, takenUp },
        'objection stored; the workflow takes it up later',
      );
    }
    this.logger.assign({ caseReference: kase.reference });
    this.logger.info({ caseId: kase.id }, 'objection raised');
    return {
      reference: kase.reference,
      message: 'Thank you. The appointment is stopped, and a support agent will look at the request again.',
    };
  }

  /** Uses the link once and stores the objection's reason, together; the one 404 when it was used already. */
  private async useLink(
    stored: ObjectionTokenEntity,
    kase: CaseEntity,
    reason: string,
  ): Promise<CaseNoteEntity> {
    const note = await this.dataSource.transaction(async (manager) => {
      // Taken in turn with the start of the appointment: an objection is stored while the case still cools
      // off (as read after the lock), or not at all.
      await this.cases.lockObjections(kase.id, manager);
      const current = await manager.getRepository(CaseEntity).findOneBy({ id: kase.id });
      if (!current || !isActionAllowed('object', current.status)) return undefined;
      if (!(await this.tokens.markUsed(stored.tokenHash, manager))) return undefined;
      return this.notes.insert(
        {
          caseId: kase.id,
          kind: 'objection_reason',
          body: reason,
          authorType: 'environment_user',
          authorId: null,
        },
        manager,
      );
    });
    if (!note) throw new DomainError('not_found', INVALID_LINK);
    return note;
  }

  /** The link's unused token and its case, still cooling off; else the one 404. */
  private async pendingCase(token: string): Promise<{ stored: ObjectionTokenEntity; kase: CaseEntity }> {
    // Hashed lookup: the stored value is a keyed hash, so comparing it leaks nothing about the token.
    const stored = TOKEN_PATTERN.test(token)
      ? await this.tokens.findByHash(this.hasher.hash('objection_token', token))
      : null;
    const kase = stored && !stored.usedAt ? await this.cases.findById(stored.caseId) : null;
    if (!stored || !kase || !isActionAllowed('object', kase.status))
      throw new DomainError('not_found', INVALID_LINK);
    return { stored, kase };
  }
}
