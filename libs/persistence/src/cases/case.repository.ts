import { Injectable } from '@nestjs/common';
import { DataSource, In, IsNull, type EntityManager } from 'typeorm';
import {
  canTransition,
  DomainError,
  isFinalStatus,
  type CaseStatus,
  type EnvironmentMatchKind,
} from '@app/domain';
import { CaseEntity } from './case.entity';

export type NewCase = Pick<
  CaseEntity,
  | 'id'
  | 'reference'
  | 'status'
  | 'method'
  | 'language'
  | 'requesterName'
  | 'requesterEmail'
  | 'requesterPhone'
  | 'companyName'
  | 'kvkNumber'
  | 'environmentReference'
  | 'formerAdminEmail'
  | 'message'
  | 'tokenHash'
  | 'maxUploads'
  | 'maxCodeResends'
>;

/** Columns that change with the workflow (status goes through `transition`). */
export type CaseChanges = Partial<
  Pick<
    CaseEntity,
    | 'approvedOrganisationIds'
    | 'reviewDueAt'
    | 'overdue'
    | 'flagged'
    | 'appointAt'
    | 'coolingOffRound'
    | 'appointedUserId'
    | 'matchedOrganisationIds'
  >
>;

@Injectable()
export class CaseRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(values: NewCase, manager?: EntityManager): Promise<CaseEntity> {
    const repository = this.repository(manager);
    return repository.save(repository.create(values));
  }

  findById(id: string, manager?: EntityManager): Promise<CaseEntity | null> {
    return this.repository(manager).findOneBy({ id });
  }

  findByReference(reference: string, manager?: EntityManager): Promise<CaseEntity | null> {
    return this.repository(manager).findOneBy({ reference });
  }

  /**
   * Moves the case to `to` only if it is still in one of `from`, with `changes` to other columns;
   * answers whether it did; a move the case rules do not have is refused. The guard in the WHERE clause makes concurrent transitions safe without a
   * separate lock. A final state stamps `closed_at`.
   */
  async transition(
    id: string,
    from: readonly CaseStatus[],
    to: CaseStatus,
    manager?: EntityManager,
    changes: CaseChanges = {},
  ): Promise<boolean> {
    // The case rules' table is the law: a step that would make a move it does not have is a mistake in
    // the code, refused before anything is written (staying in a state to record more is no move).
    const unknown = from.filter((status) => status !== to && !canTransition(status, to));
    if (unknown.length > 0) {
      throw new DomainError('invalid_state', `a case cannot move from ${unknown.join(' or ')} to ${to}`);
    }
    const result = await this.repository(manager).update(
      { id, status: In([...from]) },
      {
        ...changes,
        status: to,
        updatedAt: () => 'now()',
        ...(isFinalStatus(to) ? { closedAt: () => 'now()' } : {}),
      },
    );
    return (result.affected ?? 0) > 0;
  }

  /** Sets the case's environment if it has none yet; answers whether it did. */
  async attachEnvironment(
    id: string,
    environment: { environmentId: string; matchKind: EnvironmentMatchKind; matchedOrganisationIds: string[] },
    manager?: EntityManager,
  ): Promise<boolean> {
    const result = await this.repository(manager).update(
      { id, environmentId: IsNull() },
      { ...environment, updatedAt: () => 'now()' },
    );
    return (result.affected ?? 0) > 0;
  }

  /**
   * Sets the appointment time of cooling-off round `round` once; answers whether this call did (a case
   * objected to, or in a later round, is left alone).
   */
  async scheduleAppointment(
    id: string,
    round: number,
    appointAt: Date,
    manager?: EntityManager,
  ): Promise<boolean> {
    const result = await this.repository(manager).update(
      { id, status: 'cooling_off', coolingOffRound: round, appointAt: IsNull() },
      { appointAt, updatedAt: () => 'now()' },
    );
    return (result.affected ?? 0) > 0;
  }

  /** Marks a case overdue once; answers whether this call did (so managers are mailed once). */
  async markOverdue(id: string, manager?: EntityManager): Promise<boolean> {
    const result = await this.repository(manager).update(
      { id, status: 'awaiting_review', overdue: false },
      { overdue: true, updatedAt: () => 'now()' },
    );
    return (result.affected ?? 0) > 0;
  }

  /**
   * Serialises taking an objection with the start of the appointment, per case, until the transaction
   * ends: an advisory lock, not the row's, so that an objection is stored while another action's step
   * holds the row (the workflow then answers it busy, and it is undone or taken up).
   */
  async lockObjections(id: string, manager: EntityManager): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('case-objections'), hashtext($1))`, [id]);
  }

  /**
   * Locks the case row for the rest of the transaction, so that steps of one case take turns. `FOR NO KEY
   * UPDATE`: rows that merely refer to the case (events, documents, notes) can still be written meanwhile.
   */
  lockForStep(id: string, manager: EntityManager): Promise<CaseEntity | null> {
    return manager.getRepository(CaseEntity).findOne({ where: { id }, lock: { mode: 'for_no_key_update' } });
  }

  /**
   * Only for undoing an intake whose workflow could not be started: the requester was told it failed. The
   * trail is kept, so this goes through the database's one route for it, which removes the case and its
   * rows only while its trail holds nothing but the submission; answers whether it did (false: the workflow did start
   * after all and wrote more, and the case stays).
   */
  async deleteUnstarted(id: string): Promise<boolean> {
    const [row] = await this.dataSource.query<[{ discarded: boolean }]>(
      'SELECT discard_unstarted_case($1) AS discarded',
      [id],
    );
    return row.discarded;
  }

  private repository(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(CaseEntity);
  }
}
