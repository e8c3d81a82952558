import escapeHtml from 'escape-html';

/**
 * HTML built from template literals: every interpolated value is escaped unless it is itself `Html`
 * (made by `html` or `raw`). A page cannot print a requester's words as markup by forgetting to escape.
 */
export class Html {
  constructor(readonly markup: string) {}

  toString(): string {
    return this.markup;
  }
}

/** What may stand in a template: text (escaped), numbers, Html, lists of these; nothing prints nothing. */
export type HtmlValue = Html | string | number | null | undefined | false | readonly HtmlValue[];

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof Html) return value.markup;
  if (Array.isArray(value)) return (value as readonly HtmlValue[]).map(render).join('');
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): Html {
  let markup = strings[0] ?? '';
  values.forEach((value, i) => {
    markup += render(value) + (strings[i + 1] ?? '');
  });
  return new Html(markup);
}

/** Markup the code itself wrote (never input): a constant the templates cannot express. */
export function raw(markup: string): Html {
  return new Html(markup);
}

/** `?a=1&b=2` from the values that are set; an empty string when none are. */
export function queryString(params: Record<string, string | number | boolean | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(name, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
