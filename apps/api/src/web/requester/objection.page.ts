import type { CaseLanguage } from '@app/domain';
import type { ObjectionLinkDto } from '../../objections/dto/objection-link.dto';
import { CSRF_FIELD } from '../shared/csrf';
import { hiddenField, notice, textField } from '../shared/form-fields';
import { html, type Html } from '../shared/html';
import { languageSwitch } from './language-switch';
import { requesterLayout } from './requester-layout';
import { REQUESTER_TEXT } from './requester-text';

export interface ObjectionPageView {
  language: CaseLanguage;
  token: string;
  /** What the link is about, when the page was opened (not after a refused form). */
  link?: ObjectionLinkDto;
  csrfToken: string;
  reason?: string;
  outcome?: 'invalid_reason' | 'invalid_link' | 'form_expired' | 'unavailable';
}

/** `/objections/:token`: a user of the environment stops an approved appointment, with a reason. */
export function objectionPage(view: ObjectionPageView): Html {
  const text = REQUESTER_TEXT[view.language];
  const t = text.objection;
  const path = `/objections/${encodeURIComponent(view.token)}`;
  const problem =
    view.outcome === 'invalid_link'
      ? t.invalid
      : view.outcome === 'form_expired'
        ? t.formExpired
        : view.outcome === 'unavailable'
          ? t.unavailable
          : undefined;
  return requesterLayout(view.language, {
    title: t.title,
    header: languageSwitch(view.language, path),
    main: html`<h1>${t.title}</h1>
      ${problem ? notice('problem', problem) : ''}
      <p>${t.intro}</p>
      ${
        view.link
          ? html`<p class="notice">
              ${t.about({
                requesterName: view.link.requesterName,
                requesterEmail: view.link.requesterEmail,
                environmentName: view.link.environmentName,
                date: view.link.appointAt ? text.date(view.link.appointAt) : null,
              })}
            </p>`
          : ''
      }
      ${
        view.outcome === 'invalid_link'
          ? ''
          : html`<form method="post" action="${path}?lang=${view.language}" class="form">
              ${hiddenField(CSRF_FIELD, view.csrfToken)}
              ${textField({
                name: 'reason',
                label: t.label,
                hint: t.hint,
                value: view.reason,
                error: view.outcome === 'invalid_reason' ? t.error : undefined,
                required: true,
                multiline: true,
                maxlength: 2000,
              })}
              <button type="submit" class="button">${t.button}</button>
            </form>`
      }`,
  });
}

export function objectionReceivedPage(language: CaseLanguage): Html {
  const text = REQUESTER_TEXT[language];
  return requesterLayout(language, {
    title: text.objection.receivedTitle,
    main: html`<h1>${text.objection.receivedTitle}</h1>
      ${notice('success', text.objection.received)}`,
  });
}
