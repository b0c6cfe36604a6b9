import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createListIndex, orderBy } from '../lib/list-index.js';
import { visibleRows } from '../lib/list-window.js';

const rows = [
  { id: 1, number: 'INV-10', title: 'Support renewal', amount: 30, number_order: 2 },
  { id: 2, number: 'INV-2', title: 'Hardware', amount: 10, number_order: 0 },
  { id: 3, number: 'Q-7', title: 'Support upgrade', amount: 20, number_order: 3 },
  { id: 4, number: 'INV-3', title: 'Training', amount: 20, number_order: 1 },
];
const options = {
  searchText: (row) => `${row.number} ${row.title}`,
  sortKeys: {
    amount: (row) => row.amount,
    number: (row) => row.number_order,
  },
};
const ids = (view) => view.toArray().map((row) => row.id);

test('a column sorts by value either way, and ties keep the list order both ways', () => {
  const index = createListIndex(rows, options);
  assert.deepEqual(ids(index.query({ key: 'amount' })), [2, 3, 4, 1], 'ties keep list order');
  assert.deepEqual(ids(index.query({ key: 'amount', direction: 'desc' })), [1, 3, 4, 2], 'ties keep list order');
  assert.deepEqual(ids(index.query({ key: 'number' })), [2, 4, 1, 3]);
});

test('an order by values matches a comparison sort, ties in list order either way', () => {
  let seed = 7;
  const random = (below) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % below; };
  const reference = (values, sign) => Array.from(values.keys())
    .sort((a, b) => (values[a] < values[b] ? -sign : values[a] > values[b] ? sign : a - b));
  const numbers = Array.from({ length: 2000 }, () => random(50) / 4);
  const strings = numbers.map((value) => `k${value}`);
  // Ranks given with the rows (whole numbers below the count, ties too).
  const ranks = Array.from({ length: 2000 }, () => random(2000));
  for (const values of [numbers, strings, ranks]) {
    assert.deepEqual(Array.from(orderBy(values)), reference(values, 1));
    assert.deepEqual(Array.from(orderBy(values, true)), reference(values, -1));
  }
  assert.deepEqual(Array.from(orderBy([2, Number.NaN, -1, 2, Number.NaN])), [2, 0, 3, 1, 4], 'not-a-number last, in list order');
  assert.deepEqual(Array.from(orderBy([1, 'b', 'a'])), [0, 2, 1], 'mixed values compare as text');
  assert.deepEqual(Array.from(orderBy([])), []);
  assert.deepEqual(Array.from(orderBy([5, 1])), [1, 0], 'a value past the count is a value, not a rank');
  assert.deepEqual(Array.from(orderBy([1, 0, 1], true)), [0, 2, 1], 'tied ranks keep list order descending too');
});

test('a search matches any case, and a longer search narrows the last one', () => {
  const index = createListIndex(rows, options);
  assert.deepEqual(ids(index.query({ key: 'amount', text: 'SUP' })), [3, 1]);
  assert.deepEqual(ids(index.query({ key: 'amount', text: 'support u' })), [3]);
  assert.deepEqual(ids(index.query({ key: 'amount', text: 'su' })), [3, 1], 'a shorter search starts over');
  assert.deepEqual(ids(index.query({ key: 'amount', text: '  ' })), [2, 3, 4, 1]);
  assert.equal(index.query({ key: 'amount', text: 'nothing like it' }).length, 0);
});

test('a filter narrows with the search, and a changed filter starts over', () => {
  const index = createListIndex(rows, options);
  const invoices = (row) => row.number.startsWith('INV');
  assert.deepEqual(ids(index.query({ key: 'amount', keep: invoices, filterKey: 'invoices' })), [2, 4, 1]);
  assert.deepEqual(ids(index.query({ key: 'amount', text: 'sup', keep: invoices, filterKey: 'invoices' })), [1]);
  assert.deepEqual(ids(index.query({ key: 'amount', text: 'sup', keep: null, filterKey: '' })), [3, 1]);
});

test('a view gives rows by index and slices without copying the list', () => {
  const index = createListIndex(rows, options);
  const view = index.query({ key: 'number', direction: 'desc' });
  assert.equal(view.length, 4);
  assert.equal(view.at(0).id, 3);
  assert.deepEqual(view.slice(1, 3).map((row) => row.id), [1, 4]);
  assert.deepEqual(view.slice(3, 99).map((row) => row.id), [2]);
});

test('a hundred thousand rows filter by a keystroke without going over the list again', () => {
  const many = Array.from({ length: 100_000 }, (_, i) => ({ id: i, number: `INV-${i}`, title: `Invoice ${i % 997}`, amount: i % 500 }));
  const index = createListIndex(many, options);
  assert.equal(index.query({ key: 'amount', text: 'inv-9999' }).length, 11);
  assert.equal(index.query({ key: 'amount', text: 'inv-99999' }).length, 1);
  assert.equal(index.query({ key: 'amount', direction: 'desc' }).at(0).amount, 499);
});

test('only the rows in view and a few either side are drawn', () => {
  assert.deepEqual(visibleRows({ count: 100_000, rowHeight: 50, scrollTop: 0, viewportHeight: 500, overscan: 5 }),
    { start: 0, end: 16, before: 0, after: (100_000 - 16) * 50 });
  assert.deepEqual(visibleRows({ count: 100_000, rowHeight: 50, scrollTop: 50_000, viewportHeight: 500, overscan: 5 }),
    { start: 995, end: 1016, before: 995 * 50, after: (100_000 - 1016) * 50 });
  const end = visibleRows({ count: 30, rowHeight: 50, scrollTop: 10_000, viewportHeight: 500, overscan: 5 });
  assert.equal(end.end, 30, 'scrolled past the end: the last rows');
  assert.equal(end.after, 0);
  assert.deepEqual(visibleRows({ count: 0, rowHeight: 50, scrollTop: 0, viewportHeight: 500 }), { start: 0, end: 0, before: 0, after: 0 });
});

test('rows taller than the rest move the rows after them down, and the spacers hold their height', () => {
  // Row 3 is 100 px taller, row 10 is 20 px taller: 20 rows of 50 px.
  const taller = [[3, 100], [10, 20]];
  const at = (scrollTop) => visibleRows({ count: 20, rowHeight: 50, scrollTop, viewportHeight: 100, overscan: 0, taller });
  assert.deepEqual(at(0), { start: 0, end: 3, before: 0, after: 17 * 50 + 120 - 0 });
  assert.equal(at(160).start, 3, 'inside the tall row (150 to 300)');
  assert.equal(at(299).start, 3, 'still inside it');
  assert.equal(at(300).start, 4, 'the row after it');
  assert.equal(at(300).before, 4 * 50 + 100);
  assert.equal(at(650).start, 10, '50 * 10 + 100 = 600: row 10 spans 600 to 670');
  assert.equal(at(670).start, 11);
  const last = at(10_000);
  assert.equal(last.end, 20);
  assert.equal(last.after, 0);
  assert.deepEqual(last, { start: 19, end: 20, before: 19 * 50 + 120, after: 0 }, 'scrolled past the end: the last row');
  const none = visibleRows({ count: 20, rowHeight: 50, scrollTop: 250, viewportHeight: 100, overscan: 0 });
  assert.equal(none.start, 5, 'without taller rows, as before');
  assert.deepEqual(visibleRows({ count: 2, rowHeight: 50, scrollTop: 0, viewportHeight: 100, taller: [[7, 500]] }),
    { start: 0, end: 2, before: 0, after: 0 }, 'a taller row no longer in the list is ignored');
});
