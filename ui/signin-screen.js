// The sign-in screen: portal address, e-mail and password; the code step of
// two-step sign-in; "Forgot your password?" and "First time here? Get a
// password"; "Sign in with NAME" (single sign-on in the system browser)
// when the portal offers it; and the embedded demo portal.

import { helpButton } from './help-dialog.js';
import { call } from './lib/ipc.js';
import { t } from './lib/i18n.js';
import { h, replaceChildren } from './lib/dom.js';
import { placeError } from './lib/errors.js';
import { checkSignIn } from './lib/signin.js';
import { checkCode } from './lib/account-forms.js';
import { bannerView, focusFirstError } from './views.js';

/** Shows the sign-in screen in `root`, pre-filled; `onSignedIn(session)`
 * takes over once signed in. With `askCode`, it opens on the code step of
 * a two-step sign-in already under way. */
export function showSignIn(root, { portalUrl = '', email = '', notice = null, askCode = false, back = null } = {}, onSignedIn) {
  const values = { portalUrl, email, password: '', code: '' };
  let errors = {};
  let banner = notice ? { text: notice, retry: false } : null;
  let busy = false;
  let step = askCode ? 'code' : 'password';
  // What the portal typed offers ({url, options}); single sign-on under way.
  let offered = { url: '', options: null };
  let waitingFor = null;
  // Where "Sign in with NAME" goes: filled in when the portal answers,
  // without drawing the form again under the user's typing.
  let ssoSlot = null;

  const render = () => {
    if (step === 'code') {
      renderCodeStep();
      return;
    }
    if (waitingFor) {
      renderBrowserWait();
      return;
    }
    const field = (name, key, label, type, autocomplete, hint) => {
      const errorId = `${name}-error`;
      return h('div', { className: 'field' },
        h('label', { for: name }, label),
        h('input', {
          id: name, name, type, autocomplete, value: values[key], required: true,
          'aria-invalid': errors[name.replace('-', '_')] ? 'true' : null,
          'aria-describedby': errorId,
          spellcheck: 'false',
          onInput: (event) => { values[key] = event.target.value; },
          onChange: key === 'portalUrl' ? () => learnOptions() : undefined,
        }),
        hint ? h('p', { className: 'hint' }, hint) : null,
        h('p', { className: 'field-error', id: errorId, role: 'alert' }, errors[name.replace('-', '_')] ?? ''),
      );
    };
    const form = h('form', { className: 'card signin', novalidate: true, onSubmit: submit },
      h('div', { className: 'brand' },
        h('img', { src: 'icon.png', alt: '', width: 48, height: 48 }),
        h('div', {}, h('h1', {}, back ? t('signin-add-title') : t('signin-title')), h('p', { className: 'muted' }, back ? t('signin-add-intro') : t('signin-intro')))),
      banner ? bannerView(banner, submit) : null,
      field('portal-url', 'portalUrl', t('signin-portal-url'), 'url', 'url', t('signin-portal-url-hint')),
      field('email', 'email', t('signin-email'), 'email', 'username'),
      field('password', 'password', t('signin-password'), 'password', 'current-password'),
      h('button', { id: 'sign-in', type: 'submit', className: 'primary', disabled: busy }, busy ? t('signin-busy') : t('signin-submit')),
      h('div', { className: 'signin-links' },
        h('button', { id: 'forgot-password', type: 'button', className: 'link', disabled: busy, onClick: () => passwordLink('request_password_reset') }, t('signin-forgot-password')),
        h('button', { id: 'first-password', type: 'button', className: 'link', disabled: busy, onClick: () => passwordLink('request_first_password') }, t('signin-first-password'))),
      ssoSlot = h('div', { className: 'sso-slot' }, ssoButtons()),
      h('div', { className: 'divider' }, h('span', {}, t('signin-or'))),
      h('button', { id: 'open-demo', type: 'button', className: 'secondary', disabled: busy, onClick: openDemo }, t('signin-open-demo')),
      h('button', { id: 'open-demo-sso', type: 'button', className: 'link', disabled: busy, onClick: () => signInWithSso(null, 'Demo SSO') }, t('signin-demo-sso')), // not UI text: the demo provider's name
      h('p', { className: 'hint demo-hint' },
        t('signin-demo-hint')),
      h('div', { className: 'signin-help' },
        back ? h('button', { id: 'sign-in-back', type: 'button', className: 'secondary', disabled: busy, onClick: back.go }, back.label) : null,
        helpButton()),
    );
    replaceChildren(root, h('main', { className: 'signin-page' }, form));
  };

  function renderCodeStep() {
    const form = h('form', { className: 'card signin', id: 'code-step', novalidate: true, onSubmit: submitCode },
      h('div', { className: 'brand' },
        h('img', { src: 'icon.png', alt: '', width: 48, height: 48 }),
        h('div', {}, h('h1', {}, t('signin-code-title')), h('p', { className: 'muted' }, t('signin-code-intro')))),
      banner ? bannerView(banner, submitCode) : null,
      h('div', { className: 'field' },
        h('label', { for: 'mfa-code' }, t('signin-code')),
        h('input', {
          id: 'mfa-code', type: 'text', inputmode: 'numeric', autocomplete: 'one-time-code', value: values.code,
          'aria-invalid': errors.code ? 'true' : null, 'aria-describedby': 'mfa-code-error', spellcheck: 'false',
          onInput: (event) => { values.code = event.target.value; },
        }),
        h('p', { className: 'field-error', id: 'mfa-code-error', role: 'alert' }, errors.code ?? '')),
      h('button', { id: 'code-submit', type: 'submit', className: 'primary', disabled: busy }, busy ? t('signin-code-busy') : t('signin-submit')),
      h('button', { id: 'code-back', type: 'button', className: 'secondary', disabled: busy, onClick: () => { step = 'password'; errors = {}; banner = null; render(); } }, t('signin-code-back')));
    replaceChildren(root, h('main', { className: 'signin-page' }, form));
  }

  async function submitCode(event) {
    event?.preventDefault();
    const problem = checkCode(values.code);
    errors = problem ? { code: problem } : {};
    banner = null;
    if (problem) {
      render();
      document.getElementById('mfa-code')?.focus();
      return;
    }
    busy = true;
    render();
    try {
      const session = await call('sign_in_with_code', { code: values.code });
      values.code = '';
      onSignedIn(session);
    } catch (error) {
      busy = false;
      const placed = placeError(error, ['code']);
      if (placed.needsSignIn) {
        step = 'password';
        values.password = '';
        values.code = '';
        banner = { text: placed.banner ?? t('signin-again'), retry: false };
        render();
        document.getElementById('password')?.focus();
        return;
      }
      errors = placed.fields;
      banner = placed.banner ? { text: placed.banner, retry: placed.retryable } : null;
      render();
      document.getElementById('mfa-code')?.focus();
    }
  }

  /** "Sign in with NAME" for each single sign-on the typed portal offers. */
  function ssoButtons() {
    const providers = offered.url === values.portalUrl.trim() ? offered.options?.sso ?? [] : [];
    if (providers.length === 0) return null;
    return h('div', { className: 'sso-buttons' },
      providers.map((provider, index) => h('button', {
        type: 'button', className: 'secondary', id: index === 0 ? 'sso-sign-in' : `sso-sign-in-${provider.id}`, disabled: busy,
        onClick: () => signInWithSso(values.portalUrl.trim(), provider.name),
      }, t('signin-with', { provider: provider.name }))));
  }

  /** Asks the portal typed which ways of signing in it offers; a portal
   * that cannot be asked (yet) just offers none. */
  async function learnOptions() {
    const url = values.portalUrl.trim();
    if (!url || offered.url === url) return;
    try {
      const options = await call('sign_in_options', { portal_url: url });
      if (values.portalUrl.trim() !== url) return;
      offered = { url, options };
      if (ssoSlot?.isConnected) replaceChildren(ssoSlot, ssoButtons());
    } catch {
      offered = { url: '', options: null };
    }
  }

  /** The page while the browser signs in: what to do there, and Cancel. */
  function renderBrowserWait() {
    const card = h('section', { className: 'card signin', id: 'sso-wait', 'aria-live': 'polite' },
      h('div', { className: 'brand' },
        h('img', { src: 'icon.png', alt: '', width: 48, height: 48 }),
        h('div', {}, h('h1', {}, t('signin-with', { provider: waitingFor })),
          h('p', { className: 'muted' }, t('signin-sso-intro')))),
      h('p', { className: 'hint', role: 'status' }, t('signin-sso-waiting')),
      h('button', { id: 'sso-cancel', type: 'button', className: 'secondary', onClick: () => call('cancel_sso').catch(() => {}) }, t('signin-sso-cancel')));
    replaceChildren(root, h('main', { className: 'signin-page' }, card));
    document.getElementById('sso-cancel')?.focus();
  }

  /** Single sign-on at `portalUrl` (the demo portal when null) under the
   * provider `name`, in the system browser. */
  async function signInWithSso(portalUrl, name) {
    errors = {};
    banner = null;
    waitingFor = name;
    render();
    try {
      onSignedIn(await call('sign_in_with_sso', { portal_url: portalUrl }));
    } catch (error) {
      waitingFor = null;
      const placed = placeError(error, []);
      banner = error?.code === 'cancelled' ? null : { text: placed.banner, retry: false };
      render();
      document.getElementById(portalUrl ? 'sso-sign-in' : 'open-demo-sso')?.focus();
    }
  }

  /** "Forgot your password?" and "First time here? Get a password": the
   * portal e-mails a link (`command` says which). */
  async function passwordLink(command) {
    errors = {};
    banner = null;
    busy = true;
    render();
    try {
      const message = await call(command, { portal_url: values.portalUrl, email: values.email });
      banner = { text: message, retry: false, kind: 'info' };
    } catch (error) {
      const placed = placeError(error, ['portal_url', 'email']);
      errors = placed.fields;
      banner = placed.banner ? { text: placed.banner, retry: placed.retryable } : null;
    } finally {
      busy = false;
      render();
      focusFirstError(['portal-url', 'email'], errors);
    }
  }

  /** Moves to the code step when the portal asks for one. */
  function askForCode(error) {
    if (error?.code !== 'mfa_required') return false;
    busy = false;
    step = 'code';
    values.password = '';
    errors = {};
    banner = null;
    render();
    document.getElementById('mfa-code')?.focus();
    return true;
  }

  async function submit(event) {
    event?.preventDefault();
    errors = checkSignIn(values);
    banner = null;
    if (Object.keys(errors).length > 0) {
      render();
      focusFirstError(['portal-url', 'email', 'password'], errors);
      return;
    }
    busy = true;
    render();
    try {
      // Adding an account: one already here and signed in is refused.
      const session = await call('sign_in', { portal_url: values.portalUrl, email: values.email, password: values.password, adding: Boolean(back) });
      values.password = '';
      onSignedIn(session);
    } catch (error) {
      if (askForCode(error)) return;
      busy = false;
      const placed = placeError(error, ['portal_url', 'email', 'password']);
      errors = placed.fields;
      banner = placed.banner ? { text: placed.banner, retry: placed.retryable } : null;
      render();
      focusFirstError(['portal-url', 'email', 'password'], errors);
    }
  }

  async function openDemo() {
    busy = true;
    banner = null;
    render();
    try {
      onSignedIn(await call('open_demo'));
    } catch (error) {
      if (askForCode(error)) return;
      busy = false;
      banner = { text: placeError(error, []).banner, retry: false };
      render();
    }
  }

  render();
  learnOptions();
  const first = step === 'code' ? 'mfa-code' : (values.portalUrl ? (values.email ? 'password' : 'email') : 'portal-url');
  document.getElementById(first)?.focus();
}
