// A long list prepared once so that a keystroke or a click on a column
// answers from the preparation instead of going over every row again: each
// row's search text lower-cased once, each column's order (in each
// direction) sorted once on sort keys taken once per row, and a search that
// extends the last one looks only through the last one's matches.

/** Digit runs padded so that plain string order is natural order:
 * "inv-000000000009" before "inv-000000000010". Lower-cased. */
export function naturalKey(text) {
  return String(text ?? '').toLocaleLowerCase().replace(/\d+/g, (digits) => digits.padStart(16, '0'));
}

/** Prepares `rows` for filtering and sorting. `searchText(row)` is the text a
 * search looks in; `sortKeys` maps a sort key to `(row) → number | string`,
 * the value rows are ordered by (equal values keep the list's order). */
export function createListIndex(rows, { searchText, sortKeys }) {
  const haystacks = rows.map((row) => String(searchText(row)).toLocaleLowerCase());
  const orders = new Map();
  let last = null; // { key, filterKey, needle, positions }

  /** Row positions in `key`'s order, `direction` 'asc' or 'desc' (sorted
   * on first use); equal values keep the list's order either way. */
  function sorted(key, direction) {
    const name = `${key} ${direction}`;
    if (!orders.has(name)) {
      const keyOf = sortKeys[key];
      if (!keyOf) throw new Error(`no order ${key}`);
      const values = rows.map(keyOf);
      const sign = direction === 'desc' ? -1 : 1;
      const positions = Array.from(rows.keys());
      positions.sort((a, b) => (values[a] < values[b] ? -sign : values[a] > values[b] ? sign : a - b));
      orders.set(name, positions);
    }
    return orders.get(name);
  }

  /** The rows in `key`'s order (`direction` 'asc' or 'desc') that pass
   * `keep(row)` (null: all; `filterKey` names it, so its result can be
   * narrowed by the next keystroke) and whose search text holds `text`.
   * Answers a {@link RowsView}. */
  function query({ key, direction = 'asc', text = '', keep = null, filterKey = '' }) {
    const needle = String(text).trim().toLocaleLowerCase();
    const order = sorted(key, direction);
    let positions;
    if (!needle && !keep) {
      positions = order;
    } else {
      const narrowing = last && last.key === key && last.direction === direction && last.filterKey === filterKey
        && needle.startsWith(last.needle);
      const candidates = narrowing ? last.positions : order;
      const checkKeep = keep && !narrowing;
      positions = candidates.filter((position) => (!needle || haystacks[position].includes(needle))
        && (!checkKeep || keep(rows[position])));
    }
    last = { key, direction, filterKey, needle, positions };
    return rowsView(rows, positions);
  }

  return { query, size: rows.length };
}

/**
 * A window onto the rows a query kept, in order, without copying them:
 * `length`, `at(index)` (a row) and `slice(start, end)` (rows).
 * @typedef {{length: number, at: (index: number) => object, slice: (start: number, end: number) => object[]}} RowsView
 */
function rowsView(rows, positions) {
  const { length } = positions;
  return {
    length,
    at: (index) => rows[positions[index]],
    slice(start, end) {
      const out = [];
      for (let index = Math.max(0, start); index < Math.min(end, length); index += 1) out.push(rows[positions[index]]);
      return out;
    },
    toArray() {
      return this.slice(0, length);
    },
  };
}
