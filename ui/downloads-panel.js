// The Downloads panel: every download's progress, speed and time left,
// with Cancel and Retry; afterwards Open and Show in folder; the history
// from earlier sessions below. It redraws only itself on progress events.

import { call } from './lib/ipc.js';
import { h, replaceChildren } from './lib/dom.js';
import { placeError } from './lib/errors.js';
import { ago } from './lib/format.js';
import {
  applyEvent, cancellable, failureNews, humanSize, isActive, newDownload, newlyFailed, panelRows, percent, progressLine,
} from './lib/downloads.js';
import { t } from './lib/i18n.js';
import { nextNews } from './lib/live-words.js';

/** The Downloads controller; `onSessionEnded` asks for a new sign-in. */
export function createDownloads(onSessionEnded) {
  const downloads = new Map(); // id → record, oldest first
  const state = { open: false, history: null, banner: null };
  const panel = h('aside', { className: 'downloads-panel', id: 'downloads-panel', 'aria-labelledby': 'downloads-panel-title', hidden: true });
  const badge = h('span', { className: 'badge', id: 'downloads-badge', hidden: true });
  // Tells screen readers of failures, once each (the rows are redrawn
  // every frame while downloads run, so a row cannot be the alert); it
  // stays in the page whether the panel is open or not.
  const news = h('p', { className: 'visually-hidden', id: 'downloads-news', role: 'status' });
  const told = new Set(); // ids of the failed downloads `news` told of
  let counter = 0;
  let commandsUnderWay = 0;
  let drawAsked = false;

  function newId() {
    counter += 1;
    return `download-${Date.now()}-${counter}`;
  }

  /** Runs `command` with a fresh channel and download id; answers the
   * command's result (or null when it failed, which the panel shows). */
  async function run(title, folderLabel, command, args) {
    const id = newId();
    downloads.set(id, newDownload(id, title, folderLabel));
    const channel = new window.__TAURI__.core.Channel();
    channel.onmessage = (event) => update(id, (download) => applyEvent(download, event));
    return underWay(async () => {
      try {
        return await call(command, { ...args, download_id: id, on_event: channel });
      } catch (error) {
        failAll([id], error);
        return null;
      }
    });
  }

  /** Runs `command`, a download of several at once (`itemsArg` names its
   * items, `args` the rest): each item (with an `id`) a download of its
   * own in the panel, titled `titleOf(item)`; answers each one's result,
   * in order: {entry (its library entry, or null when it stopped),
   * cancelled}. */
  function runBatch(items, titleOf, folderLabel, command, itemsArg, args) {
    if (!state.open) toggle(true);
    const ids = items.map((item) => {
      const id = newId();
      downloads.set(id, newDownload(id, titleOf(item), folderLabel));
      return id;
    });
    const channel = new window.__TAURI__.core.Channel();
    channel.onmessage = (message) => update(message.download_id, (download) => applyEvent(download, message));
    return underWay(async () => {
      try {
        const ends = await call(command, {
          ...args,
          [itemsArg]: items.map((item, index) => ({ id: item.id, download_id: ids[index] })),
          on_event: channel,
        });
        // The answer holds every end (the channel's may come after it).
        for (const end of ends) update(end.download_id, (download) => applyEvent(download, end));
        return ends.map((end) => ({ entry: end.entry ?? null, cancelled: end.error?.code === 'cancelled' }));
      } catch (error) {
        failAll(ids, error);
        return ids.map(() => ({ entry: null, cancelled: false }));
      }
    });
  }

  /** Downloads listed documents at once ("Download all…"). */
  function downloadDocuments(documents, organizationId, toChosenFolder, folderLabel) {
    return runBatch(documents, documentTitle, folderLabel, 'download_documents', 'documents',
      { organization_id: organizationId, to_chosen_folder: toChosenFolder });
  }

  /** Downloads Partner Kit files at once, as part of the kit's folder
   * `under` (a list of folder names), into a folder of that name. */
  function downloadKitFiles(files, under, toChosenFolder, folderLabel) {
    return runBatch(files, (file) => file.path.at(-1), folderLabel, 'download_kit_files', 'files',
      { under, to_chosen_folder: toChosenFolder });
  }

  /** Runs `work` (a command and its downloads); the history is read again
   * once no command is under way (not after each of thousands). */
  async function underWay(work) {
    commandsUnderWay += 1;
    redraw();
    try {
      return await work();
    } finally {
      commandsUnderWay -= 1;
      if (commandsUnderWay === 0) state.history = null;
      redraw();
    }
  }

  /** The downloads `ids` stopped on `error` (the command failed). */
  function failAll(ids, error) {
    const placed = placeError(error, []);
    if (placed.needsSignIn) onSessionEnded();
    for (const id of ids) {
      update(id, (download) => (download.state === 'failed' || download.state === 'cancelled'
        ? download : applyEvent(download, { event: 'failed', error: { code: placed.code, message: placed.banner ?? '' } })));
    }
  }

  function update(id, change) {
    const download = downloads.get(id);
    if (download) downloads.set(id, change(download));
    redraw();
  }

  async function loadHistory() {
    try {
      state.history = await call('load_download_history');
      state.banner = null;
    } catch (error) {
      state.history = [];
      state.banner = placeError(error, []).banner;
    }
    redraw();
  }

  async function act(command, entryId) {
    try {
      await call(command, { entry_id: entryId });
      state.banner = null;
    } catch (error) {
      state.banner = placeError(error, []).banner;
    }
    redraw();
  }

  const entryActions = (entry) => (entry.missing
    ? [h('span', { className: 'missing' }, t('downloads-missing'))]
    : [entry.open_refusal
        ? h('span', { className: 'open-refusal muted small-text' }, entry.open_refusal)
        : h('button', { type: 'button', className: 'link', 'data-action': 'open', onClick: () => act('open_downloaded_file', entry.id) }, t('downloads-open')),
      h('button', { type: 'button', className: 'link', 'data-action': 'show', onClick: () => act('show_in_folder', entry.id) }, t('downloads-show-in-folder'))]);

  function row(download) {
    const active = isActive(download);
    return h('li', { className: `download ${download.state}`, 'data-state': download.state, 'data-title': download.title },
      h('div', { className: 'download-title' }, download.title, h('span', { className: 'muted small-text' }, ` → ${download.folderLabel}`)),
      active || download.state === 'finished'
        ? h('progress', { max: 100, value: percent(download), 'aria-label': `${download.title}: ${percent(download)}%` }) : null,
      h('div', { className: 'download-line' }, progressLine(download)),
      h('div', { className: 'download-actions' },
        active ? h('button', { type: 'button', className: 'link', 'data-action': 'cancel', onClick: () => call('cancel_download', { download_id: download.id }) }, t('cancel')) : null,
        download.state === 'finished' && download.entry ? entryActions(download.entry) : null));
  }

  function historyRow(entry) {
    const failed = entry.outcome !== 'finished';
    return h('li', { className: `download history ${entry.outcome}`, 'data-title': entry.title },
      h('div', { className: 'download-title' }, entry.title, h('span', { className: 'muted small-text' }, ` · ${ago(entry.at)}`)),
      h('div', { className: 'download-line' }, failed ? (entry.message ?? t('downloads-stopped')) : t('downloads-saved-at', { size: humanSize(entry.size), path: entry.path })),
      h('div', { className: 'download-actions' },
        failed || entry.missing
          ? h('button', { type: 'button', className: 'link', 'data-action': 'retry', onClick: () => retry(entry) }, failed ? t('downloads-retry') : t('downloads-again'))
          : entryActions(entry)));
  }

  /** Draws on the next frame: the events of many downloads that arrive
   * together are drawn once. */
  function redraw() {
    if (drawAsked) return;
    drawAsked = true;
    requestAnimationFrame(() => {
      drawAsked = false;
      draw();
    });
  }

  function draw() {
    const newestFirst = [...downloads.values()].reverse();
    const running = newestFirst.filter(isActive).length;
    badge.hidden = running === 0;
    badge.textContent = String(running);
    news.textContent = nextNews(news.textContent, failureNews(newlyFailed(newestFirst, told)));
    panel.hidden = !state.open;
    if (!state.open) return;
    if (state.history === null) { state.history = []; loadHistory(); }
    const shownIds = new Set(newestFirst.map((download) => download.entry?.id).filter(Boolean));
    const { shown, rest } = panelRows(newestFirst);
    const stoppable = cancellable(newestFirst);
    replaceChildren(panel,
      h('div', { className: 'panel-head' },
        h('h2', { id: 'downloads-panel-title' }, t('downloads-title')),
        stoppable.length > 1
          ? h('button', { type: 'button', className: 'link', id: 'cancel-all-downloads', onClick: () => cancelAll(stoppable) }, t('downloads-cancel-all'))
          : null,
        h('button', { type: 'button', className: 'link', id: 'close-downloads', onClick: () => toggle(false) }, t('close'))),
      state.banner ? h('p', { className: 'banner error', role: 'alert' }, state.banner) : null,
      downloads.size === 0 && state.history.length === 0 ? h('p', { className: 'muted' }, t('downloads-none')) : null,
      h('ul', { className: 'downloads', id: 'downloads-now' }, shown.map(row)),
      rest ? h('p', { className: 'muted', id: 'downloads-more' }, t('downloads-more', rest)) : null,
      state.history.some((entry) => !shownIds.has(entry.id))
        ? [h('h3', {}, t('downloads-earlier')), h('ul', { className: 'downloads', id: 'downloads-history' },
          state.history.filter((entry) => !shownIds.has(entry.id)).map(historyRow))]
        : null);
  }

  /** Cancels the downloads `ids` (those under way or waiting when the
   * panel was drawn; one that ended since is left as it ended). */
  async function cancelAll(ids) {
    try {
      await call('cancel_downloads', { download_ids: ids });
    } catch (error) {
      state.banner = placeError(error, []).banner;
      redraw();
    }
  }

  function toggle(open = !state.open) {
    state.open = open;
    if (open) state.history = null;
    draw();
  }

  /** Downloads a listed document; `toChosenFolder` for "Save to…". */
  function downloadDocument(document, organizationId, toChosenFolder, folderLabel) {
    if (!state.open) toggle(true);
    return run(documentTitle(document), folderLabel,
      'download_document', { document_id: document.id, organization_id: organizationId, to_chosen_folder: toChosenFolder });
  }

  /** Downloads an attachment of ticket `number`, saved as `savedAs`. */
  function downloadAttachment(number, attachment, savedAs, toChosenFolder, folderLabel) {
    if (!state.open) toggle(true);
    return run(savedAs, folderLabel, 'download_attachment', { number, attachment_id: attachment.id, to_chosen_folder: toChosenFolder });
  }

  /** Downloads a Partner Kit file; within the kit's folder `under` (a
   * list of folder names), into a folder of that name. */
  function downloadKitFile(file, under, toChosenFolder, folderLabel) {
    if (!state.open) toggle(true);
    return run(file.path.at(-1), folderLabel, 'download_kit_file', { id: file.id, under, to_chosen_folder: toChosenFolder });
  }

  /** Downloads a history or library row again. */
  function retry(entry) {
    if (!state.open) toggle(true);
    return run(entry.title, entry.folder, 'retry_download', { entry_id: entry.id });
  }

  function documentTitle(document) {
    return t('downloads-document-title', { kind: t(`document-kind-${document.kind}`), number: document.number });
  }

  return {
    panel,
    news,
    toggleButton: () => h('button', { type: 'button', className: 'secondary', id: 'toggle-downloads', 'aria-expanded': String(state.open), onClick: () => toggle() }, t('downloads-title'), ' ', badge),
    downloadDocument,
    downloadDocuments,
    downloadAttachment,
    downloadKitFile,
    downloadKitFiles,
    retry,
    // A session's commands still under way when it ended never answer
    // (ipc.js): none is counted in the next.
    reset: () => { downloads.clear(); told.clear(); news.textContent = ''; commandsUnderWay = 0; state.open = false; state.history = null; draw(); },
  };
}
