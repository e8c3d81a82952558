import { html, type Html } from './html';

export interface TextFieldDescription {
  name: string;
  label: string;
  value: string | undefined;
  error?: string;
  hint?: string;
  /** Shown after the label: the word for "optional" in the page's language. */
  optional?: string;
  type?: 'text' | 'email' | 'tel' | 'password' | 'search';
  required?: boolean;
  autocomplete?: string;
  inputmode?: 'numeric' | 'email' | 'tel' | 'text';
  pattern?: string;
  maxlength?: number;
  multiline?: boolean;
  /** The error is news (an action just failed, no summary above): read out when the page opens. */
  announce?: boolean;
}

/**
 * A labelled field whose hint and error are tied to it (aria-describedby), so a screen reader reads them
 * with the field; a field in error says so (aria-invalid) and gets the focus first.
 */
export function textField(field: TextFieldDescription): Html {
  const id = `field-${field.name}`;
  const hintId = field.hint ? `${id}-hint` : undefined;
  const errorId = field.error ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ');
  const attributes = html`id="${id}"
  name="${field.name}"${field.required ? html` required` : ''}${
    field.autocomplete ? html` autocomplete="${field.autocomplete}"` : ''
  }${field.inputmode ? html` inputmode="${field.inputmode}"` : ''}${field.pattern ? html` pattern="${field.pattern}"` : ''}${
    field.maxlength ? html` maxlength="${field.maxlength}"` : ''
  }${describedBy ? html` aria-describedby="${describedBy}"` : ''}${field.error ? html` aria-invalid="true"` : ''}`;
  const control = field.multiline
    ? html`<textarea ${attributes} rows="4">${field.value ?? ''}</textarea>`
    : html`<input ${attributes} type="${field.type ?? 'text'}" value="${field.value ?? ''}" />`;
  return html`<div class="field${field.error ? ' field--error' : ''}">
    <label for="${id}"
      >${field.label}${field.optional ? html` <span class="optional">(${field.optional})</span>` : ''}</label
    >
    ${field.hint ? html`<p class="hint" id="${hintId}">${field.hint}</p>` : ''}
    ${field.error ? html`<p class="field-error" id="${errorId}" ${field.announce ? html` role="alert"` : ''}>${field.error}</p>` : ''}
    ${control}
  </div>`;
}

export interface ChoiceDescription {
  type: 'radio' | 'checkbox';
  name: string;
  value: string;
  label: string;
  checked?: boolean;
  required?: boolean;
  /** A sentence under the label that says more; read with the choice. */
  explanation?: string;
  /** The language of the label, when it is not the page's (a language's own name). */
  lang?: string;
}

/** A radio button or checkbox with its label (and explanation) beside it. Its id: `field-<name>-<value>`. */
export function choice(option: ChoiceDescription): Html {
  const id = `field-${option.name}-${option.value}`;
  return html`<div class="choice">
    <input
      type="${option.type}"
      name="${option.name}"
      id="${id}"
      value="${option.value}"
      ${option.required ? html` required` : ''}${
        option.explanation ? html` aria-describedby="${id}-explanation"` : ''
      }${option.checked ? html` checked` : ''}
    />
    <label for="${id}" ${option.lang ? html` lang="${option.lang}"` : ''}>${option.label}</label>
    ${option.explanation ? html`<p class="hint" id="${id}-explanation">${option.explanation}</p>` : ''}
  </div>`;
}

/** The hidden fields every state-changing form carries. */
export function hiddenField(name: string, value: string): Html {
  return html`<input type="hidden" name="${name}" value="${value}" />`;
}

/** Errors at the top of a form, announced when the page opens, each a link to its field. */
export function errorSummary(
  title: string,
  errors: readonly { field?: string; message: string }[],
): Html | '' {
  if (errors.length === 0) return '';
  return html`<div class="error-summary" role="alert" tabindex="-1" id="error-summary">
    <h2>${title}</h2>
    <ul>
      ${errors.map((e) => html`<li>${e.field ? html`<a href="#field-${e.field}">${e.message}</a>` : e.message}</li>`)}
    </ul>
  </div>`;
}

/** A message at the top of the page that screen readers announce (an outcome, or a problem). */
export function notice(kind: 'problem' | 'success' | 'info', message: string | Html): Html {
  return html`<div class="notice notice--${kind}" role="${kind === 'problem' ? 'alert' : 'status'}">
    ${message}
  </div>`;
}
