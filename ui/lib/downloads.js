// Pure logic of the Downloads panel: a download's state from its channel
// events, speed and time left, sizes for people.

import { numberFormat, t } from './i18n.js';

/** How a batch of downloads ("Download all…", a Partner Kit folder) ended,
 * from each one's result ({entry, cancelled}: `entry` null when it did not
 * save, and its own line in the Downloads panel says why): {count, saved,
 * cancelled}. */
export function batchOutcome(results) {
  let saved = 0;
  let cancelled = 0;
  for (const result of results) {
    if (result.entry) saved += 1;
    else if (result.cancelled) cancelled += 1;
  }
  return { count: results.length, saved, cancelled };
}

/** Which of a batch's end notices fits `outcome`: every one saved, the
 * rest cancelled by the user (Cancel all, or each by hand), or some that
 * failed (the panel says why). */
export function batchEnding({ count, saved, cancelled }) {
  if (saved === count) return 'saved';
  if (cancelled > 0 && saved + cancelled === count) return 'cancelled';
  return 'saved-some';
}

/** How many downloads the Downloads panel lists at most: a "Download
 * all…" of thousands lists those that need the user first and counts the
 * rest. */
export const PANEL_ROWS = 50;

/** The downloads the panel lists, from all of this session's (newest
 * first): every one when they are at most `limit`; else the failed first
 * (they need the user), then those under way, then waiting, then the
 * ended, each kind newest first, listed newest first. `rest` counts those
 * left out ({count, saved, waiting, stopped}), or is null. */
export function panelRows(newestFirst, limit = PANEL_ROWS) {
  if (newestFirst.length <= limit) return { shown: newestFirst, rest: null };
  const kinds = [
    (download) => download.state === 'failed',
    (download) => download.state === 'running' || download.state === 'retrying',
    (download) => download.state === 'waiting',
    () => true,
  ];
  const picked = new Set();
  for (const kind of kinds) {
    for (const download of newestFirst) {
      if (picked.size === limit) break;
      if (!picked.has(download) && kind(download)) picked.add(download);
    }
  }
  const rest = { count: 0, saved: 0, waiting: 0, stopped: 0 };
  for (const download of newestFirst) {
    if (picked.has(download)) continue;
    rest.count += 1;
    if (download.state === 'finished') rest.saved += 1;
    else if (isActive(download)) rest.waiting += 1;
    else rest.stopped += 1;
  }
  return { shown: newestFirst.filter((download) => picked.has(download)), rest };
}

/** The downloads of `records` that failed since the panel last told of
 * failures; `told` holds the ids told of already, and this adds theirs.
 * The panel tells of a failure once, in its status line, rather than
 * drawing each failed row as an alert that every redraw would repeat. */
export function newlyFailed(records, told) {
  const failed = [];
  for (const download of records) {
    if (download.state === 'failed' && !told.has(download.id)) {
      told.add(download.id);
      failed.push(download);
    }
  }
  return failed;
}

/** What the panel's status line says of downloads that just failed: the
 * one by its title and reason, several by their count; '' for none. */
export function failureNews(failed) {
  if (failed.length === 0) return '';
  if (failed.length === 1) return t('downloads-failed-one', { title: failed[0].title, reason: failed[0].message || t('downloads-stopped') });
  return t('downloads-failed-many', { count: failed.length });
}

/** The ids of the downloads of `records` that Cancel all would stop. */
export function cancellable(records) {
  const ids = [];
  for (const download of records) if (isActive(download)) ids.push(download.id);
  return ids;
}

/** A new download record. */
export function newDownload(id, title, folderLabel) {
  return { id, title, folderLabel, state: 'waiting', done: 0, total: 0, speed: 0, message: '', entry: null };
}

/** The states a download does not leave. */
const ENDED = ['finished', 'failed', 'cancelled'];

/** The record after one channel event ({event: 'started' | 'progress' |
 * 'retrying' | 'finished' | 'failed', ...}). */
export function applyEvent(download, event) {
  // Channel messages may arrive after the command's answer: an ended
  // download stays ended.
  if (ENDED.includes(download.state)) return download;
  switch (event.event) {
    case 'started':
      return { ...download, state: 'running', total: event.total, done: event.resumed_from, message: event.resumed_from > 0 ? t('download-resumed-at', { size: humanSize(event.resumed_from) }) : '' };
    case 'progress':
      return { ...download, state: 'running', done: event.done, total: event.total, speed: event.bytes_per_second, message: '' };
    case 'retrying':
      return { ...download, state: 'retrying', speed: 0, message: t('download-retrying', { reason: capitalize(event.reason), seconds: Math.max(1, Math.round(event.wait_ms / 1000)) }) };
    case 'finished':
      return { ...download, state: 'finished', done: event.entry.size, total: event.entry.size, speed: 0, message: '', entry: event.entry };
    case 'failed':
      return { ...download, state: event.error.code === 'cancelled' ? 'cancelled' : 'failed', speed: 0, message: event.error.message };
    default:
      return download;
  }
}

/** Whole percent done, 0 while the size is unknown. */
export function percent(download) {
  return download.total > 0 ? Math.min(100, Math.floor((download.done / download.total) * 100)) : 0;
}

/** Seconds left at the current speed, or null when unknown. */
export function secondsLeft(download) {
  if (download.state !== 'running' || download.speed <= 0 || download.total <= 0) return null;
  return Math.ceil((download.total - download.done) / download.speed);
}

/** "12 s", "3 min", "1 h 5 min". */
export function formatDuration(seconds) {
  if (seconds === null || seconds === undefined) return '';
  if (seconds < 60) return t('duration-seconds', { seconds });
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 60) return t('duration-minutes', { minutes });
  return t('duration-hours', { hours: Math.floor(minutes / 60), minutes: minutes % 60 });
}

/** "830 KB", "1.5 MB", "12 bytes" (binary units, as the core prints). */
export function humanSize(bytes) {
  if (bytes < 1024) return t('size-bytes', { count: bytes });
  const units = ['kb', 'mb', 'gb', 'tb'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) { value /= 1024; unit += 1; }
  const digits = value < 10 ? 1 : 0;
  const number = numberFormat({ minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
  return t(`size-${units[unit]}`, { value: number });
}

/** "2.4 MB/s". */
export function formatSpeed(bytesPerSecond) {
  return bytesPerSecond > 0 ? t('download-speed', { size: humanSize(bytesPerSecond) }) : '';
}

/** One line under a download's title. */
export function progressLine(download) {
  switch (download.state) {
    case 'waiting': return t('download-waiting');
    case 'running': {
      const parts = [t('download-done-of-total', { done: humanSize(download.done), total: humanSize(download.total) })];
      const speed = formatSpeed(download.speed);
      if (speed) parts.push(speed);
      const left = formatDuration(secondsLeft(download));
      if (left) parts.push(t('download-time-left', { left }));
      if (download.message) parts.push(download.message);
      return parts.join(' · ');
    }
    case 'retrying': return download.message;
    case 'finished': return t('download-saved', { size: humanSize(download.total) });
    case 'cancelled': return t('download-cancelled');
    default: return download.message;
  }
}

/** True while cancel makes sense. */
export function isActive(download) {
  return download.state === 'waiting' || download.state === 'running' || download.state === 'retrying';
}

function capitalize(text) {
  const value = String(text ?? '');
  return value.charAt(0).toUpperCase() + value.slice(1);
}
