// "Sign in again": the session ended while the user was working. The
// password (and the code when two-step sign-in is on) restores it without
// losing anything on the page.

import { call } from './lib/ipc.js';
import { h } from './lib/dom.js';
import { placeError } from './lib/errors.js';
import { checkCode } from './lib/account-forms.js';
import { t } from './lib/i18n.js';

/** The dialog for `account`; `onSignedIn(session)` gets the new session,
 * `onSignOut` gives up. Its state lives in the dialog: it is drawn once per
 * ended session, never redrawn while the user types. */
export function reauthDialog(account, { onSignedIn, onSignOut }) {
  let password = '';
  let code = '';
  let needsCode = false;
  const dialog = h('div', { className: 'overlay' },
    h('form', { className: 'card dialog', id: 'reauth', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'reauth-title', novalidate: true, onSubmit: submit },
      h('h2', { id: 'reauth-title' }, t('reauth-title')),
      h('p', { id: 'reauth-text' }, t('reauth-text', { portal: account.portal, email: account.email })),
      h('div', { className: 'field', id: 'reauth-password-field' },
        h('label', { for: 'reauth-password' }, t('signin-password')),
        h('input', { id: 'reauth-password', type: 'password', autocomplete: 'current-password', 'aria-describedby': 'reauth-password-error', onInput: (event) => { password = event.target.value; } }),
        h('p', { className: 'field-error', id: 'reauth-password-error', role: 'alert' }, '')),
      h('div', { className: 'field', id: 'reauth-code-field', hidden: true },
        h('label', { for: 'reauth-code' }, t('reauth-code')),
        h('input', { id: 'reauth-code', type: 'text', inputmode: 'numeric', autocomplete: 'one-time-code', 'aria-describedby': 'reauth-code-error', onInput: (event) => { code = event.target.value; } }),
        h('p', { className: 'field-error', id: 'reauth-code-error', role: 'alert' }, '')),
      h('div', { className: 'choices' },
        h('button', { type: 'submit', className: 'primary', id: 'reauth-submit' }, t('signin-submit')),
        h('button', { type: 'button', className: 'secondary', onClick: onSignOut }, t('top-sign-out')))));

  function showCodeStep() {
    needsCode = true;
    dialog.querySelector('#reauth-password-field').hidden = true;
    dialog.querySelector('#reauth-code-field').hidden = false;
    dialog.querySelector('#reauth-text').textContent = t('signin-code-intro');
    dialog.querySelector('#reauth-code').focus();
  }

  async function submit(event) {
    event.preventDefault();
    const errorLine = dialog.querySelector(needsCode ? '#reauth-code-error' : '#reauth-password-error');
    const problem = needsCode ? checkCode(code) : (password ? '' : t('signin-enter-password'));
    errorLine.textContent = problem;
    if (problem) return;
    try {
      const session = needsCode
        ? await call('sign_in_with_code', { code })
        : await call('sign_in_again', { password });
      onSignedIn(session);
    } catch (failure) {
      if (!needsCode && failure?.code === 'mfa_required') {
        showCodeStep();
        return;
      }
      const placed = placeError(failure, ['password', 'code']);
      errorLine.textContent = placed.fields.password ?? placed.fields.code ?? placed.banner;
    }
  }
  return dialog;
}
