// Applies lib/modal-focus.js to the page: while a dialog marked
// aria-modal is open, Tab stays inside the topmost one and focus that
// strays outside is brought back; when it closes and focus was left on
// nothing, the control that opened it gets focus again.

import { focusOpener } from './lib/dom.js';
import { closedDialogs, tabTarget } from './lib/modal-focus.js';

const FOCUSABLE = [
  'a[href]', 'button:not([disabled])', 'input:not([disabled]):not([type="hidden"])',
  'select:not([disabled])', 'textarea:not([disabled])', 'iframe', 'summary',
  '[tabindex]:not([tabindex="-1"])',
].join(',');

// Dialogs are found without a layout (this runs after every change to the
// page); controls only when Tab is pressed.
const openDialogs = () => [...document.querySelectorAll('[aria-modal="true"]')].filter((dialog) => !dialog.closest('[hidden]'));
const isShown = (element) => element.getClientRects().length > 0;
const focusableIn = (dialog) => [...dialog.querySelectorAll(FOCUSABLE)].filter(isShown);
// A dialog redrawn as a new element with its id is the same dialog.
const dialogKey = (dialog) => dialog.id || dialog;

/** Starts watching the page (once, at start-up). */
export function watchModalFocus() {
  let lastOutside = null;
  let dialogs = [];
  const openers = new Map();

  document.addEventListener('keydown', (event) => {
    if (event.key !== 'Tab' || event.defaultPrevented) return;
    const dialog = openDialogs().at(-1);
    if (!dialog) return;
    const target = tabTarget(focusableIn(dialog), document.activeElement, event.shiftKey);
    if (target) {
      event.preventDefault();
      target.focus();
    }
  }, true);

  document.addEventListener('focusin', (event) => {
    const dialog = openDialogs().at(-1);
    if (!dialog) {
      lastOutside = event.target;
    } else if (!dialog.contains(event.target)) {
      focusableIn(dialog)[0]?.focus();
    }
  });

  new MutationObserver(() => {
    const now = openDialogs();
    for (const dialog of now) {
      if (!dialogs.includes(dialog) && !openers.has(dialogKey(dialog))) openers.set(dialogKey(dialog), lastOutside);
    }
    for (const dialog of closedDialogs(dialogs, now)) {
      const opener = openers.get(dialogKey(dialog));
      openers.delete(dialogKey(dialog));
      const lost = !document.activeElement || document.activeElement === document.body;
      if (opener && lost && now.length === 0) focusOpener(opener);
    }
    dialogs = now;
  }).observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['hidden'] });
}
