// Loading a My Profile tab's data: one routine for every tab.

import { call } from './lib/ipc.js';
import { placeError } from './lib/errors.js';

/** Loads `state.view` with `command`, keeping `state.loading` and
 * `state.banner` (with a retry) current and redrawing around it; an ended
 * session calls `onSessionEnded`. `onLoaded` runs after a success. */
export async function loadTab(state, command, rerender, onSessionEnded, onLoaded = () => {}) {
  const again = () => loadTab(state, command, rerender, onSessionEnded, onLoaded);
  state.loading = true;
  rerender();
  try {
    state.view = await call(command);
    state.banner = null;
    onLoaded();
  } catch (error) {
    const placed = placeError(error, []);
    if (placed.needsSignIn) onSessionEnded();
    else state.banner = { text: placed.banner, retry: placed.retryable, action: again };
  } finally {
    state.loading = false;
    rerender();
  }
}
