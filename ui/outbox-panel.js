// The Outbox panel: changes made while the portal could not be reached,
// waiting to be sent (oldest first), each with Withdraw (and Edit for the
// words of a reply or new ticket); "Send now"; and the count on the top
// bar's Outbox button, shown while anything waits.

import { call } from './lib/ipc.js';
import { h, replaceChildren } from './lib/dom.js';
import { placeError } from './lib/errors.js';
import { ago } from './lib/format.js';
import { sendSummary, stateLine } from './lib/outbox.js';
import { t } from './lib/i18n.js';

/** The Outbox controller. `onChanged` runs after something was sent or
 * withdrawn (the screens that show it read again); `redrawTopBar` redraws
 * the button. */
export function createOutbox({ onChanged, redrawTopBar, onSessionEnded }) {
  const state = { open: false, view: null, status: '', sending: false, signingOut: null, discarding: false, editing: null };
  const panel = h('aside', { className: 'downloads-panel outbox-panel', id: 'outbox-panel', 'aria-labelledby': 'outbox-panel-title', hidden: true });

  /** Reads the outbox again (after a change was queued or sent). */
  async function refresh() {
    try {
      state.view = await call('load_outbox');
    } catch (error) {
      const placed = placeError(error, []);
      if (placed.needsSignIn) onSessionEnded();
      state.status = placed.banner ?? '';
    }
    redraw();
    redrawTopBar();
  }

  async function sendNow() {
    state.sending = true;
    state.status = t('sending');
    redraw();
    try {
      const result = await call('send_outbox');
      state.view = result.outbox;
      state.status = sendSummary(result);
      // Sent, or held for the user: the screens that show it read again.
      if (result.sent.length > 0 || result.outbox.items.some((item) => item.state !== 'waiting')) onChanged();
    } catch (error) {
      const placed = placeError(error, []);
      if (placed.needsSignIn) onSessionEnded();
      state.status = placed.banner ?? '';
    }
    state.sending = false;
    redraw();
    redrawTopBar();
  }

  async function withdraw(item) {
    try {
      state.view = await call('drop_outbox_item', { id: item.id });
      state.status = t('outbox-withdrawn', { title: item.title });
      onChanged();
    } catch (error) {
      state.status = placeError(error, []).banner ?? '';
    }
    redraw();
    redrawTopBar();
    document.getElementById(state.view?.items.length ? 'outbox-send' : 'close-outbox')?.focus();
  }

  /** Starts editing the words of `item`; a refusal's field messages show
   * beside the fields until they are changed. */
  function startEditing(item) {
    state.editing = { id: item.id, text: item.text ?? '', subject: item.subject, errors: { ...(item.fields ?? {}) } };
    redraw();
    document.getElementById(item.subject !== null && item.fields?.subject ? 'outbox-edit-subject' : 'outbox-edit-text')?.focus();
  }

  async function saveEdit() {
    const editing = state.editing;
    try {
      state.view = await call('edit_outbox_text', { id: editing.id, text: editing.text, subject: editing.subject });
      state.editing = null;
      state.status = t('outbox-edit-saved');
      onChanged();
    } catch (error) {
      const placed = placeError(error, ['message', 'subject']);
      if (placed.needsSignIn) onSessionEnded();
      editing.errors = placed.fields;
      state.status = placed.banner ?? '';
    }
    redraw();
    redrawTopBar();
    document.getElementById(state.editing ? 'outbox-edit-text' : 'outbox-send')?.focus();
  }

  function editForm(item) {
    const editing = state.editing;
    const field = (id, label, error, control) => h('div', { className: 'field' },
      h('label', { for: id }, label), control,
      h('p', { className: 'field-error', id: `${id}-error`, role: 'alert' }, error ?? ''));
    return h('form', { className: 'outbox-edit', id: 'outbox-edit', onSubmit: (event) => { event.preventDefault(); saveEdit(); } },
      item.subject !== null
        ? field('outbox-edit-subject', t('outbox-subject'), editing.errors.subject, h('input', {
          id: 'outbox-edit-subject', value: editing.subject ?? '', maxlength: 400, 'aria-invalid': editing.errors.subject ? 'true' : null,
          onInput: (event) => { editing.subject = event.target.value; },
        }))
        : null,
      field('outbox-edit-text', t('outbox-message'), editing.errors.message, h('textarea', {
        id: 'outbox-edit-text', rows: 4, 'aria-invalid': editing.errors.message ? 'true' : null,
        onInput: (event) => { editing.text = event.target.value; },
      }, editing.text)),
      h('div', { className: 'choices' },
        h('button', { type: 'submit', className: 'primary', id: 'outbox-edit-save' }, t('save')),
        h('button', { type: 'button', className: 'link', id: 'outbox-edit-cancel', onClick: () => { state.editing = null; redraw(); } }, t('cancel'))));
  }

  function row(item) {
    if (state.editing?.id === item.id) {
      return h('li', { className: `outbox-item ${item.state}`, 'data-outbox': item.id },
        h('p', { className: 'outbox-title' }, h('strong', {}, item.title)),
        editForm(item));
    }
    return h('li', { className: `outbox-item ${item.state}`, 'data-outbox': item.id },
      h('p', { className: 'outbox-title' }, h('strong', {}, item.title), h('span', { className: 'muted small-text' }, ` · ${ago(item.queued_at)}`)),
      item.text ? h('p', { className: 'outbox-text' }, item.text) : null,
      item.files.length > 0 ? h('p', { className: 'muted small-text' }, t('outbox-with-files', { files: item.files.join(', ') })) : null,
      h('p', { className: item.state === 'waiting' ? 'muted small-text state-line' : 'field-error state-line', role: item.state === 'waiting' ? null : 'alert' }, stateLine(item)),
      item.can_reopen
        ? h('button', { type: 'button', className: 'primary', 'data-action': 'reopen', disabled: state.sending, onClick: () => settleReply('reopen_with_reply', item) }, t('outbox-reopen', { ticket: String(item.ticket) }))
        : null,
      item.state === 'conflict' && item.ticket !== null && item.text !== null
        ? h('button', { type: 'button', className: 'secondary', 'data-action': 'as-new-ticket', disabled: state.sending, onClick: () => settleReply('raise_reply_as_ticket', item) }, t('outbox-as-new-ticket'))
        : null,
      item.text !== null
        ? h('button', { type: 'button', className: 'link', 'data-action': 'edit', disabled: state.sending, onClick: () => startEditing(item) }, t('outbox-edit'))
        : null,
      h('button', { type: 'button', className: 'link', 'data-action': 'withdraw', onClick: () => withdraw(item) }, t('withdraw')));
  }

  /** A reply held because its ticket was closed meanwhile: it goes as a
   * new ticket (`raise_reply_as_ticket`) or opens a resolved ticket again
   * (`reopen_with_reply`); then the outbox is sent. */
  async function settleReply(command, item) {
    state.sending = true;
    state.status = t('sending');
    redraw();
    try {
      const result = await call(command, { id: item.id });
      state.view = result.outbox;
      state.status = sendSummary(result);
      onChanged();
    } catch (error) {
      state.status = placeError(error, []).banner ?? '';
    }
    state.sending = false;
    redraw();
    redrawTopBar();
  }

  /** Signing out with changes waiting: asks whether to keep them for the
   * next sign-in here or discard them (confirmed). Resolves 'keep',
   * 'discard' or 'stay' (not signing out). */
  async function askBeforeSignOut() {
    await refresh();
    if ((state.view?.items.length ?? 0) === 0) return 'keep';
    return new Promise((resolve) => {
      state.signingOut = (choice) => { state.signingOut = null; state.discarding = false; redraw(); resolve(choice); };
      state.open = true;
      state.status = '';
      redraw();
      redrawTopBar();
      document.getElementById('signout-keep')?.focus();
    });
  }

  function signOutQuestion(count) {
    if (state.discarding) {
      return h('div', { className: 'banner warning', id: 'signout-question', role: 'alertdialog', 'aria-labelledby': 'signout-ask' },
        h('p', { id: 'signout-ask' }, t('outbox-signout-discard-ask', { count })),
        h('div', { className: 'actions' },
          h('button', { type: 'button', className: 'danger', id: 'signout-discard-confirm', onClick: () => state.signingOut('discard') }, t('outbox-signout-discard')),
          h('button', { type: 'button', className: 'secondary', id: 'signout-discard-back', onClick: () => { state.discarding = false; redraw(); } }, t('signin-code-back'))));
    }
    return h('div', { className: 'banner warning', id: 'signout-question', role: 'alertdialog', 'aria-labelledby': 'signout-ask' },
      h('p', { id: 'signout-ask' }, t('outbox-signout-ask', { count })),
      h('div', { className: 'actions' },
        h('button', { type: 'button', className: 'primary', id: 'signout-keep', onClick: () => state.signingOut('keep') }, t('outbox-signout-keep')),
        h('button', { type: 'button', className: 'secondary', id: 'signout-discard', onClick: () => { state.discarding = true; redraw(); document.getElementById('signout-discard-confirm')?.focus(); } }, t('outbox-signout-discard-first')),
        h('button', { type: 'button', className: 'link', id: 'signout-stay', onClick: () => state.signingOut('stay') }, t('outbox-signout-stay'))));
  }

  function redraw() {
    panel.hidden = !state.open;
    if (!state.open) return;
    const items = state.view?.items ?? [];
    replaceChildren(panel,
      h('div', { className: 'panel-head' },
        h('h2', { id: 'outbox-panel-title' }, t('outbox-title')),
        h('button', { type: 'button', className: 'link', id: 'close-outbox', onClick: () => { state.signingOut?.('stay'); toggle(false); } }, t('close'))),
      state.signingOut ? signOutQuestion(items.length) : null,
      h('p', { className: 'muted small-text' }, state.view
        ? t('outbox-intro', { portal: state.view.portal })
        : t('outbox-reading')),
      items.length > 0
        ? h('button', { type: 'button', className: 'primary', id: 'outbox-send', disabled: state.sending, onClick: sendNow }, t('outbox-send-now'))
        : h('p', { className: 'muted' }, t('outbox-empty')),
      h('p', { className: 'status', id: 'outbox-status', role: 'status' }, state.status),
      h('ul', { className: 'outbox', id: 'outbox-items' }, items.map(row)));
  }

  function toggle(open = !state.open) {
    state.open = open;
    if (open) { state.status = ''; refresh(); } else redraw();
    redrawTopBar();
  }

  return {
    panel,
    refresh,
    askBeforeSignOut,
    /** The top bar's button, while anything is in the outbox. */
    toggleButton() {
      const count = state.view?.items.length ?? 0;
      if (count === 0 && !state.open) return null;
      return h('button', { type: 'button', className: 'secondary', id: 'toggle-outbox', 'aria-expanded': String(state.open), onClick: () => toggle() },
        t('outbox-title'), ' ', h('span', { className: 'badge', id: 'outbox-count' }, String(count)));
    },
    reset() {
      state.signingOut?.('stay');
      Object.assign(state, { open: false, view: null, status: '', sending: false, signingOut: null, discarding: false, editing: null });
      redraw();
    },
  };
}
