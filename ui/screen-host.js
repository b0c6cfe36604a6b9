// Screens shown one at a time, each keeping its own element and drawing only
// itself: a change on one screen never rebuilds another, and a read asked by
// a screen the user has left is dropped when its answer comes back.

import { call } from './lib/ipc.js';
import { h, replaceChildren } from './lib/dom.js';
import { createEpoch } from './lib/epoch.js';
import { pagePresses } from './lib/press-gate.js';

/** A host for `screens` ([{id, render() → nodes, enter?()}]) inside one
 * element (`element`). `show` switches, `redraw` draws one screen again
 * (nothing when it is not shown), `fetch` is a screen's read. */
export function createScreenHost(name, screens) {
  const element = h('div', { className: 'screen-host', 'data-host': name });
  const entries = new Map(screens.map((screen) => [screen.id, {
    ...screen,
    element: h('div', { className: 'screen', 'data-screen': screen.id }),
    visit: createEpoch(),
  }]));
  let shown = null;
  let drawing = false;
  let drawAgain = false;

  function entry(id) {
    const found = entries.get(id);
    if (!found) throw new Error(`no screen ${id} in ${name}`);
    return found;
  }

  /** Draws the shown screen; a redraw asked while drawing (a render that
   * starts a load) runs once the first one is done, one asked while a
   * button is pressed once the press ends (see press-gate.js). */
  function draw() {
    pagePresses().run(drawNow);
  }

  function drawNow() {
    if (shown === null) return;
    if (drawing) {
      drawAgain = true;
      return;
    }
    drawing = true;
    try {
      do {
        drawAgain = false;
        const current = entry(shown);
        replaceChildren(current.element, current.render());
      } while (drawAgain);
    } finally {
      drawing = false;
    }
  }

  return {
    element,
    /** Shows screen `id`, drawn afresh after its `enter` (which runs on
     * every arrival); leaving a screen drops the answers to its reads. */
    show(id) {
      const next = entry(id);
      if (shown !== null && shown !== id) entry(shown).visit.advance();
      const arriving = shown !== id;
      shown = id;
      element.replaceChildren(next.element);
      if (arriving) next.enter?.();
      draw();
    },
    /** Draws screen `id` again if it is the one shown. */
    redraw(id) {
      if (shown === id) draw();
    },
    /** The id of the screen shown, or null. */
    shown: () => shown,
    /** A read for screen `id`: rejects with DROPPED (see epoch.js) when the
     * user left the screen before the answer came. */
    fetch(id, command, args = {}) {
      return entry(id).visit.guard(call(command, args));
    },
    /** Forgets which screen is shown and drops every screen's reads. */
    reset() {
      for (const screen of entries.values()) {
        screen.visit.advance();
        screen.element.replaceChildren();
      }
      shown = null;
      element.replaceChildren();
    },
  };
}
