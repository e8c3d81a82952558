import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  CASE_STATUSES,
  isFinalStatus,
  type CaseSearch,
  type CaseStatus,
  type VerificationMethod,
} from '@app/domain';
import { EnvironmentEntity } from '../directory/environment.entity';
import { CaseEntity } from './case.entity';

/**
 * Where a row stands in the queue's order (created_at DESC, id DESC). `createdAt` is PostgreSQL's own
 * text with microseconds: a JavaScript Date keeps only milliseconds and would skip or repeat rows.
 */
export interface CaseQueuePosition {
  createdAt: string;
  id: string;
}

export interface CaseQueueFilter {
  statuses?: readonly CaseStatus[];
  overdue?: boolean;
  method?: VerificationMethod;
  search?: CaseSearch;
  /** Rows after this one in the queue's order. */
  after?: CaseQueuePosition;
  take: number;
}

export interface CaseQueueRow {
  position: CaseQueuePosition;
  reference: string;
  status: CaseStatus;
  method: VerificationMethod;
  requesterName: string;
  requesterEmail: string;
  companyName: string;
  kvkNumber: string | null;
  environment: { id: string; reference: string; name: string } | null;
  overdue: boolean;
  flagged: boolean;
  createdAt: Date;
  updatedAt: Date;
  /** Until it closed, or until now; by the database's clock. */
  ageMs: number;
}

export interface CaseFigures {
  /** Every state that is not final, with zero where there are none. */
  openByStatus: Partial<Record<CaseStatus, number>>;
  /** Open cases past the review SLA. */
  overdue: number;
  oldestOpen: { reference: string; createdAt: Date; ageMs: number } | null;
  medianCompletionMs: number | null;
  /** The last twelve weeks, the current one last; weeks start on Monday in the given time zone. */
  perWeek: { weekStart: string; opened: number; completed: number }[];
}

const OPEN_STATUSES = CASE_STATUSES.filter((status) => !isFinalStatus(status));
const WEEKS = 12;
// Exact text of a timestamptz for the keyset cursor.
const POSITION_TEXT = `to_char(c.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** `%` and `_` in an agent's search text are letters, not wildcards. */
const containsPattern = (text: string): string => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Every read the staff console makes of cases: the queue, a case's documents and trail, the figures. */
@Injectable()
export class CaseQueryRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * One page of the queue, newest first, by keyset on (created_at, id) through
   * `ix_recovery_cases_created_at_id`: no OFFSET, no COUNT, however deep the page.
   */
  async listQueue(filter: CaseQueueFilter): Promise<CaseQueueRow[]> {
    const query = this.dataSource.manager
      .createQueryBuilder()
      .from(CaseEntity, 'c')
      .leftJoin(EnvironmentEntity, 'e', 'e.id = c.environment_id')
      .select([
        `${POSITION_TEXT} AS position_created_at`,
        'c.id AS id',
        'c.reference AS reference',
        'c.status AS status',
        'c.method AS method',
        'c.requester_name AS requester_name',
        'c.requester_email AS requester_email',
        'c.company_name AS company_name',
        'c.kvk_number AS kvk_number',
        'e.id AS environment_id',
        'e.reference AS environment_reference',
        'e.name AS environment_name',
        'c.overdue AS overdue',
        'c.flagged AS flagged',
        'c.created_at AS created_at',
        'c.updated_at AS updated_at',
        'extract(epoch FROM coalesce(c.closed_at, now()) - c.created_at)::float8 * 1000 AS age_ms',
      ])
      .orderBy('c.created_at', 'DESC')
      .addOrderBy('c.id', 'DESC')
      .limit(filter.take);
    if (filter.statuses?.length) query.andWhere('c.status IN (:...statuses)', { statuses: filter.statuses });
    if (filter.overdue !== undefined) query.andWhere('c.overdue = :overdue', { overdue: filter.overdue });
    if (filter.method) query.andWhere('c.method = :method', { method: filter.method });
    const search = filter.search;
    if (search?.kind === 'reference') query.andWhere('c.reference = :reference', search);
    if (search?.kind === 'kvk_number') query.andWhere('c.kvk_number = :kvkNumber', search);
    // Through the expression index on lower(requester_email).
    if (search?.kind === 'email') query.andWhere('lower(c.requester_email) = lower(:email)', search);
    if (search?.kind === 'company_name') {
      query.andWhere(`c.company_name ILIKE :pattern ESCAPE '\\'`, { pattern: containsPattern(search.text) });
    }
    if (filter.after) {
      query.andWhere(
        '(c.created_at, c.id) < (CAST(:afterCreatedAt AS timestamptz), CAST(:afterId AS uuid))',
        {
          afterCreatedAt: filter.after.createdAt,
          afterId: filter.after.id,
        },
      );
    }
    const rows = await query.getRawMany<{
      position_created_at: string;
      id: string;
      reference: string;
      status: CaseStatus;
      method: VerificationMethod;
      requester_name: string;
      requester_email: string;
      company_name: string;
      kvk_number: string | null;
      environment_id: string | null;
      environment_reference: string | null;
      environment_name: string | null;
      overdue: boolean;
      flagged: boolean;
      created_at: Date;
      updated_at: Date;
      age_ms: number;
    }>();
    return rows.map((row) => ({
      position: { createdAt: row.position_created_at, id: row.id },
      reference: row.reference,
      status: row.status,
      method: row.method,
      requesterName: row.requester_name,
      requesterEmail: row.requester_email,
      companyName: row.company_name,
      kvkNumber: row.kvk_number,
      environment:
        row.environment_id === null
          ? null
          : {
              id: row.environment_id,
              reference: row.environment_reference ?? '',
              name: row.environment_name ?? '',
            },
      overdue: row.overdue,
      flagged: row.flagged,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      ageMs: Math.round(row.age_ms),
    }));
  }

  /** The managers' figures; `timeZone` (IANA) says where a week starts. */
  async figures(timeZone: string): Promise<CaseFigures> {
    const [byStatus, oldest, median, weeks] = await Promise.all([
      this.dataSource.manager.query<{ status: CaseStatus; open: number; overdue: number }[]>(
        `SELECT status, count(*)::int AS open, (count(*) FILTER (WHERE overdue))::int AS overdue
         FROM recovery_cases WHERE status = ANY($1::varchar[]) GROUP BY status`,
        [OPEN_STATUSES],
      ),
      this.dataSource.manager.query<{ reference: string; created_at: Date; age_ms: number }[]>(
        `SELECT reference, created_at, extract(epoch FROM now() - created_at)::float8 * 1000 AS age_ms
         FROM recovery_cases WHERE status = ANY($1::varchar[])
         ORDER BY created_at, id LIMIT 1`,
        [OPEN_STATUSES],
      ),
      this.dataSource.manager.query<{ median_ms: number | null }[]>(
        `SELECT extract(epoch FROM percentile_cont(0.5) WITHIN GROUP (ORDER BY closed_at - created_at))::float8
                * 1000 AS median_ms
         FROM recovery_cases WHERE status = 'completed' AND closed_at IS NOT NULL`,
      ),
      this.perWeek(timeZone),
    ]);
    const openByStatus: Partial<Record<CaseStatus, number>> = {};
    for (const status of OPEN_STATUSES) openByStatus[status] = 0;
    for (const row of byStatus) openByStatus[row.status] = row.open;
    const oldestRow = oldest[0];
    const medianMs = median[0]?.median_ms ?? null;
    return {
      openByStatus,
      overdue: byStatus.reduce((sum, row) => sum + row.overdue, 0),
      oldestOpen: oldestRow
        ? {
            reference: oldestRow.reference,
            createdAt: oldestRow.created_at,
            ageMs: Math.round(oldestRow.age_ms),
          }
        : null,
      medianCompletionMs: medianMs === null ? null : Math.round(medianMs),
      perWeek: weeks,
    };
  }

  /** Cases opened and completed per local week (Monday first) in the time zone, the last twelve weeks. */
  private async perWeek(timeZone: string): Promise<CaseFigures['perWeek']> {
    // The window's start first, as a value: planned with it, the count of opened cases reads the
    // created_at index for the last weeks instead of scanning every case ever submitted.
    const [window] = await this.dataSource.manager.query<{ first_week: string; starts_at: Date }[]>(
      `SELECT to_char(first_week, 'YYYY-MM-DD') AS first_week, first_week AT TIME ZONE $1 AS starts_at
       FROM (SELECT date_trunc('week', now() AT TIME ZONE $1) - ($2 - 1) * interval '1 week' AS first_week) w`,
      [timeZone, WEEKS],
    );
    if (!window) throw new Error('the week window query gave no row');
    const rows = await this.dataSource.manager.query<
      { week_start: string; opened: number; completed: number }[]
    >(
      `WITH weeks AS (
         SELECT $3::date + 7 * i AS week_start FROM generate_series(0, $4 - 1) AS i
       ),
       opened AS (
         SELECT date_trunc('week', created_at AT TIME ZONE $1)::date AS week_start, count(*)::int AS n
         FROM recovery_cases WHERE created_at >= $2 GROUP BY 1
       ),
       completed AS (
         SELECT date_trunc('week', closed_at AT TIME ZONE $1)::date AS week_start, count(*)::int AS n
         FROM recovery_cases WHERE status = 'completed' AND closed_at >= $2 GROUP BY 1
       )
       SELECT to_char(weeks.week_start, 'YYYY-MM-DD') AS week_start,
              coalesce(opened.n, 0) AS opened, coalesce(completed.n, 0) AS completed
       FROM weeks LEFT JOIN opened USING (week_start) LEFT JOIN completed USING (week_start)
       ORDER BY weeks.week_start`,
      [timeZone, window.starts_at, window.first_week, WEEKS],
    );
    return rows.map((row) => ({ weekStart: row.week_start, opened: row.opened, completed: row.completed }));
  }
}
