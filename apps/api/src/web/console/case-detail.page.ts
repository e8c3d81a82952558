import { changesSince, isActionAllowed, stepInWords } from '@app/domain';
import {
  DECISIONS,
  REASON_MAX_LENGTH,
  REASON_MIN_LENGTH,
  type Decision,
} from '../../cases/dto/case-decision.dto';
import type {
  CaseAttentionDto,
  CaseDeliveryDto,
  CaseDetailDto,
  CaseEventDto,
} from '../../cases/dto/case-responses.dto';
import { CSRF_FIELD } from '../shared/csrf';
import { dataTable } from '../shared/data-table';
import { choice, hiddenField, notice, textField } from '../shared/form-fields';
import { html, type Html } from '../shared/html';
import { consoleLayout, formatAge, formatDate, inWords, type ConsolePage } from './console-layout';

/** What the page says after a decision, by the `outcome` in its address. */
const DECISION_OUTCOMES = {
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

/** What the page says after support retried a failed step or closed the case, by the `outcome`. */
const ATTENTION_OUTCOMES = {
  step_retried:
    'The step runs again: the case went back to where it stopped. If the step fails again, the case needs attention again and the managers are mailed.',
  case_closed: 'The case is closed. The requester was mailed your reason.',
  closure_reason_missing: `Give a reason of at least ${String(REASON_MIN_LENGTH)} characters to close the case; the requester reads it.`,
  retry_invalid:
    "The retry was not accepted: an organisation you chose is not (or no longer) in the case's environment. Choose again.",
  attention_unavailable: 'Your action could not be saved just now. Nothing changed; please try again.',
  attention_form_expired: 'The page was open too long. Please try again.',
  attention_conflict: '',
} as const;
export type AttentionOutcome = keyof typeof ATTENTION_OUTCOMES;

/** Every outcome the case page can say; anything else in the address is ignored. */
export type CasePageOutcome = DecisionOutcome | AttentionOutcome;
const CASE_PAGE_OUTCOMES: Readonly<Record<CasePageOutcome, string>> = {
  ...DECISION_OUTCOMES,
  ...ATTENTION_OUTCOMES,
};
export function isCasePageOutcome(value: string): value is CasePageOutcome {
  return Object.hasOwn(CASE_PAGE_OUTCOMES, value);
}
const SUCCESSES: readonly CasePageOutcome[] = [
  'approved',
  'rejected',
  'document_requested',
  'step_retried',
  'case_closed',
];

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
  outcome?: CasePageOutcome;
  /** The version a refused decision was made on (the page says what changed since). */
  since?: string;
}

/** A lost race said plainly: who decided what, when, and where the case stands now. */
function conflictMessage(detail: CaseDetailDto, since: string | undefined): string {
  // Still waiting for a decision: refused because the case changed after the page was opened.
  if (isActionAllowed('decide', detail.status)) {
    if (since === undefined) {
      return 'Your decision was not applied: the case could not take it just then (another action was being handled). Look at it as it is now and try again.';
    }
    const changed = changesSince(detail.events, since);
    const what = changed.length > 0 ? ` (${changed.map(inWords).join(', ')})` : '';
    return `Your decision was not applied: the case changed after you opened it${what}. Look at it as it is now and decide again.`;
  }
  const decision = [...detail.events].reverse().find((event) => event.type in DECISION_EVENTS);
  const what = decision
    ? `It was ${DECISION_EVENTS[decision.type] ?? ''} at ${formatDate(decision.at)}${decision.actorId ? ' by another agent' : ''}.`
    : '';
  return `Your decision was not applied: the case was no longer waiting for one. ${what} It is now "${inWords(detail.status)}".`;
}

/** A retry or closure that came too late: said with what happened instead, when the trail tells. */
function attentionConflictMessage(detail: CaseDetailDto): string {
  if (detail.status === 'needs_attention') {
    return 'Your action was not applied: another action on this case was being handled. The case still needs attention; look at it as it is now and try again.';
  }
  const answered = [...detail.events]
    .reverse()
    .find((event) => event.type === 'step_retried' || event.type === 'case_closed');
  const what = answered
    ? ` It was ${answered.type === 'case_closed' ? 'closed' : 'retried'} at ${formatDate(answered.at)}${answered.actorId ? ' by another staff member' : ''}.`
    : '';
  return `Your action was not applied: the case no longer needs attention.${what} It is now "${inWords(detail.status)}".`;
}

function details(event: CaseEventDto): string {
  return Object.entries(event.details)
    .flatMap(([key, value]): [string, string][] => {
      if (['string', 'number', 'boolean'].includes(typeof value)) return [[key, String(value)]];
      // A list of words (the addresses a code went to): said in a row.
      if (Array.isArray(value) && value.every((item) => typeof item === 'string')) {
        return [[key, value.length > 0 ? value.join(', ') : 'none']];
      }
      return [];
    })
    .map(([key, value]) => `${key.replace(/([A-Z])/g, ' $1').toLowerCase()}: ${value}`)
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

/** What a new agent should know of a failed step: what it was doing, and what usually mends it. */
const STEP_ADVICE: Partial<Record<string, string>> = {
  appointAdministrator:
    'The requester could not be made administrator. Usually an organisation the approval named (or the environment itself) was removed from the directory since: choose the organisations again and retry.',
  startAppointment:
    'The appointment could not start after the waiting time. Retry once the cause is dealt with.',
  matchEnvironment: 'The request could not be matched to an environment. Retry once the cause is dealt with.',
  sendAccessLink: "The access link could not be mailed to the requester's address.",
  analyseDocument: 'The uploaded extract could not be read.',
};

/**
 * A case that needs attention: which step failed, why, since when, and the two ways on (retry the step,
 * or close the case with a reason for the requester). Nothing moves the case until someone acts.
 */
function attentionPanel(view: CaseDetailView, attention: CaseAttentionDto): Html {
  const { detail } = view;
  const step = stepInWords(attention.step);
  return html`<section class="panel" aria-labelledby="attention-title">
    <h2 id="attention-title">Needs attention: the step “${step}” failed</h2>
    ${notice(
      'problem',
      html`<strong>Nothing happens to this case until someone acts.</strong> The step “${step}” failed for a
        reason that trying again by itself will not mend, and the managers were mailed. Deal with the cause,
        then retry the step; or close the case and tell the requester why.`,
    )}
    <dl class="facts">
      <dt>Failed step</dt>
      <dd>${step} <span class="hint">(${attention.step})</span></dd>
      <dt>Reason</dt>
      <dd>${stepInWords(attention.reason)} <span class="hint">(code ${attention.reason})</span></dd>
      <dt>Since</dt>
      <dd><time datetime="${attention.since}">${formatDate(attention.since)}</time></dd>
      ${
        attention.from
          ? html`<dt>A retry goes back to</dt>
              <dd>${inWords(attention.from)}</dd>`
          : ''
      }
    </dl>
    ${STEP_ADVICE[attention.step] ? html`<p>${STEP_ADVICE[attention.step]}</p>` : ''}
    <div class="case-layout">
      ${retryForm(view, attention)}
      <form
        method="post"
        action="/console/cases/${detail.reference}/close"
        class="form"
        aria-labelledby="close-title"
      >
        ${hiddenField(CSRF_FIELD, view.csrfToken)}
        <h3 id="close-title">Close the case</h3>
        <p class="hint">
          When the case cannot go on. It ends for good; the requester may send a new request.
        </p>
        ${textField({
          name: 'reason',
          label: 'Reason for the requester',
          hint: 'Required. It is mailed to the requester as you write it.',
          value: '',
          multiline: true,
          required: true,
          maxlength: REASON_MAX_LENGTH,
          error:
            view.outcome === 'closure_reason_missing' ? ATTENTION_OUTCOMES.closure_reason_missing : undefined,
        })}
        <button type="submit" class="button button--danger">Close the case</button>
      </form>
    </div>
  </section>`;
}

/**
 * Retries the failed step. A failed appointment (a retry back to `appointing`, the only one the activity
 * lets choose organisations) offers the environment's organisations again, like the approval does: those
 * approved that still exist are ticked, those gone are named.
 */
function retryForm(view: CaseDetailView, attention: CaseAttentionDto): Html {
  const { detail } = view;
  const chooseOrganisations = attention.from === 'appointing' && detail.environment !== null;
  const organisations = detail.environment?.organisations ?? [];
  const approved = detail.approvedOrganisationIds ?? [];
  const gone = approved.filter((id) => !organisations.some((o) => o.id === id));
  return html`<form
    method="post"
    action="/console/cases/${detail.reference}/retry"
    class="form"
    aria-labelledby="retry-title"
  >
    ${hiddenField(CSRF_FIELD, view.csrfToken)}
    <h3 id="retry-title">Retry the step</h3>
    <p class="hint">
      The case goes back to “${attention.from ? inWords(attention.from) : 'where it stopped'}” and the step
      “${stepInWords(attention.step)}” runs again. Retry once the cause is dealt with.
    </p>
    ${
      attention.from === 'appointing' && detail.environment === null
        ? notice(
            'problem',
            'The case has no environment any more (it was removed): a retry cannot appoint anyone. Close the case instead.',
          )
        : ''
    }
    ${
      chooseOrganisations
        ? html`<fieldset class="choices">
            <legend>Organisations to link on the appointment</legend>
            ${hiddenField('organisationsChosen', '1')}
            ${
              gone.length > 0
                ? html`<p class="hint">
                    ${gone.length === 1 ? 'One organisation' : `${String(gone.length)} organisations`} of the
                    approval no longer ${gone.length === 1 ? 'exists' : 'exist'} in the environment, so
                    ${gone.length === 1 ? 'it is' : 'they are'} not offered.
                  </p>`
                : ''
            }
            <p class="hint">
              Your choice replaces the approved organisations. With none ticked, the requester becomes
              administrator of the environment without any organisation.
            </p>
            ${organisations.map((o) =>
              choice({
                type: 'checkbox',
                name: 'organisationIds',
                value: o.id,
                label: `${o.name} (KvK ${o.kvkNumber})${o.matched ? ' (matched)' : ''}`,
                checked: approved.includes(o.id),
              }),
            )}
          </fieldset>`
        : ''
    }
    <button type="submit" class="button">Retry the step</button>
  </form>`;
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
      ${hiddenField(CSRF_FIELD, view.csrfToken)} ${hiddenField('version', detail.version)}
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

/** What each mail is for, in plain words; a purpose not listed here is shown with its dashes as spaces. */
const MAIL_PURPOSES: Partial<Record<string, string>> = {
  'case-link': 'access link',
  'email-code': 'email code',
  'extract-request': 'request for an extract',
  'document-request': 'request for a new extract',
  rejection: 'rejection',
  'cooling-off-notice': 'cooling-off notice',
  'objection-received': 'objection received',
  'review-overdue': 'review overdue (to managers)',
  'attention-needed': 'needs attention (to managers)',
  appointment: 'appointment',
  'appointment-notice': 'appointment notice',
  invitation: 'invitation to sign in',
  closure: 'case closed',
  cancellation: 'cancellation',
  expiry: 'expiry',
};

const mailPurpose = (delivery: CaseDeliveryDto): string =>
  MAIL_PURPOSES[delivery.purpose] ?? delivery.purpose.replace(/-/g, ' ');

const sentenceStart = (words: string): string => words.charAt(0).toUpperCase() + words.slice(1);

const refusedWith = (delivery: CaseDeliveryDto): string =>
  delivery.smtpStatus === null ? '' : ` (SMTP ${String(delivery.smtpStatus)})`;

const attemptsSoFar = (attempts: number): string =>
  attempts === 0 ? 'not tried yet' : `${String(attempts)} attempt${attempts === 1 ? '' : 's'}`;

/**
 * The state as a badge: sent green, pending amber with its attempts, refused red with the SMTP status,
 * withdrawn plain (nothing to do: its occasion passed).
 */
function deliveryState(delivery: CaseDeliveryDto): Html {
  switch (delivery.state) {
    case 'sent':
      return html`<span class="badge badge--good">Sent</span>`;
    case 'pending':
      return html`<span class="badge badge--warn">Pending, ${attemptsSoFar(delivery.attempts)}</span>`;
    case 'refused':
      return html`<span class="badge badge--bad">Refused${refusedWith(delivery)}</span>`;
    case 'withdrawn':
      return html`<span class="badge" title="Its occasion passed before it went out; it is not sent."
        >Withdrawn, no longer due</span
      >`;
  }
}

/** When it was sent or refused (the badge says which); a pending mail, when it was last tried or queued. */
function deliveryWhen(delivery: CaseDeliveryDto): Html {
  const at = (iso: string): Html => html`<time datetime="${iso}">${formatDate(iso)}</time>`;
  if (delivery.state === 'sent' && delivery.sentAt) return at(delivery.sentAt);
  if (delivery.state === 'refused' && delivery.refusedAt) return at(delivery.refusedAt);
  if (delivery.state === 'withdrawn' && delivery.withdrawnAt) return at(delivery.withdrawnAt);
  return delivery.lastAttemptAt
    ? html`last tried ${at(delivery.lastAttemptAt)}`
    : html`queued ${at(delivery.createdAt)}`;
}

const refusedSummary = (count: number): string =>
  count === 1
    ? 'One mail was refused by the mail server: its recipient did not get it, and it is not sent again.'
    : `${String(count)} mails were refused by the mail server: their recipients did not get them, and they are not sent again.`;

/**
 * Every mail of the case, one row per recipient, newest first. A refusal is said above the table too: the
 * recipient never got that mail, and it is not tried again.
 */
function mailPanel(detail: CaseDetailDto): Html {
  const refused = detail.deliveries.filter((delivery) => delivery.state === 'refused');
  return html`<section class="panel" id="mail" aria-labelledby="mail-title">
    <h2 id="mail-title">Mail</h2>
    ${
      refused.length > 0
        ? notice(
            'problem',
            html`<strong>${refusedSummary(refused.length)}</strong>
              <ul>
                ${refused.map(
                  (delivery) =>
                    html`<li>
                      ${sentenceStart(mailPurpose(delivery))} to ${delivery.recipient}${refusedWith(delivery)}
                    </li>`,
                )}
              </ul>`,
          )
        : ''
    }
    ${
      detail.deliveries.length === 0
        ? html`<p>No mail was sent about this case yet.</p>`
        : dataTable({
            caption: 'Mail of this case, newest first',
            columns: ['What', 'To', 'State', 'When'],
            rows: [...detail.deliveries]
              .reverse()
              .map((delivery) => [
                mailPurpose(delivery),
                delivery.recipient,
                deliveryState(delivery),
                deliveryWhen(delivery),
              ]),
          })
    }
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

/** A refused mail, seen at a glance beside the case's state: a link to the mails. */
function mailRefusedBadge(detail: CaseDetailDto): Html | '' {
  const refused = detail.deliveries.filter((delivery) => delivery.state === 'refused').length;
  if (refused === 0) return '';
  return html` <a class="badge badge--bad" href="#mail"
    >${refused === 1 ? 'A mail was refused' : `${String(refused)} mails were refused`}</a
  >`;
}

/** `/console/cases/:reference`: the extract beside its findings, the requester, the environment, the decision. */
export function caseDetailPage(view: CaseDetailView): Html {
  const { detail, outcome } = view;
  const message =
    outcome === 'conflict'
      ? conflictMessage(detail, view.since)
      : outcome === 'attention_conflict'
        ? attentionConflictMessage(detail)
        : outcome
          ? CASE_PAGE_OUTCOMES[outcome]
          : '';
  const success = outcome !== undefined && SUCCESSES.includes(outcome);
  const main = html`<p><a href="/console/cases">← All cases</a></p>
    <h1>Case ${detail.reference}</h1>
    <p class="status-line">
      ${inWords(detail.status)}${detail.overdue ? html` <span class="badge badge--overdue">Overdue</span>` : ''}${detail.flagged ? html` <span class="badge badge--flagged">Objection</span>` : ''}${mailRefusedBadge(detail)}
    </p>
    <p class="hint">
      Opened ${formatDate(detail.createdAt)}, age
      ${formatAge(detail.ageMs)}${detail.reviewDueAt ? `; review due ${formatDate(detail.reviewDueAt)}` : ''}${detail.appointAt ? `; appointment ${formatDate(detail.appointAt)}` : ''}.
    </p>
    ${message ? notice(success ? 'success' : 'problem', message) : ''}
    ${detail.attention ? attentionPanel(view, detail.attention) : ''}
    <div class="case-layout">
      <div>${documentColumn(detail)}${findingsPanel(detail)}</div>
      <div>${decisionPanel(view)}${requesterPanel(detail)}${environmentPanel(detail)}</div>
    </div>
    ${mailPanel(detail)} ${eventsPanel(detail)}`;
  return consoleLayout({
    staff: view.staff,
    csrfToken: view.csrfToken,
    title: `Case ${detail.reference}`,
    section: 'queue',
    main,
  });
}
