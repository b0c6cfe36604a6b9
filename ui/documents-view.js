// A document list: My Payments (the user's own) or one organization's in
// the Payments Manager. Sortable and filterable here; View opens the PDF
// inside the app; Download, Save to… and Download all go through the
// Downloads panel.

import { call } from './lib/ipc.js';
import { h } from './lib/dom.js';
import { placeError } from './lib/errors.js';
import { ago } from './lib/format.js';
import {
  NO_FILTER, countLabel, filterDocuments, formatAmount, kindLabel, nextSort, sortDocuments, statusLabel, yearsOf,
} from './lib/documents.js';

const COLUMNS = [
  { key: 'number', label: 'Number' },
  { key: 'issued_on', label: 'Issued' },
  { key: 'due_on', label: 'Due' },
  { key: 'amount', label: 'Amount' },
  { key: 'status', label: 'Status' },
];

/** A document list for `organizationId` (null: the user's own).
 * `context` = {redraw, fetch (a read of the screen showing the list),
 * onSessionEnded, downloads, openViewer, idPrefix}. */
export function createDocumentsView(organizationId, context) {
  const state = {
    view: null, loading: false, banner: null, notice: '', filter: { ...NO_FILTER }, sort: { key: 'issued_on', direction: 'desc' },
  };
  const id = (name) => `${context.idPrefix}-${name}`;

  async function load() {
    state.loading = true;
    context.redraw();
    try {
      state.view = await context.fetch('load_documents', { organization_id: organizationId });
      state.banner = null;
    } catch (error) {
      const placed = placeError(error, []);
      if (placed.dropped) return;
      if (placed.needsSignIn) context.onSessionEnded();
      else state.banner = { text: placed.banner, retry: placed.retryable, action: load };
    } finally {
      state.loading = false;
      context.redraw();
    }
  }

  async function view(document) {
    state.notice = `Opening ${document.number}…`;
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
    state.notice = `Downloading ${countLabel(documents.length, documents.length)} into ${folder}.`;
    context.redraw();
    await Promise.all(documents.map((document) => context.downloads.downloadDocument(document, organizationId, true, folder)));
  }

  function setText(text) {
    if (text === state.filter.text) return;
    state.filter = { ...state.filter, text };
    context.redraw();
  }

  function filterBar(documents, shown) {
    const select = (name, label, options) => h('label', { className: 'filter' }, label,
      h('select', {
        id: id(`filter-${name}`),
        onChange: (event) => { state.filter = { ...state.filter, [name]: event.target.value }; context.redraw(); },
      }, options.map(([value, text]) => h('option', { value, selected: state.filter[name] === value }, text))));
    return h('div', { className: 'filters', role: 'search' },
      select('kind', 'Kind', [['', 'All'], ['quote', 'Quotes'], ['invoice', 'Invoices']]),
      select('status', 'Status', [['', 'All'], ['unpaid', 'Unpaid'], ['overdue', 'Overdue'], ['paid', 'Paid']]),
      select('year', 'Year', [['', 'All'], ...yearsOf(documents).map((year) => [year, year])]),
      h('label', { className: 'filter grow' }, 'Search',
        h('input', {
          id: id('filter-text'), type: 'search', value: state.filter.text, placeholder: 'Number, title or file name',
          onInput: (event) => setText(event.target.value),
          onChange: (event) => setText(event.target.value),
        })),
      h('span', { className: 'muted', id: id('count') }, countLabel(shown.length, documents.length)),
      h('button', { type: 'button', className: 'secondary', id: id('download-all'), disabled: shown.length === 0, onClick: () => downloadAll(shown) }, 'Download all…'));
  }

  function table(shown) {
    const header = (column) => {
      const sorted = state.sort.key === column.key;
      return h('th', { scope: 'col', 'aria-sort': sorted ? (state.sort.direction === 'asc' ? 'ascending' : 'descending') : null },
        h('button', {
          type: 'button', className: 'sort', id: id(`sort-${column.key}`),
          onClick: () => { state.sort = nextSort(state.sort, column.key); context.redraw(); },
        }, column.label, sorted ? (state.sort.direction === 'asc' ? ' ▲' : ' ▼') : ''));
    };
    return h('div', { className: 'table-scroll' }, h('table', { className: 'documents', id: id('table') },
      h('thead', {}, h('tr', {}, header(COLUMNS[0]), h('th', { scope: 'col' }, 'What'), COLUMNS.slice(1).map(header), h('th', { scope: 'col' }, h('span', { className: 'visually-hidden' }, 'Actions')))),
      h('tbody', {}, shown.map((document) => h('tr', { className: document.status, 'data-number': document.number },
        h('th', { scope: 'row' }, document.number),
        h('td', {}, h('span', { className: 'block' }, document.title), h('span', { className: 'muted small-text' }, kindLabel(document.kind))),
        h('td', {}, document.issued_on),
        h('td', {}, document.due_on ?? '—'),
        h('td', { className: 'amount' }, formatAmount(document.amount, document.currency)),
        h('td', {}, h('span', { className: `status-tag ${document.status}` }, statusLabel(document.status, document.kind))),
        h('td', {}, h('div', { className: 'row-actions' },
          h('button', { type: 'button', className: 'link', 'data-action': 'view', onClick: () => view(document) }, 'View'),
          h('button', { type: 'button', className: 'link', 'data-action': 'download', onClick: () => context.downloads.downloadDocument(document, organizationId, false, 'Downloads') }, 'Download'),
          h('button', { type: 'button', className: 'link', 'data-action': 'save-to', onClick: () => saveTo(document) }, 'Save to…'))))))));
  }

  /** The list (loading it on first show). */
  function render(bannerView, intro) {
    if (!state.view && !state.loading && !state.banner) load();
    if (!state.view) {
      return h('div', {}, state.banner ? bannerView(state.banner, state.banner.action) : null,
        h('p', { className: 'loading' }, 'Loading documents…'));
    }
    const documents = state.view.documents;
    const shown = sortDocuments(filterDocuments(documents, state.filter), state.sort.key, state.sort.direction);
    return h('section', { className: 'card details documents-card', id: id('list') },
      intro,
      state.view.cached_at !== null
        ? h('p', { className: 'banner warning', role: 'status' }, `Offline: showing the list as last synced ${ago(state.view.cached_at)}. Downloaded files open from the Library.`)
        : null,
      state.banner ? bannerView(state.banner, state.banner.action) : null,
      state.notice ? h('p', { className: 'status', id: id('notice'), role: 'status' }, state.notice) : null,
      documents.length === 0
        ? h('p', { id: id('empty') }, 'No quotes or invoices yet.')
        : [filterBar(documents, shown), shown.length === 0 ? h('p', { id: id('none-match') }, 'No documents match these filters.') : table(shown)]);
  }

  return { render, reset: () => { state.view = null; state.banner = null; state.notice = ''; state.filter = { ...NO_FILTER }; } };
}
