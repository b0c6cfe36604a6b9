// Tab goes round inside a modal dialog; a dialog redrawn with the same id
// has not closed.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closedDialogs, tabTarget } from '../lib/modal-focus.js';

const [first, middle, last, outside] = ['first', 'middle', 'last', 'outside'];
const controls = [first, middle, last];

test('Tab from the last control goes to the first, Shift+Tab from the first to the last', () => {
  assert.equal(tabTarget(controls, last, false), first);
  assert.equal(tabTarget(controls, first, true), last);
});

test('inside the dialog the browser moves focus itself', () => {
  assert.equal(tabTarget(controls, first, false), null);
  assert.equal(tabTarget(controls, middle, true), null);
  assert.equal(tabTarget(controls, middle, false), null);
});

test('focus outside the dialog is brought in at the edge Tab moves toward', () => {
  assert.equal(tabTarget(controls, outside, false), first);
  assert.equal(tabTarget(controls, outside, true), last);
  assert.equal(tabTarget(controls, null, false), first);
});

test('a dialog with one control keeps focus on it; one with none leaves Tab alone', () => {
  assert.equal(tabTarget([middle], middle, false), middle);
  assert.equal(tabTarget([middle], middle, true), middle);
  assert.equal(tabTarget([], outside, false), null);
});

test('a dialog redrawn as a new element with its id is still open', () => {
  const help = { id: 'help-dialog' };
  const helpRedrawn = { id: 'help-dialog' };
  const viewer = { id: 'viewer' };
  const nameless = { id: '' };
  assert.deepEqual(closedDialogs([help, viewer], [helpRedrawn]), [viewer]);
  assert.deepEqual(closedDialogs([help, nameless], [help]), [nameless]);
  assert.deepEqual(closedDialogs([nameless], [{ id: '' }]), [nameless]);
  assert.deepEqual(closedDialogs([], [help]), []);
});
