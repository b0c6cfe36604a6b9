// Focus goes back to the control that opened a dialog, or to the control
// that replaced it when a redraw rebuilt that part of the page.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { focusOpener } from '../lib/dom.js';

function control(id, isConnected) {
  return { id, isConnected, focused: 0, focus() { this.focused += 1; } };
}

function withDocument(elements, run) {
  const previous = globalThis.document;
  globalThis.document = { getElementById: (id) => elements[id] ?? null };
  try { run(); } finally { globalThis.document = previous; }
}

test('an opener still on the page gets focus back', () => {
  const opener = control('help-button', true);
  const other = control('help-button', true);
  withDocument({ 'help-button': other }, () => focusOpener(opener));
  assert.equal(opener.focused, 1);
  assert.equal(other.focused, 0);
});

test('a redrawn opener: the control now carrying its id gets focus', () => {
  const opener = control('help-button', false);
  const redrawn = control('help-button', true);
  withDocument({ 'help-button': redrawn }, () => focusOpener(opener));
  assert.equal(opener.focused, 0);
  assert.equal(redrawn.focused, 1);
});

test('a removed opener without a successor, or none at all, is left alone', () => {
  const opener = control('help-button', false);
  withDocument({}, () => focusOpener(opener));
  assert.equal(opener.focused, 0);
  const nameless = control('', false);
  const unrelated = control('', true);
  withDocument({ '': unrelated }, () => focusOpener(nameless));
  assert.equal(nameless.focused + unrelated.focused, 0);
  withDocument({}, () => focusOpener(undefined));
});
