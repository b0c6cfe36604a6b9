// The Library: every file the app has downloaded or viewed for this
// account, searchable, openable inside the app with the network down; a
// file moved or deleted outside the app is marked, with a re-download.

import { call } from './lib/ipc.js';
import { h } from './lib/dom.js';
import { placeError } from './lib/errors.js';
import { createEpoch, isDropped } from './lib/epoch.js';
import { ago } from './lib/format.js';
import { humanSize } from './lib/downloads.js';
import { t } from './lib/i18n.js';

/** The Library screen. `context` = {redraw, fetch, downloads, openViewer}. */
export function createLibrary(context) {
  const state = { entries: null, text: '', banner: null, loading: false };
  /** Moves with every search: an answer for older text is dropped. */
  const search = createEpoch();

  async function load() {
    state.loading = true;
    search.advance();
    try {
      state.entries = await search.guard(context.fetch('load_library', { text: state.text || null }));
      state.banner = null;
    } catch (error) {
      if (isDropped(error)) return;
      state.entries = state.entries ?? [];
      state.banner = placeError(error, []).banner;
    } finally {
      state.loading = false;
      context.redraw();
    }
  }

  async function open(entry) {
    try {
      context.openViewer(await call('view_library_entry', { entry_id: entry.id }));
    } catch (error) {
      state.banner = placeError(error, []).banner;
      context.redraw();
    }
  }

  async function act(command, entry) {
    try {
      await call(command, { entry_id: entry.id });
    } catch (error) {
      state.banner = placeError(error, []).banner;
      context.redraw();
    }
  }

  function row(entry) {
    return h('li', { className: `library-entry${entry.missing ? ' missing' : ''}`, 'data-title': entry.title },
      h('div', {},
        h('span', { className: 'name block' }, entry.title),
        h('span', { className: 'muted small-text block' }, entry.in_cache
          ? t('library-viewed', { file: entry.file_name, size: humanSize(entry.size), ago: ago(entry.at) })
          : t('library-saved', { file: entry.file_name, size: humanSize(entry.size), ago: ago(entry.at) })),
        entry.in_cache ? null : h('span', { className: 'muted small-text block' }, entry.path ?? ''),
        entry.in_cache || !entry.open_refusal ? null : h('span', { className: 'open-refusal muted small-text block' }, entry.open_refusal)),
      h('div', { className: 'row-actions' },
        entry.missing
          ? [h('span', { className: 'status-tag overdue' }, t('library-missing')),
            h('button', { type: 'button', className: 'link', 'data-action': 'redownload', onClick: async () => { await context.downloads.retry(entry); load(); } }, t('downloads-again'))]
          : [h('button', { type: 'button', className: 'link', 'data-action': 'view', onClick: () => open(entry) }, t('view')),
            entry.in_cache || entry.open_refusal ? null : h('button', { type: 'button', className: 'link', 'data-action': 'open', onClick: () => act('open_downloaded_file', entry) }, t('downloads-open')),
            entry.in_cache ? null : h('button', { type: 'button', className: 'link', 'data-action': 'show', onClick: () => act('show_in_folder', entry) }, t('downloads-show-in-folder'))]));
  }

  function render() {
    if (state.entries === null && !state.loading) load();
    return h('section', { className: 'card details', id: 'library' },
      h('p', { className: 'hint' }, t('library-intro')),
      h('div', { className: 'filters', role: 'search' },
        h('label', { className: 'filter grow' }, t('search'),
          h('input', { id: 'library-search', type: 'search', value: state.text, placeholder: t('library-search-hint'), onInput: (event) => { state.text = event.target.value; load(); } }))),
      state.banner ? h('p', { className: 'banner error', role: 'alert', id: 'library-banner' }, state.banner) : null,
      state.entries === null
        ? h('p', { className: 'loading' }, t('library-loading'))
        : state.entries.length === 0
          ? h('p', { id: 'library-empty' }, state.text ? t('nothing-matches') : t('library-empty'))
          : h('ul', { className: 'library', id: 'library-list' }, state.entries.map(row)));
  }

  return { render, reload: load, reset: () => { state.entries = null; state.text = ''; state.banner = null; } };
}
