import type { CaseLanguage } from '@app/domain';
import { html, queryString, type Html } from '../shared/html';
import { REQUESTER_TEXT } from './requester-text';

/** A link to the same page in the other language; the other query parameters (a case token) stay. */
export function languageSwitch(
  language: CaseLanguage,
  path: string,
  query: Record<string, string | undefined> = {},
): Html {
  const other = REQUESTER_TEXT[language].switchLanguage;
  return html`<nav class="header-nav" aria-label="Language / Taal">
    <a
      href="${path}${queryString({ ...query, lang: other.name })}"
      lang="${other.name}"
      hreflang="${other.name}"
      >${other.label}</a
    >
  </nav>`;
}
