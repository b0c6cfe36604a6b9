import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  applyEvent, batchEnding, batchOutcome, cancellable, failureNews, formatDuration, newlyFailed, humanSize, isActive, newDownload, panelRows, percent, progressLine, secondsLeft,
} from '../lib/downloads.js';
import { t } from '../lib/i18n.js';
import { nextNews } from '../lib/live-words.js';
import { useLanguage } from './catalogue.js';

useLanguage('en');

const MB = 1024 * 1024;

test('a download follows its events to the end', () => {
  let download = newDownload('d1', 'Invoice INV-1', 'Downloads');
  download = applyEvent(download, { event: 'waiting' });
  assert.equal(progressLine(download), 'Waiting…');
  download = applyEvent(download, { event: 'started', total: 30 * MB, resumed_from: 3 * MB });
  assert.equal(percent(download), 10);
  assert.match(progressLine(download), /Resumed at 3.0 MB/);
  download = applyEvent(download, { event: 'progress', done: 15 * MB, total: 30 * MB, bytes_per_second: 5 * MB });
  assert.equal(secondsLeft(download), 3);
  assert.equal(progressLine(download), '15 MB of 30 MB · 5.0 MB/s · 3 s left');
  download = applyEvent(download, { event: 'retrying', attempt: 2, wait_ms: 1000, reason: 'the connection broke' });
  assert.equal(progressLine(download), 'The connection broke; trying again in 1 s');
  assert.equal(isActive(download), true);
  const entry = { id: 9, size: 30 * MB, path: '/x/INV-1.pdf' };
  download = applyEvent(download, { event: 'finished', entry });
  assert.equal(download.state, 'finished');
  assert.equal(percent(download), 100);
  assert.equal(download.entry, entry);
  assert.equal(isActive(download), false);
});

test('failures and cancels say so', () => {
  const failed = applyEvent(newDownload('d', 't', 'f'), { event: 'failed', error: { code: 'download_failed', message: 'The file arrived damaged.' } });
  assert.equal(failed.state, 'failed');
  assert.equal(progressLine(failed), 'The file arrived damaged.');
  const cancelled = applyEvent(newDownload('d', 't', 'f'), { event: 'failed', error: { code: 'cancelled', message: 'Cancelled.' } });
  assert.equal(cancelled.state, 'cancelled');
  assert.equal(secondsLeft(cancelled), null);
});

test('a message that arrives after the download ended changes nothing', () => {
  const started = applyEvent(newDownload('d3', 'Invoice INV-3', 'Downloads'), { event: 'started', total: 10, resumed_from: 0 });
  for (const end of [
    { event: 'failed', error: { code: 'network', message: 'The portal stopped answering.' } },
    { event: 'failed', error: { code: 'cancelled', message: 'Cancelled.' } },
    { event: 'finished', entry: { id: 3, size: 10, path: '/x/INV-3.pdf' } },
  ]) {
    const ended = applyEvent(started, end);
    for (const late of [
      { event: 'progress', done: 5, total: 10, bytes_per_second: 1 },
      { event: 'retrying', attempt: 2, wait_ms: 1000, reason: 'the connection broke' },
      { event: 'started', total: 10, resumed_from: 0 },
    ]) {
      assert.deepEqual(applyEvent(ended, late), ended, `${end.event} then ${late.event}`);
    }
  }
});

test('sizes and durations read naturally', () => {
  assert.equal(humanSize(12), '12 bytes');
  assert.equal(humanSize(1536), '1.5 KB');
  assert.equal(humanSize(1024 * MB), '1.0 GB');
  assert.equal(formatDuration(59), '59 s');
  assert.equal(formatDuration(61), '2 min');
  assert.equal(formatDuration(3900), '1 h 5 min');
  assert.equal(formatDuration(null), '');
});

test('a batch of downloads ends with what was saved, and points to the panel for the rest', () => {
  const saved = { entry: { id: 1 }, cancelled: false };
  const failed = { entry: null, cancelled: false };
  const cancelled = { entry: null, cancelled: true };
  assert.deepEqual(batchOutcome([saved, saved, saved]), { count: 3, saved: 3, cancelled: 0 });
  assert.equal(batchEnding(batchOutcome([saved, saved, saved])), 'saved');
  assert.deepEqual(batchOutcome([saved, failed, saved]), { count: 3, saved: 2, cancelled: 0 });
  assert.equal(batchEnding(batchOutcome([saved, failed, saved])), 'saved-some');
  assert.deepEqual(batchOutcome([failed, failed]), { count: 2, saved: 0, cancelled: 0 });
  // Stopped by the user: said as cancelled, not as something to look into.
  assert.equal(batchEnding(batchOutcome([saved, cancelled, cancelled])), 'cancelled');
  assert.equal(batchEnding(batchOutcome([cancelled])), 'cancelled');
  // One that failed among the cancelled still points to the panel.
  assert.equal(batchEnding(batchOutcome([cancelled, failed])), 'saved-some');
  assert.equal(t('documents-downloaded-all-cancelled', { saved: 0, count: 12, folder: 'Q' }), 'Download all cancelled: nothing saved into Q.');
  assert.equal(t('documents-downloaded-all-cancelled', { saved: 1, count: 12, folder: 'Q' }), 'Download all cancelled: 1 of 12 documents saved into Q.');
  assert.equal(t('kit-downloaded-folder-cancelled', { saved: 0, count: 3, folder: 'Logos' }), 'Cancelled: no file of Logos saved.');
  assert.equal(t('kit-downloaded-folder-cancelled', { saved: 2, count: 3, folder: 'Logos' }), 'Cancelled: 2 of 3 files of Logos saved into Downloads.');
  // What the screens say with it, in both languages.
  assert.equal(t('documents-downloaded-all-saved', { count: 3, folder: 'Quotes 2023' }), '3 documents saved into Quotes 2023.');
  assert.equal(t('documents-downloaded-all-saved-some', { saved: 2, count: 3, folder: 'Quotes 2023' }),
    '2 of 3 documents saved into Quotes 2023: the Downloads panel says what stopped the others.');
  assert.equal(t('kit-downloaded-folder-saved', { count: 1, folder: 'Brochures' }), '1 file of Brochures saved into Downloads.');
  assert.equal(t('kit-downloaded-folder-saved-some', { saved: 0, count: 1, folder: 'Logos' }),
    'The file of Logos was not saved: the Downloads panel says why.');
  useLanguage('de');
  try {
    assert.equal(t('documents-downloaded-all-saved-some', { saved: 1, count: 2, folder: 'Angebote' }),
      '1 von 2 Dokumenten in Angebote gespeichert: Im Bereich Downloads steht, was die übrigen aufgehalten hat.');
    assert.equal(t('kit-downloaded-folder-saved', { count: 2, folder: 'Logos' }), '2 Dateien aus Logos in Downloads gespeichert.');
    assert.equal(t('documents-downloaded-all-cancelled', { saved: 0, count: 2, folder: 'Angebote' }),
      '„Alle herunterladen“ abgebrochen: nichts in Angebote gespeichert.');
    assert.equal(t('kit-downloaded-folder-cancelled', { saved: 1, count: 3, folder: 'Logos' }),
      'Abgebrochen: 1 von 3 Dateien aus Logos in Downloads gespeichert.');
  } finally {
    useLanguage('en');
  }
});

test('the panel lists at most its rows: the failed first, then those under way, then waiting, and counts the rest', () => {
  const record = (n, state) => ({ ...newDownload(`d${n}`, `Invoice ${n}`, 'Downloads'), state });
  // Newest first: 120 of a "Download all…": 1–60 saved but 7, which
  // failed, as did 100; 61 and 62 under way; the rest waiting.
  const stateOf = (n) => {
    if (n === 7 || n === 100) return 'failed';
    if (n <= 60) return 'finished';
    return n <= 62 ? 'running' : 'waiting';
  };
  const newestFirst = [];
  for (let n = 120; n >= 1; n -= 1) newestFirst.push(record(n, stateOf(n)));
  const { shown, rest } = panelRows(newestFirst, 10);
  assert.equal(shown.length, 10);
  assert.deepEqual(shown.filter((download) => download.state === 'failed').map((download) => download.id), ['d100', 'd7']);
  assert.deepEqual(shown.filter((download) => download.state === 'running').map((download) => download.id), ['d62', 'd61']);
  assert.equal(shown.filter((download) => download.state === 'waiting').length, 6);
  // Listed newest first, as the panel lists them.
  const order = shown.map((download) => Number(download.id.slice(1)));
  assert.deepEqual(order, [...order].sort((a, b) => b - a));
  assert.deepEqual(rest, { count: 110, saved: 59, waiting: 51, stopped: 0 });
  assert.equal(t('downloads-more', rest), '110 more downloads: 59 saved, 51 to go, 0 stopped.');
  // A few are all listed, in their order.
  const few = newestFirst.slice(0, 5);
  assert.deepEqual(panelRows(few, 10), { shown: few, rest: null });
});

test('a failure is told once, and several at once by their count', () => {
  const told = new Set();
  const failed = (id, message) => applyEvent(newDownload(id, `Invoice ${id}`, 'Downloads'), { event: 'failed', error: { code: 'offline', message } });
  const cancelled = applyEvent(newDownload('c', 'Quote c', 'Downloads'), { event: 'failed', error: { code: 'cancelled', message: 'Cancelled' } });
  const running = applyEvent(newDownload('r', 'Quote r', 'Downloads'), { event: 'progress', done: 1, total: 2, bytes_per_second: 1 });
  const first = [failed('a', 'The portal cannot be reached.'), cancelled, running];
  const once = newlyFailed(first, told);
  assert.deepEqual(once.map((download) => download.id), ['a']);
  assert.equal(failureNews(once), 'Invoice a stopped: The portal cannot be reached.');
  // Drawn again: nothing new to tell.
  assert.deepEqual(newlyFailed(first, told), []);
  assert.equal(failureNews([]), '');
  // A batch that fails together is told as one count.
  const batch = [...first, failed('b', 'x'), failed('c2', 'y'), failed('d', '')];
  const many = newlyFailed(batch, told);
  assert.equal(many.length, 3);
  assert.equal(failureNews(many), '3 downloads stopped: the Downloads panel lists them first.');
  // A failure without a reason still says it stopped.
  assert.equal(failureNews([failed('e', '')]), 'Invoice e stopped: Stopped');
  // The status line: news replaces what it said; nothing new leaves it;
  // the same words again are changed so that they are read out again.
  const said = nextNews('', failureNews(once));
  assert.equal(said, 'Invoice a stopped: The portal cannot be reached.');
  assert.equal(nextNews(said, failureNews([])), said);
  const again = nextNews(said, failureNews(once));
  assert.notEqual(again, said);
  assert.equal(again.trim(), said);
  assert.notEqual(nextNews(again, failureNews(once)), again, 'a third time is read out too');
  assert.equal(nextNews(again, failureNews(many)), failureNews(many));
  useLanguage('de');
  try {
    assert.equal(failureNews(many), '3 Downloads fehlgeschlagen: Der Bereich Downloads zeigt sie zuerst.');
  } finally {
    useLanguage('en');
  }
});

test('Cancel all stops what is waiting, running or retrying, and nothing that ended', () => {
  const waiting = newDownload('w', 'W', 'Downloads');
  const running = applyEvent(newDownload('r', 'R', 'Downloads'), { event: 'progress', done: 1, total: 2, bytes_per_second: 1 });
  const retrying = applyEvent(running, { event: 'retrying', attempt: 2, wait_ms: 1000, reason: 'x' });
  const finished = applyEvent(newDownload('f', 'F', 'Downloads'), { event: 'finished', entry: { id: 1, size: 2, path: '/f' } });
  const failed = applyEvent(newDownload('x', 'X', 'Downloads'), { event: 'failed', error: { code: 'offline', message: 'm' } });
  assert.deepEqual(cancellable([waiting, running, { ...retrying, id: 'q' }, finished, failed]), ['w', 'r', 'q']);
  assert.deepEqual(cancellable([]), []);
});
