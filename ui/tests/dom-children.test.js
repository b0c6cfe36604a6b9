// A list drawn again with the same rows leaves the page alone: only a
// change of rows or of their order puts them back, and a row built again
// the same keeps the one in the page.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { drawsTheSame, sameChildren } from '../lib/dom.js';

const row = (name) => ({ name });

test('the same elements in the same order are the same children', () => {
  const [head, first, second] = [row('head'), row('first'), row('second')];
  assert.equal(sameChildren({ children: [head, first, second] }, [head, first, second]), true);
  assert.equal(sameChildren({ children: [] }, []), true);
});

test('another order, another element, one more or one less are not', () => {
  const [head, first, second] = [row('head'), row('first'), row('second')];
  const parent = { children: [head, first, second] };
  assert.equal(sameChildren(parent, [head, second, first]), false, 'order');
  assert.equal(sameChildren(parent, [head, first, row('second')]), false, 'an equal-looking new element');
  assert.equal(sameChildren(parent, [head, first]), false, 'one less');
  assert.equal(sameChildren(parent, [head, first, second, row('third')]), false, 'one more');
});

/** An element as far as `drawsTheSame` looks at it: its markup (compared
 * as a string here) and its controls. */
const shownRow = (markup, controls = []) => ({
  isEqualNode: (other) => other.markup === markup,
  querySelectorAll: () => controls,
  markup,
});
const box = (checked, defaultChecked = checked) => ({ tagName: 'INPUT', type: 'checkbox', checked, defaultChecked });
const field = (value, defaultValue = value) => ({ tagName: 'INPUT', type: 'text', value, defaultValue });
const option = (selected, defaultSelected = selected) => ({ tagName: 'OPTION', selected, defaultSelected });

test('a row built again with the same markup and untouched controls draws the same', () => {
  const fresh = { markup: '<tr>Ada</tr>' };
  assert.equal(drawsTheSame(shownRow('<tr>Ada</tr>', [box(true), box(false), field('Ada'), option(true), option(false)]), fresh), true);
  assert.equal(drawsTheSame(shownRow('<tr>Ada</tr>'), fresh), true, 'no controls');
});

test('other markup, or a control the user changed since, does not', () => {
  const fresh = { markup: '<tr>Ada</tr>' };
  assert.equal(drawsTheSame(shownRow('<tr>Ada, changed</tr>'), fresh), false, 'markup');
  assert.equal(drawsTheSame(shownRow('<tr>Ada</tr>', [box(true, false)]), fresh), false, 'a box ticked');
  assert.equal(drawsTheSame(shownRow('<tr>Ada</tr>', [box(false, true)]), fresh), false, 'a box unticked');
  assert.equal(drawsTheSame(shownRow('<tr>Ada</tr>', [field('Ada L', 'Ada')]), fresh), false, 'a field typed in');
  assert.equal(drawsTheSame(shownRow('<tr>Ada</tr>', [option(false, true), option(true, false)]), fresh), false, 'another option picked');
});
