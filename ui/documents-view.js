// A document list: My Payments (the user's own) or one organization's in
// the Payments Manager. Sortable and filterable here; View opens the PDF
// inside the app; Download, Save to… and Download all go through the
// Downloads panel.

import { call } from './lib/ipc.js';
import { afterNextPaint, h } from './lib/dom.js';
import { placeError } from './lib/errors.js';
import { ago, calendarDate } from './lib/format.js';
import {
  DOCUMENT_SORT_KEYS, NO_FILTER, countLabel, documentFilter, documentSearchText, formatAmount, kindLabel, nextSort, statusLabel,
  yearsOf,
} from './lib/documents.js';
import { batchEnding, batchOutcome } from './lib/downloads.js';
import { createListIndex } from './lib/list-index.js';
import { createVirtualTable } from './virtual-rows.js';
import { t } from './lib/i18n.js';

const COLUMNS = [
  { key: 'number' },
  { key: 'issued_on' },
  { key: 'due_on' },
  { key: 'amount' },
  { key: 'status' },
].map((column) => ({ ...column, get label() { return t(`documents-column-${column.key}`); } }));

/** A document list for `organizationId` (null: the user's own).
 * `context` = {redraw, fetch (a read of the screen showing the list),
 * onSessionEnded, downloads, openViewer, idPrefix}. */
export function createDocumentsView(organizationId, context) {
  const state = {
    view: null, loading: false, banner: null, notice: '', filter: { ...NO_FILTER }, sort: { key: 'issued_on', direction: 'desc' },
  };
  const id = (name) => `${context.idPrefix}-${name}`;

  /** Shows the list kept on this computer at once (when nothing is shown
   * yet), then asks the portal, naming the version shown: an unchanged list
   * comes back as `unchanged` and is neither sent again nor redrawn. */
  async function load() {
    state.loading = true;
    context.redraw();
    try {
      if (!state.view) {
        // A long list's first screen first, then the whole of it.
        const first = await context.fetch('load_kept_documents', { organization_id: organizationId, first_screen: true });
        if (first && !state.view) {
          state.view = { ...first, checking: true };
          context.redraw();
          // The first screen is painted before the whole list is read (its
          // arrival would hold the paint up).
          if (first.partial) await afterNextPaint();
        }
      }
      // The rest of a first screen (read again if the user left meanwhile).
      if (state.view?.partial) {
        const kept = await context.fetch('load_kept_documents', { organization_id: organizationId });
        if (kept && state.view?.partial) {
          state.view = { ...kept, checking: true };
          context.redraw();
        }
      }
      // A list still partial (its kept copy went meanwhile) names no
      // version, so the portal's answer replaces it whole.
      const fresh = await context.fetch('load_documents', {
        organization_id: organizationId, shown_version: state.view?.partial ? null : state.view?.version ?? null,
      });
      state.view = fresh.unchanged ? { ...state.view, cached_at: null, checking: false } : fresh;
      state.banner = null;
    } catch (error) {
      const placed = placeError(error, []);
      // Dropped (the user left): the copy stays marked as being checked,
      // so the list asks again when shown.
      if (placed.dropped) return;
      if (state.view?.checking) state.view = { ...state.view, checking: false };
      if (placed.needsSignIn) context.onSessionEnded();
      else state.banner = { text: placed.banner, retry: placed.retryable, action: load };
    } finally {
      state.loading = false;
      context.redraw();
    }
  }

  async function view(document) {
    state.notice = t('opening', { name: document.number });
    context.redraw();
    try {
      const channel = new window.__TAURI__.core.Channel();
      const file = await call('view_document', { document_id: document.id, organization_id: organizationId, download_id: `view-${document.id}-${Date.now()}`, on_event: channel });
      state.notice = '';
      context.openViewer(file);
    } catch (error) {
      const placed = placeError(error, []);
      if (placed.needsSignIn) context.onSessionEnded();
      state.notice = placed.banner ?? '';
      context.redraw();
    }
  }

  /** Asks for a folder ("Save to…"); answers its label, or null. */
  async function chooseFolder() {
    try {
      const folder = await call('choose_download_folder');
      return folder;
    } catch (error) {
      state.notice = placeError(error, []).banner ?? '';
      context.redraw();
      return null;
    }
  }

  async function saveTo(document) {
    const folder = await chooseFolder();
    if (folder) context.downloads.downloadDocument(document, organizationId, true, folder);
  }

  async function downloadAll(documents) {
    const folder = await chooseFolder();
    if (!folder) return;
    const started = t('documents-downloading-all', { count: documents.length, folder });
    state.notice = started;
    context.redraw();
    const results = await context.downloads.downloadDocuments(documents, organizationId, true, folder);
    // Unless something else has been said since (another batch, a view).
    if (state.notice !== started) return;
    const outcome = batchOutcome(results);
    const { count, saved } = outcome;
    state.notice = {
      saved: () => t('documents-downloaded-all-saved', { count, folder }),
      cancelled: () => t('documents-downloaded-all-cancelled', { saved, count, folder }),
      'saved-some': () => t('documents-downloaded-all-saved-some', { saved, count, folder }),
    }[batchEnding(outcome)]();
    context.redraw();
  }

  function setText(text) {
    if (text === state.filter.text) return;
    state.filter = { ...state.filter, text };
    refreshList();
  }

  // The list's parts, kept between draws: a keystroke, a filter or a sort
  // redraws the rows in view, the count and the header, never the page.
  const list = {
    of: null, // the documents the index was prepared from
    index: null,
    years: [],
    shown: null, // what the filters keep, in order (a RowsView)
    table: createVirtualTable({
      id: id('table'), className: 'documents', head: headRow, renderRow: documentRow, keyOf: (document) => document.id,
    }),
    count: h('span', { className: 'muted', id: id('count') }),
    // Their words are set where they are drawn: these are made before the
    // page has its catalogue, and kept across a change of language.
    downloadAll: h('button', {
      type: 'button', className: 'secondary', id: id('download-all'),
      onClick: () => downloadAll(list.shown.toArray()),
    }),
    noneMatch: h('p', { id: id('none-match'), hidden: true }),
  };

  /** Applies the filters and the order to the prepared list and shows it. */
  function refreshList({ fromTop = true } = {}) {
    const documents = state.view.documents;
    if (list.of !== documents) {
      list.index = createListIndex(documents, { searchText: documentSearchText, sortKeys: DOCUMENT_SORT_KEYS });
      list.years = yearsOf(documents);
      list.of = documents;
    }
    const { keep, filterKey } = documentFilter(state.filter);
    list.shown = list.index.query({
      key: state.sort.key, direction: state.sort.direction, text: state.filter.text, keep, filterKey,
    });
    list.count.textContent = state.view.partial
      ? t('documents-preparing', { count: state.view.total })
      : countLabel(list.shown.length, documents.length);
    list.downloadAll.disabled = list.shown.length === 0 || state.view.partial;
    list.noneMatch.hidden = list.shown.length > 0;
    list.table.element.hidden = list.shown.length === 0;
    list.table.show(list.shown, { fromTop });
  }

  function filterBar() {
    const select = (name, label, options) => h('label', { className: 'filter' }, label,
      h('select', {
        id: id(`filter-${name}`), disabled: Boolean(state.view?.partial),
        onChange: (event) => { state.filter = { ...state.filter, [name]: event.target.value }; refreshList(); },
      }, options.map(([value, text]) => h('option', { value, selected: state.filter[name] === value }, text))));
    return h('div', { className: 'filters', role: 'search' },
      select('kind', t('documents-kind'), [['', t('documents-all')], ['quote', t('documents-quotes')], ['invoice', t('documents-invoices')]]),
      select('status', t('documents-column-status'), [['', t('documents-all')], ['unpaid', t('document-status-unpaid')], ['overdue', t('document-status-overdue')], ['paid', t('document-status-paid')]]),
      select('year', t('documents-year'), [['', t('documents-all')], ...list.years.map((year) => [year, year])]),
      h('label', { className: 'filter grow' }, t('search'),
        h('input', {
          id: id('filter-text'), type: 'search', value: state.filter.text, placeholder: t('documents-search-hint'),
          disabled: Boolean(state.view?.partial),
          onInput: (event) => setText(event.target.value),
          onChange: (event) => setText(event.target.value),
        })),
      list.count,
      list.downloadAll);
  }

  function headRow() {
    const header = (column) => {
      const sorted = state.sort.key === column.key;
      return h('th', { scope: 'col', 'aria-sort': sorted ? (state.sort.direction === 'asc' ? 'ascending' : 'descending') : null },
        h('button', {
          type: 'button', className: 'sort', id: id(`sort-${column.key}`), disabled: Boolean(state.view?.partial),
          onClick: () => { state.sort = nextSort(state.sort, column.key); list.table.drawHead(); refreshList(); },
        }, column.label, sorted ? (state.sort.direction === 'asc' ? ' ▲' : ' ▼') : ''));
    };
    return h('tr', {}, header(COLUMNS[0]), h('th', { scope: 'col' }, t('documents-column-what')), COLUMNS.slice(1).map(header), h('th', { scope: 'col' }, h('span', { className: 'visually-hidden' }, t('documents-column-actions'))));
  }

  function documentRow(document) {
    return h('tr', { className: document.status, 'data-number': document.number },
      h('th', { scope: 'row' }, document.number),
      h('td', { className: 'what' }, h('span', { className: 'block title', title: document.title }, document.title), h('span', { className: 'muted small-text' }, kindLabel(document.kind))),
      h('td', {}, calendarDate(document.issued_on)),
      h('td', {}, document.due_on ? calendarDate(document.due_on) : '—'),
      h('td', { className: 'amount' }, formatAmount(document.amount, document.currency)),
      h('td', {}, h('span', { className: `status-tag ${document.status}` }, statusLabel(document.status, document.kind))),
      h('td', {}, h('div', { className: 'row-actions' },
        h('button', { type: 'button', className: 'link', 'data-action': 'view', onClick: () => view(document) }, t('view')),
        h('button', { type: 'button', className: 'link', 'data-action': 'download', onClick: () => context.downloads.downloadDocument(document, organizationId, false, t('downloads-folder')) }, t('download')),
        h('button', { type: 'button', className: 'link', 'data-action': 'save-to', onClick: () => saveTo(document) }, t('documents-save-to')))));
  }

  /** When the list shown is a kept copy: being checked, or offline. */
  function listAge() {
    if (state.view.cached_at === null) return null;
    if (state.view.checking) {
      return h('p', { className: 'muted small-text', id: id('checking'), role: 'status' }, t('documents-checking', { ago: ago(state.view.cached_at) }));
    }
    if (state.banner) {
      return h('p', { className: 'muted small-text', role: 'status' }, t('documents-as-synced', { ago: ago(state.view.cached_at) }));
    }
    return h('p', { className: 'banner warning', role: 'status' }, t('documents-offline', { ago: ago(state.view.cached_at) }));
  }

  /** The list (loading it on first show). */
  function render(bannerView, intro) {
    if ((!state.view || state.view.checking) && !state.loading && !state.banner) load();
    if (!state.view) {
      return h('div', {}, state.banner ? bannerView(state.banner, state.banner.action) : null,
        h('p', { className: 'loading' }, t('documents-loading')));
    }
    const documents = state.view.documents;
    let content = h('p', { id: id('empty') }, t('documents-empty'));
    if (documents.length > 0) {
      list.table.drawHead();
      list.downloadAll.textContent = t('documents-download-all');
      list.noneMatch.textContent = t('documents-none-match');
      refreshList({ fromTop: false });
      // Once in the page, the rows fill the height the table really has.
      requestAnimationFrame(() => list.table.paint());
      content = [filterBar(), list.noneMatch, list.table.element];
    }
    return h('section', {
      className: 'card details documents-card', id: id('list'), 'aria-busy': state.loading || state.view.checking ? 'true' : null,
    },
      intro,
      listAge(),
      state.banner ? bannerView(state.banner, state.banner.action) : null,
      state.notice ? h('p', { className: 'status', id: id('notice'), role: 'status' }, state.notice) : null,
      content);
  }

  /** The list is shown again: it is checked behind what it shows (one
   * request while it is unchanged). */
  function enter() {
    if (state.view && !state.loading && !state.banner) state.view = { ...state.view, checking: true };
  }

  return { render, enter, reset: () => { state.view = null; state.banner = null; state.notice = ''; state.filter = { ...NO_FILTER }; } };
}
