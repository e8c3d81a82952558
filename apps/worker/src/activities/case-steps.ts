import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainError, type CaseEventType, type CaseStatus } from '@app/domain';
import {
  CaseEventRepository,
  CaseRepository,
  type CaseChanges,
  type CaseEntity,
  type NewCaseEvent,
} from '@app/persistence';
import { caseNotFound } from './activity-failures';

export interface CaseStep {
  from: readonly CaseStatus[];
  to: CaseStatus;
  event: Omit<NewCaseEvent, 'caseId'>;
  changes?: CaseChanges;
  /** More writes that belong to the same step, in its transaction. */
  also?: (manager: EntityManager) => Promise<void>;
  /**
   * A check made with the case row locked, only while the case is still where the step starts (a retry
   * that finds the step made skips it): it throws to refuse the step.
   */
  guard?: (manager: EntityManager) => Promise<void>;
}

/** When a step counts as done: the trail has an event of one of `types` whose details include `details`. */
export interface DoneWhen {
  types: readonly CaseEventType[];
  details?: Record<string, unknown>;
}

/**
 * Moves a case from state to state: the case row (the read model) and the event on its trail change in one
 * transaction, and only if the case is still where the step starts, so that a retried activity finds
 * its step done and changes nothing.
 */
@Injectable()
export class CaseSteps {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CaseRepository,
    private readonly events: CaseEventRepository,
  ) {}

  async load(caseId: string): Promise<CaseEntity> {
    const kase = await this.cases.findById(caseId);
    if (!kase) throw caseNotFound(caseId);
    return kase;
  }

  /** Answers whether this call made the step (false: it was made before, or the case is elsewhere). */
  take(caseId: string, step: CaseStep): Promise<boolean> {
    return this.recordIf({ caseId, ...step.event }, (manager) => this.move(caseId, step, manager));
  }

  /**
   * {@link take} for a step whose state does not change (its WHERE clause guards nothing against a second
   * attempt): made once, unless the trail has an event as `done` says (see {@link recordOnce}).
   */
  takeOnce(caseId: string, step: CaseStep, done: DoneWhen): Promise<boolean> {
    return this.recordOnce({ caseId, ...step.event }, done, (manager) => this.move(caseId, step, manager));
  }

  /**
   * Runs a guarded write and, only if it changed something, appends its event, in one transaction: a
   * retry after a crash finds the write done and writes no second event, and a crash never keeps one
   * without the other.
   */
  recordIf(event: NewCaseEvent, write: (manager: EntityManager) => Promise<boolean>): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      if (!(await write(manager))) return false;
      await this.events.append(event, manager);
      return true;
    });
  }

  /**
   * For a write with no guard of its own: appends `event` (after `write`, if that answers true) unless the
   * trail already has an event of `done.types` whose details include `done.details`. The case row is
   * locked first, so two attempts at once (a retry while a timed-out attempt still runs) take turns and
   * the second finds the first one's event; a check before the transaction would let both pass.
   */
  recordOnce(
    event: NewCaseEvent,
    done: DoneWhen,
    write: (manager: EntityManager) => Promise<boolean> = () => Promise.resolve(true),
  ): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      if (!(await this.cases.lockForStep(event.caseId, manager))) throw caseNotFound(event.caseId);
      if (await this.hasEvent(manager, event.caseId, done.types, done.details ?? {})) return false;
      if (!(await write(manager))) return false;
      await this.events.append(event, manager);
      return true;
    });
  }

  /**
   * Takes the step, or finds it taken by an earlier attempt; a case that is somewhere else entirely is a
   * business failure (the workflow and the read model disagree), not something a retry would mend.
   */
  async takeOrFind(caseId: string, step: CaseStep): Promise<CaseEntity> {
    await this.take(caseId, step);
    const kase = await this.load(caseId);
    // The workflow waits for this activity, so on a retry the case is where the step left it, or elsewhere
    // by a mistake no retry mends.
    if (kase.status !== step.to) {
      throw new DomainError('invalid_state', `case ${caseId} is ${kase.status}, not ${step.to}`);
    }
    return kase;
  }

  async record(event: NewCaseEvent, manager?: EntityManager): Promise<void> {
    await this.events.append(event, manager);
  }

  private async move(caseId: string, step: CaseStep, manager: EntityManager): Promise<boolean> {
    if (step.guard) {
      // Locked first: whatever the guard reads cannot change before the move (an objection takes this lock).
      const locked = await this.cases.lockForStep(caseId, manager);
      if (!locked || !step.from.includes(locked.status)) return false;
      await step.guard(manager);
    }
    if (!(await this.cases.transition(caseId, step.from, step.to, manager, step.changes))) return false;
    await step.also?.(manager);
    return true;
  }

  /** Read in the caller's transaction, after its lock (a second pooled connection could starve the pool). */
  private async hasEvent(
    manager: EntityManager,
    caseId: string,
    types: readonly CaseEventType[],
    details: Record<string, unknown>,
  ): Promise<boolean> {
    const events = await this.events.listForCase(caseId, types, manager);
    return events.some((found) =>
      Object.entries(details).every(([key, value]) => found.details[key] === value),
    );
  }
}

/** A short, stable key for an address in a Message-ID (the address itself stays out of headers and logs). */
export function addressKey(email: string): string {
  return createHash('sha256').update(email.trim().toLowerCase()).digest('hex').slice(0, 16);
}
