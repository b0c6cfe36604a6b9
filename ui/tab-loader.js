// Loading a My Profile tab's data: one routine for every tab.

import { placeError } from './lib/errors.js';

/** Loads `state.view` with the tab's read of `command`, keeping
 * `state.loading` and `state.banner` (with a retry) current and redrawing
 * around it; an ended session calls `onSessionEnded`, an answer that came
 * after the user left the tab is dropped (the tab loads again when shown).
 * `onLoaded` runs after a success. `tab` = {redraw, fetch, onSessionEnded}. */
export async function loadTab(state, command, tab, onLoaded = () => {}) {
  const again = () => loadTab(state, command, tab, onLoaded);
  state.loading = true;
  tab.redraw();
  try {
    state.view = await tab.fetch(command);
    state.banner = null;
    onLoaded();
  } catch (error) {
    const placed = placeError(error, []);
    if (placed.dropped) return;
    if (placed.needsSignIn) tab.onSessionEnded();
    else state.banner = { text: placed.banner, retry: placed.retryable, action: again };
  } finally {
    state.loading = false;
    tab.redraw();
  }
}
