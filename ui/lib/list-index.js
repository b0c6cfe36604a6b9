// A long list prepared once so that a keystroke or a click on a column
// answers from the preparation instead of going over every row again: each
// row's search text lower-cased once, each column's order (in each
// direction) sorted once on sort keys taken once per row, and a search that
// extends the last one looks only through the last one's matches.

/** Row positions ordered by `values` (all numbers, or compared as
 * strings), ascending or (`descending`) not, equal values in list order
 * either way: the distinct values sorted by the engine's own sort (no
 * comparator called per pair), then the rows placed by a counting sort on
 * their value's rank. */
export function orderBy(values, descending = false) {
  if (areRanks(values)) return orderByRanks(values, descending);
  const numeric = values.every((value) => typeof value === 'number');
  const keys = numeric ? values : values.map((value) => String(value));
  // Numbers sort natively in a typed array (NaN last); strings by code unit.
  const distinct = numeric ? Array.from(Float64Array.from(new Set(keys)).sort()) : [...new Set(keys)].sort();
  const rankOf = new Map();
  distinct.forEach((value, rank) => rankOf.set(value, descending ? distinct.length - 1 - rank : rank));
  const ranks = new Int32Array(keys.length);
  const next = new Int32Array(distinct.length + 1);
  for (let position = 0; position < keys.length; position += 1) {
    const rank = rankOf.get(keys[position]);
    ranks[position] = rank;
    next[rank + 1] += 1;
  }
  for (let rank = 0; rank < distinct.length; rank += 1) next[rank + 1] += next[rank];
  const order = new Int32Array(keys.length);
  for (let position = 0; position < keys.length; position += 1) {
    order[next[ranks[position]]] = position;
    next[ranks[position]] += 1;
  }
  return order;
}

/** Whether every value is a whole number from 0 to below the count (ranks
 * given with the rows, such as a document's `number_order`). */
function areRanks(values) {
  const { length } = values;
  return values.every((value) => Number.isInteger(value) && value >= 0 && value < length);
}

/** {@link orderBy} for values that are ranks already: a counting sort on
 * them, without sorting distinct values first. */
function orderByRanks(ranks, descending) {
  const { length } = ranks;
  const next = new Int32Array(length + 1);
  const rankAt = (position) => (descending ? length - 1 - ranks[position] : ranks[position]);
  for (let position = 0; position < length; position += 1) next[rankAt(position) + 1] += 1;
  for (let rank = 0; rank < length; rank += 1) next[rank + 1] += next[rank];
  const order = new Int32Array(length);
  for (let position = 0; position < length; position += 1) {
    const rank = rankAt(position);
    order[next[rank]] = position;
    next[rank] += 1;
  }
  return order;
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
      orders.set(name, orderBy(rows.map(keyOf), direction === 'desc'));
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
