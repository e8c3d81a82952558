import type { DashboardDto, WeekFiguresDto } from '../../dashboard/dto/dashboard.dto';
import type { EnvironmentsAtRiskDto } from '../../dashboard/dto/environments-at-risk.dto';
import { dataTable } from '../shared/data-table';
import { notice } from '../shared/form-fields';
import { html, type Html } from '../shared/html';
import { consoleLayout, formatAge, inWords, type ConsolePage } from './console-layout';

type Staff = Pick<ConsolePage, 'staff' | 'csrfToken'>;

const CHART = { width: 720, height: 220, top: 10, bottom: 30, left: 30 };

/**
 * Cases opened and completed per week as an SVG bar chart drawn on the server (no script, no inline
 * style: the Content-Security-Policy allows neither), with the same figures in a table beside it.
 */
function weeklyChart(weeks: readonly WeekFiguresDto[]): Html {
  const max = Math.max(1, ...weeks.flatMap((w) => [w.opened, w.completed]));
  const plotHeight = CHART.height - CHART.top - CHART.bottom;
  const slot = (CHART.width - CHART.left) / Math.max(1, weeks.length);
  const barWidth = Math.max(2, slot / 2 - 4);
  const y = (value: number): number => CHART.top + plotHeight - (value / max) * plotHeight;
  return html`<svg
      class="chart"
      viewBox="0 0 ${CHART.width} ${CHART.height}"
      role="img"
      aria-labelledby="chart-title"
    >
      <title id="chart-title">Cases opened and completed per week, the last ${weeks.length} weeks</title>
      <text class="axis" x="0" y="${CHART.top + 10}">${max}</text>
      <text class="axis" x="0" y="${CHART.top + plotHeight}">0</text>
      ${weeks.map((week, i) => {
        const x = CHART.left + i * slot + 2;
        return html`<g>
          <rect
            class="bar-opened"
            x="${x.toFixed(1)}"
            y="${y(week.opened).toFixed(1)}"
            width="${barWidth.toFixed(1)}"
            height="${(CHART.top + plotHeight - y(week.opened)).toFixed(1)}"
            ><title>Week of ${week.weekStart}: ${week.opened} opened</title></rect
          >
          <rect
            class="bar-completed"
            x="${(x + barWidth + 2).toFixed(1)}"
            y="${y(week.completed).toFixed(1)}"
            width="${barWidth.toFixed(1)}"
            height="${(CHART.top + plotHeight - y(week.completed)).toFixed(1)}"
            ><title>Week of ${week.weekStart}: ${week.completed} completed</title></rect
          >
          <text class="axis" x="${x.toFixed(1)}" y="${CHART.height - 10}">${week.weekStart.slice(5)}</text>
        </g>`;
      })}
    </svg>
    <ul class="legend" aria-hidden="true">
      <li><span class="legend__swatch legend__swatch--opened"></span>Opened</li>
      <li><span class="legend__swatch legend__swatch--completed"></span>Completed</li>
    </ul>`;
}

/** `/console/dashboard`: managers' figures of SPEC section 6. */
export function dashboardPage(view: Staff & { dashboard: DashboardDto }): Html {
  const d = view.dashboard;
  const open = Object.entries<number>(d.openByStatus);
  const totalOpen = open.reduce((sum, [, n]) => sum + n, 0);
  const needsAttentionList = '/console/cases?status=needs_attention';
  const main = html`<h1>Dashboard</h1>
    ${
      // First on the page: these cases wait for a person, and nothing else moves them on.
      d.needsAttention > 0
        ? notice(
            'problem',
            html`<strong
                >${d.needsAttention === 1 ? '1 case needs' : `${String(d.needsAttention)} cases need`}
                attention.</strong
              >
              A step failed for a reason that trying again by itself will not mend; an agent or manager
              retries it or closes the case.
              <a href="${needsAttentionList}">Show the cases that need attention</a>`,
          )
        : ''
    }
    <dl class="figures">
      <div class="figure">
        <dt>Needs attention</dt>
        <dd>
          ${d.needsAttention > 0 ? html`<a href="${needsAttentionList}">${d.needsAttention}</a>` : d.needsAttention}
        </dd>
      </div>
      <div class="figure">
        <dt>Open cases</dt>
        <dd>${totalOpen}</dd>
      </div>
      <div class="figure">
        <dt>Overdue for review</dt>
        <dd>${d.overdue}</dd>
      </div>
      <div class="figure">
        <dt>Oldest open case</dt>
        <dd>
          ${
            d.oldestOpen
              ? html`<a href="/console/cases/${d.oldestOpen.reference}">${d.oldestOpen.reference}</a>,
                  ${formatAge(d.oldestOpen.ageMs)}`
              : 'none'
          }
        </dd>
      </div>
      <div class="figure">
        <dt>Median time to completion</dt>
        <dd>${d.medianCompletionMs === null ? 'no cases completed yet' : formatAge(d.medianCompletionMs)}</dd>
      </div>
    </dl>
    <section class="panel" aria-labelledby="open-title">
      <h2 id="open-title">Open cases by state</h2>
      ${dataTable({
        caption: 'Open cases by state',
        columns: ['State', 'Cases'],
        rows: open.map(([status, n]) => [
          html`<a href="/console/cases?status=${status}">${inWords(status)}</a>`,
          n,
        ]),
      })}
    </section>
    <section class="panel" aria-labelledby="weeks-title">
      <h2 id="weeks-title">Cases per week</h2>
      ${weeklyChart(d.perWeek)}
      <details>
        <summary>The figures as a table</summary>
        ${dataTable({
          caption: 'Cases opened and completed per week',
          columns: ['Week of', 'Opened', 'Completed'],
          rows: d.perWeek.map((w) => [w.weekStart, w.opened, w.completed]),
        })}
      </details>
    </section>`;
  return consoleLayout({ ...view, title: 'Dashboard', section: 'dashboard', main });
}

/** `/console/environments-at-risk`: environments one departure away from needing a recovery. */
export function environmentsAtRiskPage(view: Staff & { atRisk: EnvironmentsAtRiskDto }): Html {
  const environments = view.atRisk.environments;
  const main = html`<h1>Environments at risk</h1>
    <p>
      Environments with fewer than two active administrators, those with none first. Advise them to appoint a
      second.
    </p>
    ${
      environments.length === 0
        ? html`<p>None: every environment has at least two active administrators.</p>`
        : dataTable({
            caption: 'Environments at risk',
            columns: ['Environment', 'Name', 'Active administrators', 'Contact', 'Plan'],
            rowHeaders: true,
            rows: environments.map((e) => [
              e.reference,
              e.name,
              e.activeAdministrators === 0
                ? html`<span class="badge badge--overdue">none</span>`
                : e.activeAdministrators,
              e.contactEmail,
              e.plan,
            ]),
          })
    }`;
  return consoleLayout({ ...view, title: 'Environments at risk', section: 'at-risk', main });
}
