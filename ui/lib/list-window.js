// Which rows of a long list to put in the page: the ones in view and a few
// either side, with spacers standing in for the rest, so the page holds a
// few dozen rows whether the list has twenty or a hundred thousand.

/** The rows to draw for a list of `count` rows of `rowHeight` pixels,
 * scrolled to `scrollTop` in a viewport `viewportHeight` high, with
 * `overscan` rows drawn beyond each edge: {start, end, before, after}, where
 * rows [start, end) are drawn and `before`/`after` are the spacers' heights. */
export function visibleRows({ count, rowHeight, scrollTop, viewportHeight, overscan = 10 }) {
  if (count <= 0 || rowHeight <= 0) return { start: 0, end: 0, before: 0, after: 0 };
  const top = Math.max(0, Math.min(scrollTop, count * rowHeight));
  const first = Math.floor(top / rowHeight);
  const inView = Math.ceil(Math.max(viewportHeight, 0) / rowHeight) + 1;
  const start = Math.max(0, first - overscan);
  const end = Math.min(count, first + inView + overscan);
  return { start, end, before: start * rowHeight, after: (count - end) * rowHeight };
}
