// My Profile → Security: two-step sign-in with an authenticator app. Set up
// with a QR code (made in Rust) or the secret as text, confirmed with a
// code; ten recovery codes shown once, with a way to save them to a file;
// turned off with the password and a code.

import { call } from './lib/ipc.js';
import { h } from './lib/dom.js';
import { placeError } from './lib/errors.js';
import { checkCode } from './lib/account-forms.js';
import { loadTab } from './tab-loader.js';
import { t } from './lib/i18n.js';

/** The Security tab; `tab` = {redraw, fetch, onSessionEnded}. */
export function createSecurityTab(tab) {
  const state = { view: null, banner: null, loading: false };
  const setup = { secret: null, qrCode: null, code: '', error: '', password: '', passwordError: '', busy: false };
  const done = { codes: null, status: '', saved: false };
  const disable = { password: '', code: '', errors: {}, busy: false };
  let status = '';

  const load = () => loadTab(state, 'load_mfa', tab);

  function reset() {
    state.view = null;
    state.banner = null;
    Object.assign(setup, { secret: null, qrCode: null, code: '', error: '', busy: false });
    Object.assign(done, { codes: null, status: '', saved: false });
    Object.assign(disable, { password: '', code: '', errors: {}, busy: false });
    status = '';
  }

  function failed(error, fields) {
    const placed = placeError(error, fields);
    if (placed.needsSignIn) tab.onSessionEnded();
    return placed;
  }

  async function startSetup() {
    setup.busy = true;
    status = '';
    tab.redraw();
    try {
      const view = await call('start_mfa_setup');
      setup.secret = view.secret;
      setup.qrCode = view.qr_code;
    } catch (error) {
      state.banner = { text: failed(error, []).banner, retry: false };
    } finally {
      setup.busy = false;
      tab.redraw();
      document.getElementById('mfa-setup-code')?.focus();
    }
  }

  async function confirmSetup(event) {
    event.preventDefault();
    setup.error = checkCode(setup.code);
    if (!setup.error && !/^\d{6}$/.test(setup.code.replace(/\s/g, ''))) setup.error = t('mfa-enter-code-now');
    setup.passwordError = setup.password ? '' : t('signin-enter-password');
    if (setup.error || setup.passwordError) {
      tab.redraw();
      document.getElementById(setup.error ? 'mfa-setup-code' : 'mfa-setup-password')?.focus();
      return;
    }
    setup.busy = true;
    tab.redraw();
    try {
      done.codes = await call('enable_mfa', { code: setup.code, current_password: setup.password });
      Object.assign(setup, { secret: null, qrCode: null, code: '', error: '', password: '', passwordError: '' });
      state.view = { enabled: true, recovery_codes_left: done.codes.length };
    } catch (error) {
      const placed = failed(error, ['code', 'current_password']);
      setup.passwordError = placed.fields.current_password ?? '';
      setup.error = placed.fields.code ?? (setup.passwordError ? '' : placed.banner);
    } finally {
      setup.busy = false;
      tab.redraw();
      const wrong = setup.passwordError && !setup.error ? 'mfa-setup-password' : 'mfa-setup-code';
      document.getElementById(done.codes ? 'recovery-codes' : wrong)?.focus();
    }
  }

  async function saveCodes() {
    try {
      const path = await call('save_recovery_codes', { codes: done.codes });
      if (path) {
        done.saved = true;
        done.status = t('saved-to', { path });
      }
    } catch (error) {
      done.status = failed(error, []).banner;
    }
    tab.redraw();
  }

  async function turnOff(event) {
    event.preventDefault();
    disable.errors = {};
    if (!disable.password) disable.errors.current_password = t('signin-enter-password');
    const codeProblem = checkCode(disable.code);
    if (codeProblem) disable.errors.code = codeProblem;
    if (Object.keys(disable.errors).length === 0) {
      disable.busy = true;
      tab.redraw();
      try {
        state.view = await call('disable_mfa', { current_password: disable.password, code: disable.code });
        Object.assign(disable, { password: '', code: '', errors: {} });
        status = t('mfa-turned-off');
      } catch (error) {
        const placed = failed(error, ['current_password', 'code']);
        disable.errors = placed.fields;
        if (placed.banner) status = placed.banner;
      } finally {
        disable.busy = false;
      }
    }
    tab.redraw();
    const first = ['current_password', 'code'].find((name) => disable.errors[name]);
    if (first) document.getElementById(first === 'code' ? 'mfa-disable-code' : 'mfa-disable-password')?.focus();
  }

  function field(id, label, value, error, onInput, type = 'text', extra = {}) {
    return h('div', { className: 'field' },
      h('label', { for: id }, label),
      h('input', { id, type, value, spellcheck: 'false', 'aria-invalid': error ? 'true' : null, 'aria-describedby': `${id}-error`, onInput: (event) => onInput(event.target.value), ...extra }),
      h('p', { className: 'field-error', id: `${id}-error`, role: 'alert' }, error ?? ''));
  }

  function recoveryCodesPanel() {
    return h('section', { className: 'recovery', id: 'recovery-panel' },
      h('h3', {}, t('mfa-recovery-title')),
      h('p', {}, t('mfa-recovery-intro')),
      h('ol', { className: 'codes', id: 'recovery-codes', tabindex: '-1' }, done.codes.map((code) => h('li', {}, code))),
      h('div', { className: 'choices' },
        h('button', { type: 'button', className: 'secondary', id: 'save-recovery-codes', onClick: saveCodes }, t('mfa-recovery-save')),
        h('button', { type: 'button', className: done.saved ? 'primary' : 'secondary', id: 'recovery-done', onClick: () => { done.codes = null; done.status = ''; tab.redraw(); } }, t('mfa-recovery-done'))),
      h('p', { className: 'status', id: 'recovery-status', role: 'status' }, done.status));
  }

  function setupPanel() {
    if (!setup.secret) {
      return h('div', {},
        h('p', {}, t('mfa-intro')),
        h('button', { type: 'button', className: 'primary', id: 'mfa-start', disabled: setup.busy, onClick: startSetup }, setup.busy ? t('mfa-preparing') : t('mfa-set-up')));
    }
    return h('form', { id: 'mfa-setup', novalidate: true, onSubmit: confirmSetup },
      h('ol', { className: 'steps' },
        h('li', {}, t('mfa-step-scan'),
          h('img', { className: 'qr', id: 'mfa-qr', src: setup.qrCode, alt: t('mfa-qr-alt'), width: 200, height: 200 })),
        h('li', {}, t('mfa-step-key'), h('code', { id: 'mfa-secret', className: 'secret' }, setup.secret)),
        h('li', {}, t('mfa-step-code'))),
      field('mfa-setup-code', t('mfa-code-from-app'), setup.code, setup.error, (value) => { setup.code = value; }, 'text', { inputmode: 'numeric', autocomplete: 'one-time-code', maxlength: 7 }),
      field('mfa-setup-password', t('mfa-your-password'), setup.password, setup.passwordError, (value) => { setup.password = value; }, 'password', { autocomplete: 'current-password' }),
      h('div', { className: 'choices' },
        h('button', { type: 'submit', className: 'primary', id: 'mfa-enable', disabled: setup.busy }, setup.busy ? t('signin-code-busy') : t('mfa-turn-on')),
        h('button', { type: 'button', className: 'secondary', id: 'mfa-cancel', onClick: () => { Object.assign(setup, { secret: null, qrCode: null, code: '', error: '', password: '', passwordError: '' }); tab.redraw(); } }, t('cancel'))));
  }

  function disablePanel() {
    return h('form', { id: 'mfa-disable', novalidate: true, onSubmit: turnOff },
      h('p', { id: 'mfa-state' }, t('mfa-on', { left: state.view.recovery_codes_left, total: 10 })),
      h('h3', {}, t('mfa-turn-off-title')),
      h('div', { className: 'grid single' },
        field('mfa-disable-password', t('signin-password'), disable.password, disable.errors.current_password, (value) => { disable.password = value; }, 'password', { autocomplete: 'current-password' }),
        field('mfa-disable-code', t('mfa-code-or-recovery'), disable.code, disable.errors.code, (value) => { disable.code = value; }, 'text', { autocomplete: 'one-time-code' })),
      h('button', { type: 'submit', className: 'secondary', id: 'mfa-turn-off', disabled: disable.busy }, disable.busy ? t('mfa-turning-off') : t('mfa-turn-off')));
  }

  function view(bannerView) {
    if (!state.view && !state.loading && !state.banner) load();
    if (!state.view) {
      return h('div', {}, state.banner ? bannerView(state.banner, state.banner.action) : null,
        h('p', { className: 'loading' }, t('security-loading')));
    }
    return h('section', { className: 'card details', id: 'security' },
      state.banner ? bannerView(state.banner, state.banner.action) : null,
      h('fieldset', { className: 'section' },
        h('legend', {}, t('signin-code-title')),
        done.codes ? recoveryCodesPanel() : (state.view.enabled ? disablePanel() : setupPanel()),
        status ? h('p', { className: 'status', id: 'security-status', role: 'status' }, status) : null));
  }

  return { view, reset };
}
