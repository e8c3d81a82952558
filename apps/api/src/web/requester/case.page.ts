import type { CaseLanguage, RequesterEventType } from '@app/domain';
import type { RecoveryRequestStatusDto } from '../../recovery-requests/dto/recovery-request-status.dto';
import { CSRF_FIELD } from '../shared/csrf';
import { hiddenField, notice, textField } from '../shared/form-fields';
import { html, queryString, type Html } from '../shared/html';
import { languageSwitch } from './language-switch';
import { requesterLayout } from './requester-layout';
import { REQUESTER_TEXT, type CaseProblem, type RequesterText } from './requester-text';

export interface CasePageView {
  language: CaseLanguage;
  status: RecoveryRequestStatusDto;
  token: string;
  csrfToken: string;
  problem?: CaseProblem;
}

/** Seconds between looks at the case while it waits on the service, not on the requester. */
const REFRESH_SECONDS = 5;

const WAITING_STEPS = new Set([
  'wait_for_analysis',
  'wait_for_review',
  'wait_for_appointment',
  'wait_for_support',
]);

function actionForm(view: CasePageView, action: string, content: Html, extraClass = ''): Html {
  return html`<form
    method="post"
    action="/recover/${view.status.reference}/${action}?lang=${view.language}"
    class="form${extraClass}"
  >
    ${hiddenField('token', view.token)} ${hiddenField(CSRF_FIELD, view.csrfToken)} ${content}
  </form>`;
}

function latestMessage(status: RecoveryRequestStatusDto, type: RequesterEventType): string | undefined {
  return [...status.events].reverse().find((event) => event.type === type)?.message;
}

function agentWords(text: RequesterText, message: string | undefined): Html | '' {
  return message
    ? html`<p>${text.case.agentSaid}</p>
        <blockquote class="quote">${message}</blockquote>`
    : '';
}

function uploadForm(view: CasePageView, text: RequesterText): Html {
  const t = text.case.upload;
  const problem = view.problem?.startsWith('upload_') ? text.case.problems[view.problem] : undefined;
  return html`<form
    method="post"
    enctype="multipart/form-data"
    class="form"
    data-upload
    action="/recover/${view.status.reference}/document${queryString({ token: view.token, [CSRF_FIELD]: view.csrfToken, lang: view.language })}"
  >
    <div class="field${problem ? ' field--error' : ''}">
      <label for="field-file">${t.label}</label>
      <p class="hint" id="field-file-hint">${t.hint} ${t.uploadsLeft(view.status.allowances.uploadsLeft)}</p>
      ${problem ? html`<p class="field-error" id="field-file-error" role="alert">${problem}</p>` : ''}
      <input
        type="file"
        id="field-file"
        name="file"
        accept="application/pdf,.pdf"
        required
        aria-describedby="${problem ? 'field-file-error ' : ''}field-file-hint"
        ${problem ? html` aria-invalid="true"` : ''}
      />
    </div>
    <div class="upload-progress" hidden>
      <label for="upload-progress">${t.progress}</label>
      <progress id="upload-progress" max="100" value="0"></progress>
      <p class="hint" role="status" aria-live="polite" data-uploading="${t.uploading}"></p>
    </div>
    <button type="submit" class="button">${t.button}</button>
  </form>`;
}

function documentOutcome(view: CasePageView, text: RequesterText): Html | '' {
  const document = view.status.latestDocument;
  if (!document) return '';
  const t = text.case.document;
  if (document.status === 'refused') {
    const reason = document.refusalReason ? t.reasons[document.refusalReason] : '';
    return notice('problem', html`<strong>${t.refused}</strong> ${reason}`);
  }
  return notice('info', document.status === 'analysed' ? t.analysed : t.received);
}

function nextStep(view: CasePageView, text: RequesterText): Html {
  const { status } = view;
  const t = text.case;
  const problem = view.problem ? t.problems[view.problem] : undefined;
  switch (status.nextStep) {
    case 'confirm_mailbox':
      return html`<p>${t.confirm.body}</p>
        ${actionForm(view, 'confirm', html`<button type="submit" class="button">${t.confirm.button}</button>`)}`;
    case 'enter_email_code': {
      const { codeTriesLeft, codeExpiresAt, codeResendsLeft, uploadsLeft } = status.allowances;
      const codeProblem = view.problem?.startsWith('code_') ? problem : undefined;
      const facts = [
        codeTriesLeft !== null ? t.code.triesLeft(codeTriesLeft) : '',
        codeExpiresAt ? t.code.expiresAt(text.date(codeExpiresAt)) : '',
      ].join(' ');
      return html`<p>${t.code.body}</p>
        ${actionForm(
          view,
          'email-code',
          html`${textField({
              name: 'code',
              label: t.code.label,
              value: '',
              hint: `${t.code.hint} ${facts}`.trim(),
              error: codeProblem,
              announce: true,
              required: true,
              autocomplete: 'one-time-code',
              inputmode: 'numeric',
              maxlength: 20,
            })} <button type="submit" class="button">${t.code.button}</button>`,
        )}
        ${
          codeResendsLeft > 0
            ? actionForm(
                view,
                'resend',
                html`<p class="hint">${t.code.resendBody(codeResendsLeft)}</p>
                  <button type="submit" class="button button--secondary">${t.code.resend}</button>`,
                ' form--inline',
              )
            : html`<p class="hint">${t.code.noResends}</p>`
        }
        ${
          uploadsLeft > 0
            ? html`<details class="alternative" ${view.problem?.startsWith('upload_') ? html` open` : ''}>
                <summary>${t.code.alternative}</summary>
                ${uploadForm(view, text)}
              </details>`
            : ''
        }`;
    }
    case 'upload_document':
      return html`${documentOutcome(view, text)}
        ${agentWords(text, latestMessage(status, 'document_requested'))}
        <p>${t.upload.body}</p>
        ${uploadForm(view, text)}`;
    case 'wait_for_analysis':
      return html`<p>${t.waiting.analysis}</p>
        <p class="hint">${t.waiting.refreshes}</p>`;
    case 'wait_for_review':
      return html`${documentOutcome(view, text)}
        <p>${t.waiting.review}</p>
        <p class="hint">${t.waiting.refreshes}</p>`;
    case 'wait_for_appointment':
      return html`<p>${t.waiting.appointment(status.appointAt ? text.date(status.appointAt) : null)}</p>
        <p class="hint">${t.waiting.refreshes}</p>`;
    case 'wait_for_support':
      return html`<p>${t.waiting.support}</p>
        <p class="hint">${t.waiting.refreshes}</p>`;
    case 'none': {
      const final = status.status as keyof RequesterText['case']['final'];
      return html`<p>${t.final[final]}</p>
        ${status.status === 'rejected' ? agentWords(text, latestMessage(status, 'case_rejected')) : ''}
        ${status.status === 'closed' ? agentWords(text, latestMessage(status, 'case_closed')) : ''}
        <p><a href="/recover?lang=${view.language}">${text.sent.again}</a></p>`;
    }
  }
}

function timeline(view: CasePageView, text: RequesterText): Html {
  return html`<ol class="timeline">
    ${[...view.status.events].reverse().map(
      (event) =>
        html`<li>
          <span class="timeline__what">${text.case.events[event.type]}</span>
          <time datetime="${event.at}" class="timeline__when">${text.date(event.at)}</time>
          ${event.message && event.type !== 'document_refused' ? html`<blockquote class="quote">${event.message}</blockquote>` : ''}
        </li>`,
    )}
  </ol>`;
}

function submitted(view: CasePageView, text: RequesterText): Html {
  const labels = text.case.submittedLabels;
  const rows = (Object.keys(labels) as (keyof typeof labels)[])
    .map((key) => [labels[key], view.status.submitted[key]] as const)
    .filter(([, value]) => value !== null && value !== '');
  return html`<dl class="facts">
    ${rows.map(
      ([label, value]) =>
        html`<dt>${label}</dt>
          <dd>${value}</dd>`,
    )}
    <dt>${text.case.methodLabel}</dt>
    <dd>${text.form.methods[view.status.method].label}</dd>
  </dl>`;
}

/** `/recover/:reference?token=…`: where the case stands, the one next step, and what happened. */
export function casePage(view: CasePageView): Html {
  const text = REQUESTER_TEXT[view.language];
  const t = text.case;
  const { status } = view;
  const waiting = WAITING_STEPS.has(status.nextStep);
  const generalProblem =
    view.problem && !view.problem.startsWith('code_') && !view.problem.startsWith('upload_')
      ? t.problems[view.problem]
      : undefined;
  const main = html`<h1>${t.title(status.reference)}</h1>
    ${generalProblem ? notice('problem', generalProblem) : ''}
    <section
      class="panel panel--status"
      aria-labelledby="status-title"
      data-case-status="${status.status}"
      ${waiting ? html` data-refresh="${REFRESH_SECONDS}"` : ''}
    >
      <h2 id="status-title">${t.statusHeading}</h2>
      <p class="status-line status-line--${status.status}">${t.status[status.status]}</p>
    </section>
    <section class="panel" aria-labelledby="next-title">
      <h2 id="next-title">${t.nextHeading}</h2>
      ${nextStep(view, text)}
    </section>
    ${
      status.allowances.canCancel
        ? html`<details class="panel cancel">
            <summary>${t.cancel.summary}</summary>
            <p>${t.cancel.body}</p>
            ${actionForm(view, 'cancel', html`<button type="submit" class="button button--danger">${t.cancel.button}</button>`)}
          </details>`
        : ''
    }
    <section class="panel" aria-labelledby="timeline-title">
      <h2 id="timeline-title">${t.timelineHeading}</h2>
      ${timeline(view, text)}
    </section>
    <section class="panel" aria-labelledby="submitted-title">
      <h2 id="submitted-title">${t.submittedHeading}</h2>
      ${submitted(view, text)}
    </section>`;
  return requesterLayout(view.language, {
    title: t.title(status.reference),
    header: languageSwitch(view.language, `/recover/${status.reference}`, { token: view.token }),
    main,
    scripts: ['case-page.js'],
    refreshSeconds: waiting ? REFRESH_SECONDS * 3 : undefined,
  });
}

/** A link that opens no case: said plainly, with no hint whether the reference exists. */
export function caseNotFoundPage(language: CaseLanguage): Html {
  const text = REQUESTER_TEXT[language];
  return requesterLayout(language, {
    title: text.case.notFoundTitle,
    main: html`<h1>${text.case.notFoundTitle}</h1>
      <p>${text.case.notFound}</p>
      <p><a href="/recover?lang=${language}">${text.sent.again}</a></p>`,
  });
}
