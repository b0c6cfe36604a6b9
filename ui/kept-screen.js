// The first screen kept for the next start: the app puts it in the page
// it serves, so the window shows the user's data before this script has
// run (shell/kept_screen_page.rs). Here: the page's markup as it shows
// now, and taking the page over from a kept screen.

import { call } from './lib/ipc.js';

/** The markup of `root` as it shows now: form fields with the values they
 * show (typed values are not in the markup by themselves), no password,
 * nothing said in a live region (it would be said again), nothing over
 * the page (a dialog, a menu), no ids. */
export function keptScreenMarkup(root) {
  const copy = root.cloneNode(true);
  const fields = root.querySelectorAll('input, textarea, select');
  const copies = copy.querySelectorAll('input, textarea, select');
  fields.forEach((field, index) => {
    const kept = copies[index];
    if (field instanceof HTMLTextAreaElement) {
      kept.textContent = field.value;
    } else if (field instanceof HTMLSelectElement) {
      [...field.options].forEach((option, at) => kept.options[at]?.toggleAttribute('selected', option.selected));
    } else if (field.type === 'password' || field.type === 'file') {
      kept.removeAttribute('value');
    } else if (field.type === 'checkbox' || field.type === 'radio') {
      kept.toggleAttribute('checked', field.checked);
    } else {
      kept.setAttribute('value', field.value);
    }
  });
  for (const spoken of copy.querySelectorAll('[aria-live], [role="status"], [role="alert"]')) spoken.textContent = '';
  // What a start does not show first: what is over the page, the notices
  // of the moment, the side panels (closed at a start).
  for (const over of copy.querySelectorAll('.layer, .notices, [role="dialog"], [role="menu"]')) over.replaceChildren();
  for (const panel of copy.querySelectorAll('.downloads-panel')) {
    panel.replaceChildren();
    panel.hidden = true;
  }
  // No element of the kept screen is found by its id (the live screen's
  // are, from the moment it is drawn).
  for (const named of copy.querySelectorAll('[id]')) named.removeAttribute('id');
  return copy.innerHTML;
}

/** Keeps `root`'s first screen, as shown now for the account `accountId`,
 * for the next start (a failure only means the next start draws it
 * afresh). */
export function keepFirstScreen(root, accountId) {
  call('keep_first_screen', { account_id: accountId, markup: keptScreenMarkup(root) }).catch(() => {});
}

/** The page's own screen is drawn in `root`: a kept screen it began with
 * is gone, and `root` answers clicks and keys again. */
export function takeOverFromKeptScreen(root) {
  if (!root.hasAttribute('data-kept-screen')) return;
  root.removeAttribute('data-kept-screen');
  root.inert = false;
  performance.mark('kept-screen-replaced');
}
