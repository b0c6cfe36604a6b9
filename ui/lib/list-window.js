// Which rows of a long list to put in the page: the ones in view and a few
// either side, with spacers standing in for the rest, so the page holds a
// few dozen rows whether the list has twenty or a hundred thousand.

/** The rows to draw for a list of `count` rows of `rowHeight` pixels,
 * scrolled to `scrollTop` in a viewport `viewportHeight` high, with
 * `overscan` rows drawn beyond each edge: {start, end, before, after}, where
 * rows [start, end) are drawn and `before`/`after` are the spacers' heights.
 * `taller` lists the rows of another height as [index, extra pixels]
 * pairs in index order (an opened row, a row with messages under it). */
export function visibleRows({ count, rowHeight, scrollTop, viewportHeight, overscan = 10, taller = [] }) {
  if (count <= 0 || rowHeight <= 0) return { start: 0, end: 0, before: 0, after: 0 };
  const extras = taller.filter(([index]) => index >= 0 && index < count);
  const extraBefore = (row) => extras.reduce((sum, [index, extra]) => (index < row ? sum + extra : sum), 0);
  const top = (row) => row * rowHeight + extraBefore(row);
  const total = top(count);
  const scrolled = Math.max(0, Math.min(scrollTop, total));
  // The row at the top of the view: uniform rows between the taller ones.
  let first = null;
  let passed = 0;
  for (const [index, extra] of extras) {
    const bottom = index * rowHeight + passed + rowHeight + extra;
    if (scrolled < bottom) {
      first = Math.min(index, Math.floor((scrolled - passed) / rowHeight));
      break;
    }
    passed += extra;
  }
  first ??= Math.min(count - 1, Math.floor((scrolled - passed) / rowHeight));
  const inView = Math.ceil(Math.max(viewportHeight, 0) / rowHeight) + 1;
  const start = Math.max(0, first - overscan);
  const end = Math.min(count, first + inView + overscan);
  return { start, end, before: top(start), after: total - top(end) };
}
