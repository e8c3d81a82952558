import { CSRF_FIELD } from '../shared/csrf';
import { errorSummary, hiddenField, notice, textField } from '../shared/form-fields';
import { html, type Html } from '../shared/html';
import { layout } from '../shared/layout';

export interface SignInView {
  csrfToken: string;
  email?: string;
  next?: string;
  /** What the API said was wrong with the fields. */
  invalid?: readonly ('email' | 'password')[];
  problem?: string;
  info?: string;
}

const FIELD_ERRORS = {
  email: 'Enter the email address of your staff account.',
  password: 'Enter your password.',
};

/** `/console/sign-in`: staff only; the API decides, and locks an address out after repeated failures. */
export function signInPage(view: SignInView): Html {
  const invalid = view.invalid ?? [];
  return layout({
    lang: 'en',
    title: 'Sign in',
    area: 'Support console',
    skipLink: 'Skip to the content',
    main: html`<h1>Sign in to the support console</h1>
      ${view.info ? notice('success', view.info) : ''} ${view.problem ? notice('problem', view.problem) : ''}
      ${errorSummary(
        'Please correct the following',
        invalid.map((field) => ({ field, message: FIELD_ERRORS[field] })),
      )}
      <form method="post" action="/console/sign-in" class="form panel">
        ${hiddenField(CSRF_FIELD, view.csrfToken)} ${view.next ? hiddenField('next', view.next) : ''}
        ${textField({
          name: 'email',
          label: 'Email address',
          type: 'email',
          value: view.email,
          required: true,
          autocomplete: 'username',
          error: invalid.includes('email') ? FIELD_ERRORS.email : undefined,
        })}
        ${textField({
          name: 'password',
          label: 'Password',
          type: 'password',
          value: '',
          required: true,
          autocomplete: 'current-password',
          error: invalid.includes('password') ? FIELD_ERRORS.password : undefined,
        })}
        <button type="submit" class="button">Sign in</button>
      </form>`,
  });
}
