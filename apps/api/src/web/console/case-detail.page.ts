import { isActionAllowed } from '@app/domain';
import { DECISIONS, type Decision } from '../../cases/dto/case-decision.dto';
import type { CaseDetailDto, CaseEventDto } from '../../cases/dto/case-responses.dto';
import { CSRF_FIELD } from '../shared/csrf';
import { dataTable } from '../shared/data-table';
import { choice, hiddenField, notice, textField } from '../shared/form-fields';
import { html, type Html } from '../shared/html';
import { consoleLayout, formatAge, formatDate, inWords, type ConsolePage } from './console-layout';

/** What the page says after a decision, by the `outcome` in its address. */
export const DECISION_OUTCOMES = {
  approved: 'Approved. The users of the environment are told, and the appointment follows the waiting time.',
  rejected: 'Rejected. The requester was mailed your reason.',
  document_requested: 'A new extract was asked for. The requester was mailed your reason.',
  reason_missing: 'Give a reason of at least 3 characters to reject or to ask for a new document.',
  invalid: 'The decision was not accepted: check the organisations and the reason, then try again.',
  unavailable: 'The decision could not be saved just now. Nothing changed; please try again.',
  form_expired: 'The page was open too long. Please decide again.',
  conflict: '',
} as const;
export type DecisionOutcome = keyof typeof DECISION_OUTCOMES;

const DECISION_EVENTS: Record<string, string> = {
  case_approved: 'approved',
  case_rejected: 'rejected',
  document_requested: 'asked for a new document',
};

const DECISION_LABELS: Record<Decision, string> = {
  approve: 'Approve: appoint the requester after the waiting time',
  reject: 'Reject',
  request_document: 'Ask for a new extract',
};

export interface CaseDetailView extends Pick<ConsolePage, 'staff' | 'csrfToken'> {
  detail: CaseDetailDto;
  outcome?: DecisionOutcome;
}

/** A lost race said plainly: who decided what, when, and where the case stands now. */
function conflictMessage(detail: CaseDetailDto): string {
  const decision = [...detail.events].reverse().find((event) => event.type in DECISION_EVENTS);
  const what = decision
    ? `It was ${DECISION_EVENTS[decision.type] ?? ''} at ${formatDate(decision.at)}${decision.actorId ? ' by another agent' : ''}.`
    : '';
  return `Your decision was not applied: the case was no longer waiting for one. ${what} It is now "${inWords(detail.status)}".`;
}

function details(event: CaseEventDto): string {
  return Object.entries(event.details)
    .filter((entry): entry is [string, string | number | boolean] =>
      ['string', 'number', 'boolean'].includes(typeof entry[1]),
    )
    .map(([key, value]) => `${key.replace(/([A-Z])/g, ' $1').toLowerCase()}: ${String(value)}`)
    .join('; ');
}

function documentColumn(detail: CaseDetailDto): Html {
  const latest = detail.documents.at(-1);
  if (!latest) {
    return html`<section class="panel" aria-labelledby="document-title">
      <h2 id="document-title">Document</h2>
      <p>${detail.method === 'email' ? 'The email method: no document.' : 'No extract was uploaded yet.'}</p>
    </section>`;
  }
  const src = `/api/cases/${detail.reference}/document?sequence=${String(latest.sequence)}`;
  return html`<section class="panel" aria-labelledby="document-title">
    <h2 id="document-title">Extract (upload ${latest.sequence} of ${detail.documents.length})</h2>
    <p class="hint">
      ${latest.status}${latest.pageCount ? `, ${String(latest.pageCount)} page(s)` : ''},
      ${Math.ceil(latest.byteSize / 1024)} KB, uploaded ${formatDate(latest.uploadedAt)}.
      <a href="${src}" target="_blank" rel="noopener">Open the PDF in a new tab</a>
    </p>
    ${latest.refusalMessage ? notice('problem', `Refused: ${latest.refusalMessage}`) : ''}
    <iframe class="document-frame" src="${src}" title="The uploaded extract (PDF)"></iframe>
  </section>`;
}

/** The checks and officers exactly as the API answers them, so an API client sees what the agent sees. */
function findingsPanel(detail: CaseDetailDto): Html | '' {
  const { findings } = detail;
  if (!findings) return '';
  return html`<section class="panel" aria-labelledby="findings-title">
    <h2 id="findings-title">Findings</h2>
    <p class="hint">They inform your decision; they do not make it.</p>
    <ul class="checks">
      ${detail.findingChecks.map(
        (check) =>
          html`<li class="check check--${check.colour}">
            <span class="check__state"
              >${check.colour === 'green' ? 'OK' : check.colour === 'amber' ? 'Check' : 'Problem'}:</span
            >
            <strong>${check.title}.</strong> ${check.reason}
          </li>`,
      )}
    </ul>
    ${
      findings.officers.length > 0
        ? html`<h3>Officers on the extract</h3>
            <ul>
              ${findings.officers.map(
                (o) => html`<li>${o.name}, ${o.role}, may represent alone: ${inWords(o.authority)}</li>`,
              )}
            </ul>`
        : ''
    }
  </section>`;
}

function requesterPanel(detail: CaseDetailDto): Html {
  const s = detail.submitted;
  const rows: [string, string | null][] = [
    ['Name', s.requesterName],
    ['Email (new login)', s.requesterEmail],
    ['Phone', s.requesterPhone],
    ['Company', s.companyName],
    ['KvK number', s.kvkNumber],
    ['Environment given', s.environmentReference],
    ['Former administrator', s.formerAdminEmail],
    ['Method', detail.method === 'email' ? 'Email code to a known address' : 'KvK extract'],
    ['Language', detail.language === 'nl' ? 'Dutch' : 'English'],
  ];
  return html`<section class="panel" aria-labelledby="requester-title">
    <h2 id="requester-title">Requester</h2>
    <dl class="facts">
      ${rows
        .filter(([, v]) => v)
        .map(
          ([k, v]) =>
            html`<dt>${k}</dt>
              <dd>${v}</dd>`,
        )}
    </dl>
    ${
      s.message
        ? html`<h3>Their message</h3>
            <blockquote class="quote">${s.message}</blockquote>`
        : ''
    }
  </section>`;
}

function environmentPanel(detail: CaseDetailDto): Html {
  const env = detail.environment;
  if (!env) {
    return html`<section class="panel" aria-labelledby="environment-title">
      <h2 id="environment-title">Environment</h2>
      <p>
        No environment matched this request. It can be linked through the API (<code
          >POST /api/cases/${detail.reference}/environment</code
        >).
      </p>
    </section>`;
  }
  return html`<section class="panel" aria-labelledby="environment-title">
    <h2 id="environment-title">Environment ${env.reference}, as it is now</h2>
    <p>
      ${env.name}, plan ${env.plan}; ${env.activeAdministrators} active
      administrator(s).${detail.matchKind ? ` Matched by ${inWords(detail.matchKind)}.` : ''}
    </p>
    <h3>Organisations</h3>
    ${dataTable({
      caption: `Organisations of ${env.reference}`,
      columns: ['Name', 'KvK number', 'Matched'],
      rows: env.organisations.map((o) => [o.name, o.kvkNumber, o.matched ? 'yes' : 'no']),
    })}
    <h3>Users</h3>
    ${dataTable({
      caption: `Users of ${env.reference}`,
      columns: ['Name', 'Email', 'Role', 'Status'],
      rows: env.users.map((u) => [u.name, u.email, u.role, u.status]),
    })}
  </section>`;
}

function decisionPanel(view: CaseDetailView): Html | '' {
  const { detail } = view;
  if (!isActionAllowed('decide', detail.status)) return '';
  const organisations = detail.environment?.organisations ?? [];
  const byDefault = (id: string, matched: boolean): boolean =>
    detail.method === 'email' || matched || detail.matchedOrganisationIds.includes(id);
  return html`<section class="panel" aria-labelledby="decision-title">
    <h2 id="decision-title">Decision</h2>
    <form method="post" action="/console/cases/${detail.reference}/decision" class="form">
      ${hiddenField(CSRF_FIELD, view.csrfToken)}
      <fieldset class="choices">
        <legend>Your decision</legend>
        ${DECISIONS.filter(
          (decision) => decision !== 'request_document' || detail.method === 'chamber_extract',
        ).map((decision, i) =>
          choice({
            type: 'radio',
            name: 'decision',
            value: decision,
            label: DECISION_LABELS[decision],
            required: i === 0,
          }),
        )}
      </fieldset>
      ${
        organisations.length > 0
          ? html`<fieldset class="choices">
              <legend>Organisations to link on approval</legend>
              ${hiddenField('organisationsChosen', '1')}
              ${organisations.map((o) =>
                choice({
                  type: 'checkbox',
                  name: 'organisationIds',
                  value: o.id,
                  label: `${o.name} (KvK ${o.kvkNumber})${o.matched ? ' (matched)' : ''}`,
                  checked: byDefault(o.id, o.matched),
                }),
              )}
            </fieldset>`
          : ''
      }
      ${textField({
        name: 'reason',
        label: 'Reason',
        hint: 'Required to reject or to ask for a new extract; it is mailed to the requester as you write it.',
        value: '',
        multiline: true,
        maxlength: 2000,
        error: view.outcome === 'reason_missing' ? DECISION_OUTCOMES.reason_missing : undefined,
      })}
      <button type="submit" class="button">Save decision</button>
    </form>
  </section>`;
}

// Stored event types keep their first spelling; the trail says them in today's words.
const EVENT_WORDS: Partial<Record<string, string>> = { case_link_sent: 'access link sent' };

function eventsPanel(detail: CaseDetailDto): Html {
  return html`<section class="panel" aria-labelledby="events-title">
    <h2 id="events-title">Event trail</h2>
    ${dataTable({
      caption: 'Event trail, newest first',
      columns: ['When', 'What', 'Who', 'Details'],
      rows: [...detail.events]
        .reverse()
        .map((e) => [
          html`<time datetime="${e.at}">${formatDate(e.at)}</time>`,
          EVENT_WORDS[e.type] ?? inWords(e.type),
          e.actorType,
          details(e),
        ]),
    })}
  </section>`;
}

/** `/console/cases/:reference`: the extract beside its findings, the requester, the environment, the decision. */
export function caseDetailPage(view: CaseDetailView): Html {
  const { detail, outcome } = view;
  const message =
    outcome === 'conflict' ? conflictMessage(detail) : outcome ? DECISION_OUTCOMES[outcome] : '';
  const success = outcome === 'approved' || outcome === 'rejected' || outcome === 'document_requested';
  const main = html`<p><a href="/console/cases">← All cases</a></p>
    <h1>Case ${detail.reference}</h1>
    <p class="status-line">
      ${inWords(detail.status)}${detail.overdue ? html` <span class="badge badge--overdue">Overdue</span>` : ''}${detail.flagged ? html` <span class="badge badge--flagged">Objection</span>` : ''}
    </p>
    <p class="hint">
      Opened ${formatDate(detail.createdAt)}, age
      ${formatAge(detail.ageMs)}${detail.reviewDueAt ? `; review due ${formatDate(detail.reviewDueAt)}` : ''}${detail.appointAt ? `; appointment ${formatDate(detail.appointAt)}` : ''}.
    </p>
    ${message ? notice(success ? 'success' : 'problem', message) : ''}
    <div class="case-layout">
      <div>${documentColumn(detail)}${findingsPanel(detail)}</div>
      <div>${decisionPanel(view)}${requesterPanel(detail)}${environmentPanel(detail)}</div>
    </div>
    ${eventsPanel(detail)}`;
  return consoleLayout({
    staff: view.staff,
    csrfToken: view.csrfToken,
    title: `Case ${detail.reference}`,
    section: 'queue',
    main,
  });
}
