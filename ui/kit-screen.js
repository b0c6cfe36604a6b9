// The Partner Kit: the vendor's marketing material for partners whose role
// grants it, as a tree of folders; a file previewed in the viewer or
// downloaded, a folder downloaded, and a folder on this computer kept in
// sync (at once, on "Sync now", and at each update check).

import { call } from './lib/ipc.js';
import { h } from './lib/dom.js';
import { placeError } from './lib/errors.js';
import { isDropped } from './lib/epoch.js';
import { batchEnding, batchOutcome, humanSize } from './lib/downloads.js';
import { filesUnder, kitTree, syncDetails, syncSummary } from './lib/kit.js';
import { t } from './lib/i18n.js';
import { calendarDate, dateTime } from './lib/format.js';

/** The Partner Kit screen. `context` = {redraw, fetch, onSessionEnded,
 * downloads, openViewer, onAvailability(available)}. */
export function createPartnerKit(context) {
  // `available` is null until the roles are read this session.
  const state = {
    available: null, kit: null, loading: false, banner: null, notice: '', syncing: null, lastSync: null, syncError: '',
  };

  function fail(error, where = 'banner') {
    if (isDropped(error)) return;
    const placed = placeError(error, []);
    if (placed.needsSignIn) context.onSessionEnded();
    // A role that no longer grants the kit: the screen goes.
    if (placed.code === 'portal_error' && /Partner Kit/.test(placed.banner ?? '')) checkAvailable();
    if (where === 'sync') state.syncError = placed.banner ?? '';
    else state.banner = placed.banner;
  }

  /** Learns whether the user's roles grant the kit (the nav shows it). */
  async function checkAvailable() {
    let available = false;
    try {
      available = await call('partner_kit_available');
    } catch {
      available = false;
    }
    if (available !== state.available) {
      state.available = available;
      if (!available) state.kit = null;
      context.onAvailability(available);
    }
  }

  async function load() {
    state.loading = true;
    context.redraw();
    try {
      state.kit = await context.fetch('load_partner_kit');
      state.banner = null;
    } catch (error) {
      fail(error);
    } finally {
      state.loading = false;
      context.redraw();
    }
  }

  async function preview(file) {
    state.notice = t('opening', { name: file.path.at(-1) });
    context.redraw();
    try {
      const channel = new window.__TAURI__.core.Channel();
      const viewable = await call('view_kit_file', { id: file.id, download_id: `kit-view-${file.id}-${Date.now()}`, on_event: channel });
      state.notice = '';
      context.openViewer(viewable);
    } catch (error) {
      state.notice = '';
      fail(error);
    }
    context.redraw();
  }

  function download(file) {
    context.downloads.downloadKitFile(file, null, false, t('downloads-folder'));
  }

  async function downloadFolder(folder) {
    const files = filesUnder(folder);
    const started = t('kit-downloading-folder', { count: files.length, folder: folder.name });
    state.notice = started;
    context.redraw();
    const results = await context.downloads.downloadKitFiles(files, folder.path, false, t('downloads-folder'));
    // Unless something else has been said since (another folder, a preview).
    if (state.notice !== started) return;
    const outcome = batchOutcome(results);
    const { count, saved } = outcome;
    const name = folder.name;
    state.notice = {
      saved: () => t('kit-downloaded-folder-saved', { count, folder: name }),
      cancelled: () => t('kit-downloaded-folder-cancelled', { saved, count, folder: name }),
      'saved-some': () => t('kit-downloaded-folder-saved-some', { saved, count, folder: name }),
    }[batchEnding(outcome)]();
    context.redraw();
  }

  /** Runs a sync command with its progress shown on the sync card. */
  async function runSync(command) {
    state.syncing = { done: 0, total: null };
    state.syncError = '';
    context.redraw();
    const channel = new window.__TAURI__.core.Channel();
    channel.onmessage = (event) => {
      state.syncing = { done: event.done, total: event.total };
      context.redraw();
    };
    try {
      const report = await call(command, { on_event: channel });
      if (report) state.lastSync = report;
      await load();
    } catch (error) {
      fail(error, 'sync');
    } finally {
      state.syncing = null;
      context.redraw();
    }
  }

  async function stopSync() {
    try {
      await call('stop_kit_sync');
      state.lastSync = null;
      await load();
    } catch (error) {
      fail(error, 'sync');
      context.redraw();
    }
  }

  function fileRow(file) {
    const name = file.path.at(-1);
    return h('li', { className: 'kit-file', 'data-id': file.id, 'data-name': name },
      h('span', { className: 'kit-name' }, name),
      h('span', { className: 'muted small-text' }, t('kit-file-line', { size: humanSize(file.size), version: file.version, date: calendarDate(file.updated_at) })),
      h('span', { className: 'kit-actions' },
        file.previewable ? h('button', { type: 'button', className: 'link', 'data-action': 'preview', 'aria-label': t('kit-preview-named', { name }), onClick: () => preview(file) }, t('kit-preview')) : null,
        h('button', { type: 'button', className: 'link', 'data-action': 'download', 'aria-label': t('kit-download-named', { name }), onClick: () => download(file) }, t('download'))));
  }

  function folderView(folder) {
    const level = Math.min(1 + folder.path.length, 6);
    return h('section', { className: 'kit-folder', 'data-folder': folder.path.join('/'), 'aria-label': folder.path.join(' / ') },
      h('div', { className: 'kit-folder-head' },
        h(`h${level}`, { className: 'kit-folder-name' }, folder.name),
        h('button', {
          type: 'button', className: 'link', 'data-action': 'download-folder', 'aria-label': t('kit-download-folder-named', { folder: folder.name }),
          onClick: () => downloadFolder(folder),
        }, t('kit-download-folder'))),
      treeView(folder));
  }

  function treeView(node) {
    return h('div', { className: 'kit-tree' },
      node.folders.map(folderView),
      node.files.length ? h('ul', { className: 'kit-files' }, node.files.map(fileRow)) : null);
  }

  function reportView(report, id) {
    const details = syncDetails(report);
    return h('div', { className: 'kit-report', id },
      h('p', {}, syncSummary(report)),
      details.length ? h('ul', { className: 'small-text' }, details.map((line) => h('li', {}, line))) : null);
  }

  function syncCard(kit) {
    const progress = state.syncing
      ? h('p', { className: 'status', id: 'kit-sync-progress', role: 'status' },
        state.syncing.total === null ? t('kit-syncing') : t('kit-syncing-progress', { done: state.syncing.done, total: state.syncing.total }))
      : null;
    return h('section', { className: 'kit-sync', id: 'kit-sync', 'aria-label': t('kit-sync-label') },
      kit.sync_folder
        ? [h('p', {}, t('kit-synced-with-before'), h('strong', { id: 'kit-sync-folder' }, kit.sync_folder), t('kit-synced-with-after')),
        h('div', { className: 'actions' },
          h('button', { type: 'button', id: 'kit-sync-now', disabled: Boolean(state.syncing), onClick: () => runSync('sync_kit_folder') }, t('kit-sync-now')),
          h('button', { type: 'button', className: 'secondary', id: 'kit-sync-stop', disabled: Boolean(state.syncing), onClick: stopSync }, t('kit-sync-stop')))]
        : [h('p', {}, t('kit-sync-intro')),
          h('button', { type: 'button', id: 'kit-sync-choose', disabled: Boolean(state.syncing), onClick: () => runSync('choose_kit_sync_folder') }, t('kit-sync-choose'))],
      progress,
      state.syncError ? h('p', { className: 'banner error', role: 'alert', id: 'kit-sync-error' }, state.syncError) : null,
      state.lastSync ? reportView(state.lastSync, 'kit-last-sync') : null);
  }

  function historyView(kit) {
    if (kit.history.length === 0) return null;
    return h('section', { className: 'kit-history', 'aria-label': t('kit-history') },
      h('h2', {}, t('kit-history')),
      h('ol', { id: 'kit-history' }, kit.history.map((report) => h('li', {},
        h('span', { className: 'muted small-text' }, dateTime(report.at)),
        reportView(report)))));
  }

  function render() {
    if (state.kit === null && !state.loading && !state.banner) load();
    const kit = state.kit;
    return h('section', { className: 'card details kit', id: 'partner-kit' },
      h('p', { className: 'hint' }, t('kit-intro')),
      kit?.offline ? h('p', { className: 'banner info', id: 'kit-offline', role: 'status' }, kit.offline) : null,
      state.banner ? h('p', { className: 'banner error', role: 'alert', id: 'kit-banner' }, state.banner) : null,
      state.notice ? h('p', { className: 'status', id: 'kit-notice', role: 'status' }, state.notice) : null,
      kit === null
        ? (state.loading ? h('p', { className: 'loading' }, t('kit-loading')) : null)
        : [syncCard(kit),
          kit.files.length === 0
            ? h('p', { id: 'kit-empty' }, t('kit-empty'))
            : h('div', { id: 'kit-files', 'aria-label': t('kit-files') }, treeView(kitTree(kit.files))),
          historyView(kit)]);
  }

  return {
    render,
    /** Whether the roles grant the kit; null until they are read. */
    available: () => state.available,
    checkAvailable,
    /** The update check synced the folder: what it did is shown here. */
    synced: (report) => { state.lastSync = report; state.syncError = ''; if (state.kit) load(); },
    /** The update check could not sync the folder: when the portal
     * refused, the roles are read again (they may no longer grant the
     * kit); a folder gone or read-only is only said. */
    syncFailed: (message, code) => {
      state.syncError = message;
      context.redraw();
      if (code === 'portal_error') checkAvailable();
    },
    reset: () => Object.assign(state, { kit: null, banner: null, notice: '', syncError: '' }),
    signedOut: () => Object.assign(state, { available: null, kit: null, lastSync: null, banner: null, notice: '', syncError: '' }),
  };
}
