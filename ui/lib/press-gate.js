// Holds redraws while a button is being pressed. A click is a press and a
// release on the same element: when an answer arriving in between redraws
// the screen, the element pressed is gone by the release and the click is
// lost (a person clicks again; a test waits in vain). Redraws asked during
// a press run once it has ended, right before the click is handled.

/** A gate for work (redraws) that must not run during a press. */
export function createPressGate() {
  let held = false;
  let waiting = [];
  return {
    /** A press began (pointer down). */
    press() {
      held = true;
    },
    /** The press ended (its click is about to be handled, or it was
     * released elsewhere or cancelled): the work held back runs, each
     * piece once, in the order it was first asked for. */
    release() {
      if (!held) return;
      held = false;
      const due = waiting;
      waiting = [];
      for (const work of due) work();
    },
    /** Runs `work` now, or once the press ends; asked twice during one
     * press, it runs once. */
    run(work) {
      if (!held) {
        work();
      } else if (!waiting.includes(work)) {
        waiting.push(work);
      }
    },
    /** True while a press holds work back. */
    held: () => held,
  };
}

/** The page's gate, following the primary pointer of `target` (the
 * document): held from pointer down until the click (or, with no click,
 * the task after the pointer is released or cancelled, or the window
 * losing focus). */
export function followPresses(target, gate = createPressGate()) {
  target.addEventListener('pointerdown', (event) => { if (event.isPrimary) gate.press(); }, true);
  target.addEventListener('click', () => gate.release(), true);
  const later = () => setTimeout(() => gate.release(), 0);
  target.addEventListener('pointerup', later, true);
  target.addEventListener('pointercancel', later, true);
  globalThis.addEventListener?.('blur', () => gate.release());
  return gate;
}

let page = null;

/** The gate of this page's document, made on first use and shared by every
 * part that redraws. */
export function pagePresses() {
  page ??= followPresses(document);
  return page;
}
