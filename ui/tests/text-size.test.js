// The page-size shortcuts step through the sizes offered and stop at the
// ends.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { steppedTextSize, textSizeShortcut } from '../lib/text-size.js';

const choices = [100, 125, 150, 175, 200];

test('larger and smaller move one step and stop at the ends', () => {
  assert.equal(steppedTextSize(choices, 100, 'larger'), 125);
  assert.equal(steppedTextSize(choices, 175, 'larger'), 200);
  assert.equal(steppedTextSize(choices, 200, 'larger'), 200);
  assert.equal(steppedTextSize(choices, 125, 'smaller'), 100);
  assert.equal(steppedTextSize(choices, 100, 'smaller'), 100);
});

test('reset goes back to 100%, and a size not offered steps from its neighbours', () => {
  assert.equal(steppedTextSize(choices, 175, 'reset'), 100);
  assert.equal(steppedTextSize(choices, 130, 'larger'), 150);
  assert.equal(steppedTextSize(choices, 130, 'smaller'), 125);
  assert.equal(steppedTextSize(choices, 400, 'smaller'), 200);
  assert.equal(steppedTextSize([], 100, 'larger'), 100);
});

test('Ctrl (Command on a Mac) with + = - _ 0 are the shortcuts, nothing else', () => {
  const key = (key, extra = {}) => ({ key, ctrlKey: false, metaKey: false, altKey: false, ...extra });
  assert.equal(textSizeShortcut(key('+', { ctrlKey: true }), false), 'larger');
  assert.equal(textSizeShortcut(key('=', { ctrlKey: true }), false), 'larger');
  assert.equal(textSizeShortcut(key('-', { ctrlKey: true }), false), 'smaller');
  assert.equal(textSizeShortcut(key('0', { ctrlKey: true }), false), 'reset');
  assert.equal(textSizeShortcut(key('+', { metaKey: true }), true), 'larger');
  assert.equal(textSizeShortcut(key('+', { ctrlKey: true }), true), null, 'Ctrl on a Mac is not the shortcut');
  assert.equal(textSizeShortcut(key('+'), false), null);
  assert.equal(textSizeShortcut(key('a', { ctrlKey: true }), false), null);
  assert.equal(textSizeShortcut(key('0', { ctrlKey: true, altKey: true }), false), null);
});
