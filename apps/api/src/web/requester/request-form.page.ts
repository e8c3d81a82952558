import { VERIFICATION_METHODS, CASE_LANGUAGES, type CaseLanguage } from '@app/domain';
import { choice, errorSummary, hiddenField, notice, textField } from '../shared/form-fields';
import { html, type Html } from '../shared/html';
import { CSRF_FIELD } from '../shared/csrf';
import { languageSwitch } from './language-switch';
import { requesterLayout } from './requester-layout';
import { REQUESTER_TEXT, FORM_FIELDS, type FormField } from './requester-text';

export type FormValues = Partial<Record<FormField, string>>;

export interface RequestFormView {
  language: CaseLanguage;
  values: FormValues;
  /** Fields the API refused. */
  invalid: readonly FormField[];
  /** A problem with the whole form (rate limit, the service away, an expired form). */
  problem?: string;
  csrfToken: string;
  /** Sent again with the same form, so a double submit or a reload starts one case, not two. */
  idempotencyKey: string;
}

/** `/recover`: who asks, for which company, and how they will prove who they are. */
export function requestFormPage(view: RequestFormView): Html {
  const text = REQUESTER_TEXT[view.language].form;
  const errorOf = (field: FormField): string | undefined =>
    view.invalid.includes(field) ? text.fieldErrors[field] : undefined;
  const field = (name: FormField, extra: Partial<Parameters<typeof textField>[0]> = {}): Html =>
    textField({
      name,
      label: text.labels[name],
      value: view.values[name],
      error: errorOf(name),
      hint: text.hints[name],
      ...extra,
    });
  const optional = { optional: text.optional };
  const chosenMethod = view.values.method;
  const chosenLanguage = view.values.language ?? view.language;
  const errors = FORM_FIELDS.filter((name) => view.invalid.includes(name)).map((name) => ({
    field: name === 'method' ? 'method-email' : name === 'language' ? `language-${CASE_LANGUAGES[0]}` : name,
    message: text.fieldErrors[name],
  }));
  const main = html`<h1>${text.title}</h1>
    <p class="lead">${text.intro}</p>
    ${view.problem ? notice('problem', view.problem) : ''} ${errorSummary(text.errorSummary, errors)}
    <form method="post" action="/recover" class="form" id="request-form">
      ${hiddenField(CSRF_FIELD, view.csrfToken)} ${hiddenField('idempotencyKey', view.idempotencyKey)}
      <fieldset>
        <legend>${text.youLegend}</legend>
        ${field('requesterName', { required: true, autocomplete: 'name', maxlength: 200 })}
        ${field('requesterEmail', { type: 'email', required: true, autocomplete: 'email', maxlength: 254 })}
        ${field('requesterPhone', { type: 'tel', autocomplete: 'tel', ...optional })}
      </fieldset>
      <fieldset>
        <legend>${text.companyLegend}</legend>
        <p class="hint">${text.companyHint}</p>
        ${field('companyName', { required: true, autocomplete: 'organization', maxlength: 200 })}
        ${field('kvkNumber', { inputmode: 'numeric', pattern: '\\s*[0-9](\\s*[0-9]){7}\\s*', maxlength: 12, ...optional })}
        ${field('environmentReference', { maxlength: 200, ...optional })}
        ${field('formerAdminEmail', { type: 'email', maxlength: 254, ...optional })}
      </fieldset>
      <fieldset
        class="choices${errorOf('method') ? ' field--error' : ''}"
        ${errorOf('method') ? html` aria-describedby="method-error"` : ''}
      >
        <legend>${text.methodLegend}</legend>
        ${errorOf('method') ? html`<p class="field-error" id="method-error">${errorOf('method')}</p>` : ''}
        ${VERIFICATION_METHODS.map((method) =>
          choice({
            type: 'radio',
            name: 'method',
            value: method,
            label: text.methods[method].label,
            explanation: text.methods[method].explanation,
            required: true,
            checked: chosenMethod === method,
          }),
        )}
      </fieldset>
      ${field('message', { multiline: true, maxlength: 2000, ...optional })}
      <fieldset class="choices choices--inline">
        <legend>${text.labels.language}</legend>
        ${CASE_LANGUAGES.map((language) =>
          choice({
            type: 'radio',
            name: 'language',
            value: language,
            label: text.languages[language],
            lang: language,
            checked: chosenLanguage === language,
          }),
        )}
      </fieldset>
      <button type="submit" class="button">${text.submit}</button>
    </form>
    <section class="panel" aria-labelledby="next-title">
      <h2 id="next-title">${text.nextTitle}</h2>
      <ol>
        ${text.next.map((step) => html`<li>${step}</li>`)}
      </ol>
    </section>`;
  return requesterLayout(view.language, {
    title: text.title,
    header: languageSwitch(view.language, '/recover'),
    main,
  });
}

/** After the form: where to look now. */
export function requestSentPage(language: CaseLanguage, reference: string): Html {
  const text = REQUESTER_TEXT[language].sent;
  return requesterLayout(language, {
    title: text.title,
    header: languageSwitch(language, '/recover/sent', { reference }),
    main: html`<h1>${text.title}</h1>
      ${notice('success', text.body(reference))}
      <ul>
        ${text.next.map((line) => html`<li>${line}</li>`)}
      </ul>
      <p><a href="/recover?lang=${language}">${text.again}</a></p>`,
  });
}
