// The account parts of My Details: the profile photo, the user-name change
// request (dialog, pending state, and a request waiting in the outbox when
// it was made offline), and the password change. Rendering and
// command calls only; the checks live in lib/account-forms.js.

import { call } from './lib/ipc.js';
import { h, replaceChildren } from './lib/dom.js';
import { placeError } from './lib/errors.js';
import { initials } from './lib/format.js';
import { checkPasswordChange, checkUsernameRequest, passwordRules, pendingText } from './lib/account-forms.js';
import { t } from './lib/i18n.js';

const PASSWORD_FIELDS = ['current_password', 'new_password', 'new_password_again'];
const USERNAME_FIELDS = ['new_email', 'current_password', 'reason'];

/** The account section over the profile screen's state. `onFreshProfile`
 * adopts a profile the portal answered; `onSessionEnded` asks to sign in;
 * `outboxChanged` tells the Outbox something was queued or withdrawn. */
export function createAccountSection({ rerender, currentProfile, onFreshProfile, onSessionEnded, openTicket, outboxChanged }) {
  let waitingUsername = null; // a request waiting in the outbox: { id, new_email, state, message? }
  const photo = { etag: null, dataUrl: null, busy: false, error: '', status: '' };
  const password = { current: '', next: '', again: '', errors: {}, status: '', failed: false, busy: false };
  const username = { open: false, newEmail: '', password: '', reason: '', errors: {}, banner: null, busy: false, status: '' };
  let approving = false;

  function reset() {
    Object.assign(photo, { etag: null, dataUrl: null, busy: false, error: '', status: '' });
    Object.assign(password, { current: '', next: '', again: '', errors: {}, status: '', failed: false, busy: false });
    passwordRegion.replaceChildren();
    Object.assign(username, { open: false, newEmail: '', password: '', reason: '', errors: {}, banner: null, busy: false, status: '' });
    waitingUsername = null;
  }

  /** Reads the user-name request waiting in the outbox, if any. */
  async function loadWaitingUsername() {
    try {
      waitingUsername = await call('load_waiting_username');
    } catch {
      return;
    }
    rerender();
  }

  async function withdrawWaitingUsername() {
    try {
      await call('drop_outbox_item', { id: waitingUsername.id });
      waitingUsername = null;
      username.status = t('username-withdrawn');
      outboxChanged();
    } catch (error) {
      username.status = placeError(error, []).banner ?? '';
    }
    rerender();
    document.getElementById('change-username')?.focus();
  }

  function waitingUsernameBanner() {
    if (!waitingUsername) return null;
    const refused = waitingUsername.state !== 'waiting';
    return h('div', { className: `banner ${refused ? 'error' : 'info'}`, id: 'username-waiting', role: refused ? 'alert' : 'status' },
      h('span', {}, refused
        ? t('username-waiting-refused', { email: waitingUsername.new_email, message: waitingUsername.message })
        : t('username-waiting', { email: waitingUsername.new_email })),
      h('button', { type: 'button', className: 'link', id: 'username-waiting-withdraw', onClick: withdrawWaitingUsername }, t('withdraw')));
  }

  /** Loads the photo the profile names, unless it is already shown. */
  async function loadPhoto(etag) {
    if ((etag ?? null) === photo.etag && (etag === null || photo.dataUrl)) return;
    try {
      const view = await call('load_photo', { etag: etag ?? null });
      photo.etag = etag ?? null;
      photo.dataUrl = view.data_url;
    } catch (error) {
      if (placeError(error, []).needsSignIn) onSessionEnded();
    }
    rerender();
  }

  function adoptPhotoChange(change) {
    photo.etag = change.profile.profile.photo_etag ?? null;
    photo.dataUrl = change.photo.data_url;
    onFreshProfile(change.profile);
  }

  /** The avatar: the photo, or the initials of `name`. */
  function avatar(name, id, large = false) {
    const className = large ? 'avatar large' : 'avatar';
    return photo.dataUrl
      ? h('img', { className: `${className} photo`, id, src: photo.dataUrl, alt: large ? t('photo-alt') : '' })
      : h('span', { className, id, 'aria-hidden': 'true' }, initials(name));
  }

  async function choosePhoto() {
    photo.busy = true;
    photo.error = '';
    photo.status = '';
    rerender();
    try {
      const change = await call('choose_photo');
      if (change) {
        adoptPhotoChange(change);
        photo.status = t('photo-updated');
      }
    } catch (error) {
      const placed = placeError(error, ['photo']);
      if (placed.needsSignIn) onSessionEnded();
      else photo.error = placed.fields.photo ?? placed.banner;
    } finally {
      photo.busy = false;
      rerender();
    }
  }

  async function removePhoto() {
    photo.busy = true;
    photo.error = '';
    rerender();
    try {
      adoptPhotoChange(await call('remove_photo'));
      photo.status = t('photo-removed');
    } catch (error) {
      const placed = placeError(error, []);
      if (placed.needsSignIn) onSessionEnded();
      else photo.error = placed.banner;
    } finally {
      photo.busy = false;
      rerender();
    }
  }

  function photoBlock(name) {
    return h('div', { className: 'photo-block' },
      avatar(name, 'details-photo', true),
      h('div', { className: 'photo-actions' },
        h('div', { className: 'choices' },
          h('button', { type: 'button', className: 'secondary', id: 'choose-photo', disabled: photo.busy, onClick: choosePhoto },
            photo.busy ? t('photo-working') : (photo.dataUrl ? t('photo-change') : t('photo-add'))),
          photo.dataUrl ? h('button', { type: 'button', className: 'link', id: 'remove-photo', disabled: photo.busy, onClick: removePhoto }, t('photo-remove')) : null),
        h('p', { className: 'hint' }, t('photo-hint')),
        h('p', { className: 'field-error', id: 'error-photo', role: 'alert' }, photo.error),
        h('p', { className: 'status', id: 'photo-status', role: 'status' }, photo.status)),
    );
  }

  // ------------------------------------------------------ user name

  function usernameBlock(profile, demo) {
    const pending = profile.pending_username_change;
    return h('fieldset', { className: 'section', id: 'username-section' },
      h('legend', {}, t('username-title')),
      h('div', { className: 'username-row' },
        h('p', { className: 'username', id: 'username' }, profile.email),
        h('button', { type: 'button', className: 'secondary', id: 'change-username', onClick: openDialog }, t('username-change'))),
      waitingUsernameBanner(),
      pending
        ? h('div', { className: 'banner info', id: 'username-pending', tabindex: '-1', role: 'status' },
          h('span', {}, t('username-pending-banner', { pending: capitalise(pendingText(pending)), email: profile.email })),
          h('button', { type: 'button', className: 'link', id: 'username-open-ticket', onClick: () => openTicket(pending.ticket_id) }, t('open-ticket', { ticket: String(pending.ticket_id) })),
          demo ? h('button', { type: 'button', className: 'link', id: 'demo-approve', disabled: approving, onClick: () => approveInDemo(pending.ticket_id) }, t('username-demo-approve')) : null)
        : h('p', { className: 'hint' }, t('username-hint')),
      username.status ? h('p', { className: 'status', id: 'username-status', role: 'status' }, username.status) : null,
    );
  }

  function openDialog() {
    Object.assign(username, { open: true, newEmail: '', password: '', reason: '', errors: {}, banner: null, busy: false, status: '' });
    rerender();
    document.getElementById('username-new-email')?.focus();
  }

  function closeDialog() {
    username.open = false;
    rerender();
    document.getElementById('change-username')?.focus();
  }

  async function approveInDemo(ticketId) {
    approving = true;
    rerender();
    try {
      const fresh = await call('approve_username_change_in_demo', { ticket_id: ticketId });
      username.status = t('username-approved', { email: fresh.profile.email });
      onFreshProfile(fresh);
    } catch (error) {
      const placed = placeError(error, []);
      if (placed.needsSignIn) onSessionEnded();
      else username.status = placed.banner;
    } finally {
      approving = false;
      rerender();
    }
  }

  function dialog() {
    if (!username.open) return null;
    const field = (name, label, input) => h('div', { className: 'field' },
      h('label', { for: `username-${name.replaceAll('_', '-')}` }, label),
      input,
      h('p', { className: 'field-error', id: `username-error-${name}`, role: 'alert' }, username.errors[name] ?? ''));
    const text = (name, key, type, autocomplete) => h('input', {
      id: `username-${name.replaceAll('_', '-')}`, type, autocomplete, value: username[key], spellcheck: 'false',
      'aria-invalid': username.errors[name] ? 'true' : null, 'aria-describedby': `username-error-${name}`,
      onInput: (event) => { username[key] = event.target.value; },
    });
    const banner = username.banner
      ? h('div', { className: 'banner error', id: 'username-banner', role: 'alert' },
        h('span', {}, username.banner.text),
        username.banner.ticketId ? h('button', { type: 'button', className: 'link', id: 'username-see-pending', onClick: showPending }, t('see-ticket', { ticket: String(username.banner.ticketId) })) : null)
      : null;
    return h('div', { className: 'overlay' },
      h('form', { className: 'card dialog', id: 'username-dialog', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'username-title', novalidate: true, onSubmit: submitRequest, onKeydown: (event) => { if (event.key === 'Escape') closeDialog(); } },
        h('h2', { id: 'username-title' }, t('username-dialog-title')),
        h('p', {}, t('username-dialog-intro')),
        banner,
        field('new_email', t('username-new-email'), text('new_email', 'newEmail', 'email', 'email')),
        field('current_password', t('password-current'), text('current_password', 'password', 'password', 'current-password')),
        field('reason', t('username-reason'), h('textarea', {
          id: 'username-reason', rows: 3, maxlength: 1000, 'aria-describedby': 'username-error-reason',
          'aria-invalid': username.errors.reason ? 'true' : null,
          onInput: (event) => { username.reason = event.target.value; },
        }, username.reason)),
        h('div', { className: 'choices' },
          h('button', { type: 'submit', className: 'primary', id: 'username-submit', disabled: username.busy }, username.busy ? t('sending') : t('username-send')),
          h('button', { type: 'button', className: 'secondary', id: 'username-cancel', onClick: closeDialog }, t('cancel')))));
  }

  function showPending() {
    username.open = false;
    rerender();
    document.getElementById('username-pending')?.focus();
  }

  async function submitRequest(event) {
    event.preventDefault();
    const profile = currentProfile();
    username.errors = checkUsernameRequest(username, profile.email);
    username.banner = null;
    if (Object.keys(username.errors).length > 0) {
      rerender();
      focusFirst('username-', USERNAME_FIELDS, username.errors);
      return;
    }
    username.busy = true;
    rerender();
    try {
      const fresh = await call('request_username_change', {
        new_email: username.newEmail, current_password: username.password, reason: username.reason,
      });
      username.open = false;
      username.password = '';
      if (fresh.queued) {
        username.status = fresh.queued;
        outboxChanged();
        await loadWaitingUsername();
        document.getElementById('change-username')?.focus();
        return;
      }
      onFreshProfile(fresh);
      rerender();
      document.getElementById('username-pending')?.focus();
    } catch (error) {
      const placed = placeError(error, USERNAME_FIELDS);
      if (placed.needsSignIn) {
        username.open = false;
        onSessionEnded();
        return;
      }
      username.errors = placed.fields;
      username.banner = placed.banner ? { text: placed.banner, ticketId: error?.ticket_id ?? null } : null;
      username.busy = false;
      rerender();
      focusFirst('username-', USERNAME_FIELDS, username.errors);
    } finally {
      username.busy = false;
    }
  }

  // ------------------------------------------------------ password

  /** The password card keeps its own element and draws only itself: a
   * redraw of the profile form around it never rebuilds it. */
  const passwordRegion = h('div', { className: 'region', id: 'password-card' });

  function passwordCard() {
    if (!passwordRegion.firstChild) drawPassword();
    return passwordRegion;
  }

  function drawPassword() {
    replaceChildren(passwordRegion, passwordForm());
  }

  function passwordForm() {
    const input = (name, key, label, autocomplete) => h('div', { className: 'field' },
      h('label', { for: `password-${name.replaceAll('_', '-')}` }, label),
      h('input', {
        id: `password-${name.replaceAll('_', '-')}`, type: 'password', autocomplete, value: password[key],
        'aria-invalid': password.errors[name] ? 'true' : null, 'aria-describedby': `password-error-${name}`,
        onInput: (event) => { password[key] = event.target.value; password.status = ''; },
      }),
      h('p', { className: 'field-error', id: `password-error-${name}`, role: 'alert' }, password.errors[name] ?? ''));
    return h('form', { className: 'card details', id: 'password-form', novalidate: true, onSubmit: submitPassword },
      h('fieldset', { className: 'section' },
        h('legend', {}, t('signin-password')),
        h('ul', { className: 'rules', id: 'password-rules' }, passwordRules().map((rule) => h('li', {}, rule))),
        h('div', { className: 'grid single' },
          input('current_password', 'current', t('password-current'), 'current-password'),
          input('new_password', 'next', t('password-new'), 'new-password'),
          input('new_password_again', 'again', t('password-new-again'), 'new-password'))),
      h('div', { className: 'action-bar static' },
        h('span', { className: password.failed ? 'status error' : 'status', id: 'password-status', role: 'status' }, password.busy ? t('password-changing') : password.status),
        h('button', { type: 'submit', className: 'primary', id: 'change-password', disabled: password.busy }, t('password-change'))));
  }

  async function submitPassword(event) {
    event.preventDefault();
    password.errors = checkPasswordChange(password, currentProfile().email);
    password.status = '';
    password.failed = false;
    if (Object.keys(password.errors).length > 0) {
      drawPassword();
      focusFirst('password-', PASSWORD_FIELDS, password.errors);
      return;
    }
    password.busy = true;
    drawPassword();
    try {
      await call('change_password', { current_password: password.current, new_password: password.next });
      Object.assign(password, { current: '', next: '', again: '', errors: {} });
      password.status = t('password-changed');
    } catch (error) {
      const placed = placeError(error, PASSWORD_FIELDS);
      if (placed.needsSignIn) onSessionEnded();
      password.errors = placed.fields;
      password.status = placed.banner ?? '';
      password.failed = true;
    } finally {
      password.busy = false;
      drawPassword();
      focusFirst('password-', PASSWORD_FIELDS, password.errors);
    }
  }

  return { reset, loadPhoto, loadWaitingUsername, avatar, photoBlock, usernameBlock, dialog, passwordCard };
}

function focusFirst(prefix, names, errors) {
  const name = names.find((field) => errors[field]);
  if (name) document.getElementById(`${prefix}${name.replaceAll('_', '-')}`)?.focus();
}

function capitalise(text) {
  return text ? text[0].toUpperCase() + text.slice(1) : text;
}
