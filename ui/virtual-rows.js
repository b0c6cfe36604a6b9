// Long lists that put only the rows in view in the page (and a few either
// side), however many there are: the rest is padding around them. Rows are
// keyed: a row still in view keeps its element while the user scrolls, and
// new rows are built only for what came into view.

import { drawsTheSame, h, sameChildren } from './lib/dom.js';
import { visibleRows } from './lib/list-window.js';

/** Rows drawn beyond each edge of the view. */
const OVERSCAN = 15;

/** Tells assistive technology where a list item stands in the whole list
 * (most of which is not in the page). */
function markListItem(element, index, count) {
  element.setAttribute('aria-posinset', String(index + 1));
  element.setAttribute('aria-setsize', String(count));
}

/** Rows of `parent` (a <tbody> or <ul>; or a <table> whose `leading`
 * children, its head, stay first) inside `content` (what scrolls: the
 * table or the list), drawn through `renderRow(row)` and kept by
 * `keyOf(row)`; `rowHeight` is the expected height, corrected from the
 * first row drawn; `mark(element, index, count)` says where a row stands
 * (list items by default). With `measured`, rows may differ in height:
 * each drawn row is measured after its frame and remembered by key, and
 * the shortest seen is the height assumed for rows not yet drawn.
 * `element` is the scrolling box for the page. */
export function createVirtualRows({
  parent, content, renderRow, keyOf, rowHeight, mark = markListItem, onPaint = () => {}, leading = [], measured = false,
}) {
  const space = h('div', { className: 'virtual-space' }, content);
  const scroller = h('div', { className: 'virtual-scroll' }, space);
  let rows = { length: 0, at: () => null };
  let drawn = new Map(); // key → { row, element }
  // Rows drawn before `show(…, { rebuild })`: built again, one that comes
  // out the same keeps its element.
  let rebuilt = null;
  let height = rowHeight;
  let measuredOnce = false;
  // Where the box is scrolled and how high it is, kept from its own events:
  // reading them from the box would make the browser lay the page out in
  // the middle of a keystroke.
  let scrollTop = 0;
  let viewportHeight = 0;
  let frame = 0;
  const later = () => {
    if (frame === 0) frame = requestAnimationFrame(() => { frame = 0; paint(); });
  };
  const heights = new Map(); // key → measured height (`measured` rows)
  let measureFrame = 0;
  scroller.addEventListener('scroll', () => { scrollTop = scroller.scrollTop; later(); });
  new ResizeObserver(([entry]) => {
    viewportHeight = entry.contentRect.height;
    if (scroller.isConnected) later();
  }).observe(scroller);

  /** Draws the rows in view; keeps the element of every row still shown.
   * The first row ever drawn corrects the expected row height. */
  function paint() {
    const { start, end, before, after } = visibleRows({
      count: rows.length,
      rowHeight: height,
      scrollTop,
      viewportHeight: viewportHeight || window.innerHeight,
      overscan: OVERSCAN,
      taller: measured ? tallerRows() : [],
    });
    space.style.paddingTop = `${before}px`;
    space.style.paddingBottom = `${after}px`;
    const next = new Map();
    const elements = [];
    for (let index = start; index < end; index += 1) {
      const row = rows.at(index);
      const key = keyOf(row);
      if (next.has(key)) continue; // listed twice: shown once
      let entry = rebuilt ? null : drawn.get(key);
      if (!entry || entry.row !== row) {
        const element = renderRow(row);
        mark(element, index, rows.length);
        // Drawn already and built the same: the element in the page stays
        // (put back, it would be styled and laid out afresh).
        const before = (rebuilt ?? drawn).get(key);
        entry = { row, element: before && drawsTheSame(before.element, element) ? before.element : element };
      }
      mark(entry.element, index, rows.length);
      next.set(key, entry);
      elements.push(entry.element);
    }
    drawn = next;
    rebuilt = null;
    const children = [...leading, ...elements];
    // The same rows in the same order (a scroll within them, a draw again
    // once in the page) are left alone: put back, they would be styled and
    // laid out afresh in the next frame.
    if (!sameChildren(parent, children)) {
      const focused = parent.contains(document.activeElement) ? document.activeElement : null;
      parent.replaceChildren(...children);
      // A row built afresh holds the focused control again under its id.
      const again = focused?.isConnected ? focused : focused?.id && document.getElementById(focused.id);
      if (again) again.focus({ preventScroll: true });
    }
    onPaint(rows.length);
    if (measured) {
      if (measureFrame === 0) measureFrame = requestAnimationFrame(measureDrawn);
      return;
    }
    if (!measuredOnce && elements[0]?.isConnected) {
      const found = elements[0].getBoundingClientRect().height;
      if (found > 0) {
        measuredOnce = true;
        if (Math.abs(found - height) > 0.5) {
          height = found;
          paint();
        }
      }
    }
  }

  /** Rows drawn at another height than the one assumed, as
   * [index, extra pixels] in index order. */
  function tallerRows() {
    const taller = [];
    if (heights.size === 0) return taller;
    for (let index = 0; index < rows.length; index += 1) {
      const found = heights.get(keyOf(rows.at(index)));
      if (found !== undefined && Math.abs(found - height) > 0.5) taller.push([index, found - height]);
    }
    return taller;
  }

  /** Notes the height of every row drawn (after its frame was laid out);
   * draws again when one changed. */
  function measureDrawn() {
    measureFrame = 0;
    if (!scroller.isConnected) return;
    let changed = false;
    for (const [key, entry] of drawn) {
      const found = entry.element.getBoundingClientRect().height;
      if (found > 0 && Math.abs((heights.get(key) ?? -1) - found) > 0.5) {
        heights.set(key, found);
        changed = true;
      }
    }
    if (!changed) return;
    let shortest = Infinity;
    for (const found of heights.values()) shortest = Math.min(shortest, found);
    if (!measuredOnce || shortest < height) {
      measuredOnce = true;
      height = shortest;
    }
    paint();
  }

  return {
    /** The scrolling box to put in the page. */
    element: scroller,
    /** Shows `view` ({length, at(index)}); `fromTop` scrolls back to the
     * first row (a new filter or order), otherwise the place is kept;
     * `rebuild` builds every row afresh (what a row shows besides its data
     * changed, such as which one is selected); only the rows that come out
     * different are put in the page. */
    show(view, { fromTop = false, rebuild = false } = {}) {
      rows = view;
      if (fromTop && scrollTop !== 0) {
        scrollTop = 0;
        scroller.scrollTop = 0;
      }
      if (rebuild) rebuilt = drawn;
      paint();
    },
    /** Draws again at the current place (the box came into the page). */
    paint: () => {
      scrollTop = scroller.scrollTop;
      paint();
    },
  };
}

/** A table over {@link createVirtualRows}: `head()` builds the header row,
 * drawn again with `drawHead()` (a sort changed); `measured` as there. */
export function createVirtualTable({ id, className, head, renderRow, keyOf, rowHeight = 52, measured = false }) {
  const thead = h('thead');
  const tbody = h('tbody');
  const table = h('table', { className: `${className} virtual`, id, 'aria-rowcount': '1' }, thead, tbody);
  const rows = createVirtualRows({
    parent: tbody,
    content: table,
    renderRow,
    keyOf,
    rowHeight,
    measured,
    mark: (element, index) => element.setAttribute('aria-rowindex', String(index + 2)),
    onPaint: (count) => table.setAttribute('aria-rowcount', String(count + 1)),
  });
  return {
    ...rows,
    /** Draws the header again. */
    drawHead() {
      thead.replaceChildren(head());
    },
  };
}
