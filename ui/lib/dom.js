// A tiny element builder. Text always goes in as text nodes, never as HTML.

/** Creates an element with attributes (on* keys become listeners) and
 * children (strings become text). */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') {
      element.addEventListener(key.slice(2).toLowerCase(), value);
    } else if (key === 'className') {
      element.className = value;
    } else if (value === true) {
      element.setAttribute(key, '');
    } else {
      element.setAttribute(key, String(value));
    }
  }
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

/** Whether `parent`'s element children are `children`, the same
 * elements in the same order (a list drawn again unchanged is left alone:
 * put back, its elements would be styled and laid out afresh). */
export function sameChildren(parent, children) {
  const present = parent.children;
  if (present.length !== children.length) return false;
  for (let index = 0; index < children.length; index += 1) {
    if (present[index] !== children[index]) return false;
  }
  return true;
}

/** Whether `fresh`, an element just built again, shows what `shown` (in
 * the page) shows: the same markup, and no control in `shown` changed by
 * the user since it was built (a box ticked, a field typed in, an option
 * picked). Then `shown` can stay, and is not styled and laid out afresh. */
export function drawsTheSame(shown, fresh) {
  if (!shown.isEqualNode(fresh)) return false;
  for (const control of shown.querySelectorAll('input, textarea, option')) {
    if (control.tagName === 'OPTION') {
      if (control.selected !== control.defaultSelected) return false;
    } else if (control.type === 'checkbox' || control.type === 'radio') {
      if (control.checked !== control.defaultChecked) return false;
    } else if (control.value !== control.defaultValue) {
      return false;
    }
  }
  return true;
}

/** Replaces an element's children, keeping keyboard focus (and the caret)
 * on the element with the same id, so a re-render never steals focus, nor
 * moves the page. */
export function replaceChildren(element, ...children) {
  const active = document.activeElement;
  const focusedId = active && element.contains(active) ? active.id : '';
  const caret = focusedId && typeof active.selectionStart === 'number'
    ? [active.selectionStart, active.selectionEnd] : null;
  element.replaceChildren(...children.flat(Infinity).filter((child) => child !== null && child !== undefined && child !== false));
  if (!focusedId) return;
  const again = document.getElementById(focusedId);
  if (!again) return;
  // Where the control was: the page is not scrolled to it (one out of view,
  // such as a tab's button far above, would pull the page up to it).
  again.focus({ preventScroll: true });
  if (caret && typeof again.setSelectionRange === 'function') {
    try { again.setSelectionRange(caret[0], caret[1]); } catch { /* not a text input */ }
  }
}

/** Gives focus back to the control that opened a dialog. If a redraw has
 * replaced that control meanwhile (the top bar is redrawn when tickets or
 * accounts change), the control now carrying its id gets focus instead. */
export function focusOpener(opener) {
  if (!opener) return;
  const target = opener.isConnected ? opener : (opener.id ? document.getElementById(opener.id) : null);
  target?.focus?.();
}

/** Resolves once the next frame has been painted (a task queued from a
 * frame's animation callback runs after its paint): work that can wait,
 * such as reading the rest of a long list, then does not hold up a first
 * screen that is already built. */
export function afterNextPaint() {
  return new Promise((resolve) => { requestAnimationFrame(() => setTimeout(resolve, 0)); });
}

/** Resolves once two frames have been painted, or after half a second for
 * a window that is not drawn (no frames come then): reads the first screen
 * does not show wait for it, rather than having their answers drawn before
 * its first frames. */
export function afterFirstFrames() {
  return new Promise((resolve) => {
    requestAnimationFrame(() => requestAnimationFrame(resolve));
    setTimeout(resolve, 500);
  });
}
