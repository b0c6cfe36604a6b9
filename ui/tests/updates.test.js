import { test } from 'node:test';
import assert from 'node:assert/strict';

import { applyUpdateEvent, checkResult, offerTitle, progressText } from '../lib/updates.js';
import { useLanguage } from './catalogue.js';

useLanguage('en');

const offer = { version: '0.2.0', current_version: '0.1.0', notes: 'Faster downloads.' };

test('an offer is announced with its version', () => {
  assert.equal(offerTitle(offer), 'Portal Desk 0.2.0 is available');
  assert.equal(checkResult(offer), 'Portal Desk 0.2.0 is available: see the banner above.');
  assert.equal(checkResult(null), 'Portal Desk is up to date.');
});

test('download progress is shown in percent of the size, or in bytes when the size is unknown', () => {
  assert.equal(progressText('downloading', null), 'Downloading…');
  assert.equal(progressText('downloading', { downloaded: 5 * 1048576, total: 20 * 1048576 }), 'Downloading… 25% of 20 MB');
  assert.equal(progressText('downloading', { downloaded: 3 * 1048576, total: null }), 'Downloading… 3.0 MB');
  assert.equal(
    progressText('downloading', { downloaded: 30, total: 20 }),
    'Downloading… 100% of 20 bytes',
    'a feed that understated the size never shows more than 100%',
  );
  assert.match(progressText('installing', null), /^Installing…/);
  assert.equal(progressText('restarting', null), 'Restarting…');
});

test('channel events move the banner through downloading, installing and restarting', () => {
  let state = { offer, phase: 'downloading', progress: null };
  state = applyUpdateEvent(state, { event: 'downloading', downloaded: 10, total: 100 });
  assert.deepEqual(state.progress, { downloaded: 10, total: 100 });
  state = applyUpdateEvent(state, { event: 'downloading', downloaded: 10 });
  assert.equal(state.progress.total, null);
  state = applyUpdateEvent(state, { event: 'installing' });
  assert.equal(state.phase, 'installing');
  state = applyUpdateEvent(state, { event: 'restarting' });
  assert.equal(state.phase, 'restarting');
  assert.equal(applyUpdateEvent(state, { event: 'unknown' }), state, 'unknown events change nothing');
});
