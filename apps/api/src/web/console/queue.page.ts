import { CASE_STATUSES, VERIFICATION_METHODS } from '@app/domain';
import type { CaseListDto } from '../../cases/dto/case-responses.dto';
import { dataTable } from '../shared/data-table';
import { notice } from '../shared/form-fields';
import { html, queryString, type Html } from '../shared/html';
import { consoleLayout, formatAge, formatDate, inWords, type ConsolePage } from './console-layout';

/** The queue's filters, as the page's address carries them (and the API takes them). */
export interface QueueFilters {
  status?: string;
  overdue?: string;
  method?: string;
  q?: string;
}

export interface QueueView extends Pick<ConsolePage, 'staff' | 'csrfToken'> {
  filters: QueueFilters;
  cursor?: string;
  list?: CaseListDto;
  problem?: string;
}

const METHOD_LABELS: Record<string, string> = { email: 'Email code', chamber_extract: 'KvK extract' };

function select(
  name: string,
  label: string,
  chosen: string | undefined,
  options: readonly (readonly [string, string])[],
): Html {
  return html`<div class="field">
    <label for="filter-${name}">${label}</label>
    <select id="filter-${name}" name="${name}">
      ${options.map(([value, text]) => html`<option value="${value}" ${value === (chosen ?? '') ? html` selected` : ''}>${text}</option>`)}
    </select>
  </div>`;
}

/** `/console/cases`: newest first, filtered and searched, a page at a time (keyset pages, no counting). */
export function queuePage(view: QueueView): Html {
  const { filters, list } = view;
  const rows = list?.items ?? [];
  const main = html`<h1>Cases</h1>
    ${view.problem ? notice('problem', view.problem) : ''}
    <form method="get" action="/console/cases" class="panel" role="search" aria-label="Find cases">
      <div class="filters">
        <div class="field">
          <label for="filter-q">Search</label>
          <input
            type="search"
            id="filter-q"
            name="q"
            value="${filters.q ?? ''}"
            aria-describedby="filter-q-hint"
          />
          <p class="hint" id="filter-q-hint">Reference, email address, KvK number or company name.</p>
        </div>
        ${select('status', 'Status', filters.status, [
          ['', 'Any status'],
          ...CASE_STATUSES.map((status) => [status, inWords(status)] as const),
        ])}
        ${select('overdue', 'Review SLA', filters.overdue, [
          ['', 'Any'],
          ['true', 'Overdue only'],
          ['false', 'Not overdue'],
        ])}
        ${select('method', 'Method', filters.method, [
          ['', 'Any method'],
          ...VERIFICATION_METHODS.map((method) => [method, METHOD_LABELS[method] ?? method] as const),
        ])}
      </div>
      <div class="actions">
        <button type="submit" class="button">Show cases</button> <a href="/console/cases">Clear filters</a>
      </div>
    </form>
    ${
      rows.length === 0
        ? html`<p>No cases match.</p>`
        : dataTable({
            caption: 'Cases, newest first',
            columns: ['Reference', 'Status', 'Requester', 'Company', 'Environment', 'Method', 'Age'],
            rowHeaders: true,
            rows: rows.map((c) => [
              html`<a href="/console/cases/${c.reference}">${c.reference}</a>`,
              html`${
                // Waits for a person, not for the requester or a timer: it stands out in the list.
                c.status === 'needs_attention'
                  ? html`<span class="badge badge--overdue">${inWords(c.status)}</span>`
                  : inWords(c.status)
              }${c.overdue ? html` <span class="badge badge--overdue">Overdue</span>` : ''}${c.flagged ? html` <span class="badge badge--flagged">Objection</span>` : ''}`,
              html`${c.requesterName}<br /><span class="hint">${c.requesterEmail}</span>`,
              html`${c.companyName}${c.kvkNumber ? html`<br /><span class="hint">KvK ${c.kvkNumber}</span>` : ''}`,
              c.environment ? c.environment.reference : html`<span class="hint">not matched</span>`,
              METHOD_LABELS[c.method] ?? c.method,
              html`<span title="${formatDate(c.createdAt)}">${formatAge(c.ageMs)}</span>`,
            ]),
          })
    }
    <nav class="pager actions" aria-label="Pages">
      ${view.cursor ? html`<a href="/console/cases${queryString({ ...filters })}">First page</a>` : ''}
      ${list?.nextCursor ? html`<a href="/console/cases${queryString({ ...filters, cursor: list.nextCursor })}" rel="next">Next page</a>` : ''}
    </nav>`;
  return consoleLayout({
    staff: view.staff,
    csrfToken: view.csrfToken,
    title: 'Cases',
    section: 'queue',
    main,
  });
}
