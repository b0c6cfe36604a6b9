// The reply form and the new-ticket form: text (and a subject), files
// picked with the system's dialog and shown with their size (removable),
// the draft saved as the user types, and progress while uploading.

import { call } from './lib/ipc.js';
import { h } from './lib/dom.js';
import { placeError } from './lib/errors.js';
import { humanSize } from './lib/downloads.js';
import { addPicked, filesSummary, sendBlocker, uploadLine } from './lib/tickets.js';
import { t } from './lib/i18n.js';

const SAVE_DELAY_MS = 400;

/** A composer. `options` = {idPrefix, draftKey, newTicket, organizations,
 * send(fields, channel) => Promise<TicketView>, onSent(view), rerender,
 * onSessionEnded, and for a new ticket suggest(subject) => Promise<hits>
 * and openArticle(id)}. */
export function createComposer(options) {
  const state = {
    subject: '', text: '', organizationId: '', files: [], sending: false, progress: null,
    error: '', fieldErrors: {}, status: '', loadedKey: null, related: [],
  };
  let saveTimer = null;
  let suggestTimer = null;
  const id = (name) => `${options.idPrefix}-${name}`;

  /** Shows the draft saved under the form's key (once per key). */
  async function restore(draft) {
    if (state.loadedKey === options.draftKey()) return;
    state.loadedKey = options.draftKey();
    Object.assign(state, { subject: '', text: '', files: [], error: '', fieldErrors: {}, status: '', progress: null });
    const saved = draft === undefined ? await call('load_draft', { key: options.draftKey() }).catch(() => null) : draft;
    if (!saved) { options.rerender(); return; }
    state.subject = saved.subject ?? '';
    state.text = saved.text ?? '';
    if (saved.attachments?.length) {
      state.files = await call('check_attachments', { paths: saved.attachments }).catch(() => []);
    }
    state.status = t('compose-draft-back');
    options.rerender();
  }

  function saveSoon() {
    clearTimeout(saveTimer);
    saveTimer = setTimeout(saveNow, SAVE_DELAY_MS);
  }

  /** Related articles for the subject, once typing pauses; the form is
   * redrawn only when they change. */
  function suggestSoon() {
    if (!options.suggest) return;
    clearTimeout(suggestTimer);
    suggestTimer = setTimeout(async () => {
      const asked = state.subject;
      const related = await options.suggest(asked).catch(() => []);
      if (asked !== state.subject) return;
      const same = related.length === state.related.length && related.every((hit, index) => hit.id === state.related[index].id);
      if (same) return;
      state.related = related;
      options.rerender();
    }, 300);
  }

  function relatedArticles() {
    if (state.related.length === 0) return null;
    return h('aside', { className: 'related', id: id('related'), 'aria-label': t('compose-related') },
      h('p', { className: 'hint' }, t('compose-related-intro')),
      h('ul', {}, state.related.map((hit) => h('li', {},
        h('button', { type: 'button', className: 'link', 'data-id': hit.id, onClick: () => options.openArticle(hit.id) }, hit.title)))));
  }

  function saveNow() {
    clearTimeout(saveTimer);
    const draft = { subject: state.subject, text: state.text, attachments: state.files.map((file) => file.path) };
    return call('save_draft', { key: options.draftKey(), draft }).catch(() => {});
  }

  async function pick() {
    try {
      const picked = await call('pick_attachments');
      state.files = addPicked(state.files, picked);
      state.error = '';
      await saveNow();
    } catch (error) {
      state.error = placeError(error, []).banner ?? '';
    }
    options.rerender();
  }

  function remove(path) {
    state.files = state.files.filter((file) => file.path !== path);
    saveNow();
    options.rerender();
  }

  async function send(event) {
    event.preventDefault();
    const blocker = options.newTicket && !state.subject.trim()
      ? t('compose-enter-subject')
      : sendBlocker(state.text, state.files, { needsText: options.newTicket });
    if (blocker) { state.error = blocker; options.rerender(); return; }
    await saveNow();
    state.sending = true;
    state.error = '';
    state.progress = { done: 0, total: 0 };
    options.rerender();
    const channel = new window.__TAURI__.core.Channel();
    channel.onmessage = (message) => {
      if (message.event === 'started') state.progress = { done: 0, total: message.total };
      else if (message.event === 'progress') state.progress = { done: message.done, total: message.total };
      const line = document.getElementById(id('progress'));
      const bar = document.getElementById(id('progress-bar'));
      if (line) line.textContent = uploadLine(state.progress);
      if (bar && state.progress.total > 0) bar.value = Math.floor((state.progress.done / state.progress.total) * 100);
    };
    try {
      const view = await options.send({
        subject: state.subject, message: state.text,
        organization_id: state.organizationId ? Number(state.organizationId) : null,
        attachments: state.files.map((file) => file.path),
      }, channel);
      Object.assign(state, { subject: '', text: '', files: [], fieldErrors: {}, status: '', progress: null, sending: false, related: [] });
      state.loadedKey = null;
      options.onSent(view);
    } catch (error) {
      const placed = placeError(error, ['subject', 'message', 'attachments']);
      if (placed.needsSignIn) options.onSessionEnded();
      state.fieldErrors = placed.fields;
      state.error = placed.banner ?? '';
      state.progress = null;
      state.sending = false;
      options.rerender();
    }
  }

  function render() {
    const fileRows = state.files.map((file) => h('li', { className: file.problem ? 'picked broken' : 'picked', 'data-name': file.name },
      h('span', { className: 'picked-name' }, file.name),
      h('span', { className: 'muted small-text' }, file.problem ? '' : ` ${humanSize(file.size)}`),
      file.problem ? h('span', { className: 'field-error', role: 'alert' }, ` ${file.problem}`) : null,
      h('button', { type: 'button', className: 'link', 'data-action': 'remove', disabled: state.sending, onClick: () => remove(file.path) }, t('compose-remove-file'))));
    const organizations = options.organizations?.() ?? [];
    return h('form', { className: 'composer', id: id('form'), novalidate: true, onSubmit: send },
      options.newTicket ? [
        h('div', { className: 'field' },
          h('label', { for: id('subject') }, t('outbox-subject')),
          h('input', { id: id('subject'), type: 'text', maxlength: 200, value: state.subject, disabled: state.sending,
            'aria-invalid': state.fieldErrors.subject ? 'true' : null,
            onInput: (e) => { state.subject = e.target.value; saveSoon(); suggestSoon(); } }),
          h('p', { className: 'field-error', role: 'alert' }, state.fieldErrors.subject ?? ''),
          relatedArticles()),
        organizations.length > 0 ? h('div', { className: 'field' },
          h('label', { for: id('organization') }, t('compose-for')),
          h('select', { id: id('organization'), disabled: state.sending, onChange: (e) => { state.organizationId = e.target.value; } },
            h('option', { value: '', selected: state.organizationId === '' }, t('compose-me')),
            organizations.map((org) => h('option', { value: String(org.id), selected: state.organizationId === String(org.id) }, org.name)))) : null,
      ] : null,
      h('div', { className: 'field' },
        h('label', { for: id('text') }, options.newTicket ? t('compose-description') : t('compose-your-reply')),
        h('textarea', { id: id('text'), rows: 4, maxlength: 20000, disabled: state.sending,
          'aria-invalid': state.fieldErrors.message ? 'true' : null,
          onInput: (e) => { state.text = e.target.value; saveSoon(); } }, state.text),
        h('p', { className: 'field-error', role: 'alert' }, state.fieldErrors.message ?? '')),
      h('div', { className: 'composer-files' },
        h('button', { type: 'button', className: 'secondary', id: id('attach'), disabled: state.sending, onClick: pick }, t('compose-attach')),
        h('span', { className: 'muted small-text', id: id('files-summary') }, filesSummary(state.files)),
        h('ul', { className: 'picked-files', id: id('files') }, fileRows),
        h('p', { className: 'field-error', role: 'alert' }, state.fieldErrors.attachments ?? '')),
      state.sending ? h('div', { className: 'upload' },
        h('progress', { id: id('progress-bar'), max: 100, value: 0 }),
        h('span', { id: id('progress'), role: 'status' }, uploadLine(state.progress))) : null,
      state.error ? h('p', { className: 'banner error', id: id('error'), role: 'alert' }, state.error) : null,
      state.status ? h('p', { className: 'status', role: 'status' }, state.status) : null,
      h('div', { className: 'actions' },
        h('button', { type: 'submit', className: 'primary', id: id('send'), disabled: state.sending }, options.newTicket ? t('compose-raise') : t('compose-send-reply'))));
  }

  return { render, restore, flush: saveNow, busy: () => state.sending };
}
