// A list drawn again with the same rows leaves the page alone: only a
// change of rows or of their order puts them back.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sameChildren } from '../lib/dom.js';

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
