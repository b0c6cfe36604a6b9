// Asks for the first screen while the rest of the page's modules are still
// on their way: index.html loads this module on its own, ahead of app.js,
// and its few imports are all it waits for. app.js takes the answer.

import { call } from './lib/ipc.js';

/** The first `start_app` answer, settled as {view} or {error}. */
export const firstStart = call('start_app').then((view) => ({ view }), (error) => ({ error }));

/** The language to show and the page's catalogue in it, asked for
 * alongside. */
export const firstLanguage = call('language');
