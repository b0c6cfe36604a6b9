import { test } from 'node:test';
import assert from 'node:assert/strict';
import { filesUnder, kitTree, syncDetails, syncSummary } from '../lib/kit.js';
import { useLanguage } from './catalogue.js';

useLanguage('en');

const file = (id, ...path) => ({ id, path });

test('the flat kit becomes folders before files, by name, case aside', () => {
  const tree = kitTree([
    file(1, 'Logos', 'b.png'), file(2, 'Logos', 'A.png'), file(3, 'README.txt'),
    file(4, 'Brochures', 'Old', 'x.pdf'), file(5, 'brochures', 'y.pdf'),
  ]);
  assert.deepEqual(tree.folders.map((folder) => folder.name), ['Brochures', 'brochures', 'Logos']);
  assert.deepEqual(tree.files.map((one) => one.id), [3]);
  const logos = tree.folders[2];
  assert.deepEqual(logos.files.map((one) => one.id), [2, 1]);
  assert.deepEqual(logos.path, ['Logos']);
  assert.deepEqual(tree.folders[0].folders[0].path, ['Brochures', 'Old']);
  assert.deepEqual(filesUnder(tree).map((one) => one.id).sort(), [1, 2, 3, 4, 5]);
  assert.deepEqual(filesUnder(tree.folders[0]).map((one) => one.id), [4]);
});

const report = (parts) => ({ added: [], updated: [], restored: [], kept_beside: [], removed: [], failed: [], unchanged: 0, ...parts });

test('a sync is told in one line, with the files that need the user after it', () => {
  assert.equal(syncSummary(report({ unchanged: 8 })), 'Up to date (8 files).');
  assert.equal(syncSummary(report({ unchanged: 1 })), 'Up to date (1 file).');
  const busy = report({
    added: ['a'], updated: ['b', 'c'], kept_beside: [{ yours: 'Plans.txt', kits: 'Plans (kit version 2).txt' }],
    removed: ['Old.txt'], failed: ['Logos/x.png: cannot write in Logos: permission denied'],
  });
  assert.equal(syncSummary(busy),
    '1 added; 2 updated; 1 file you changed kept, the kit’s version saved beside; 1 file no longer in the kit (kept in your folder); 1 file not synced.');
  assert.deepEqual(syncDetails(busy), [
    'You changed Plans.txt: the kit’s new version is Plans (kit version 2).txt.',
    'No longer in the kit, still in your folder: Old.txt.',
    'Not synced: Logos/x.png: cannot write in Logos: permission denied',
  ]);
});
