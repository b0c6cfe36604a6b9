// Asks for the first screen before the rest of the page's code runs: it is
// app.js's first import, so (with ipc.js, its one import) it runs first,
// in the joined bundle too, and the answer is on its way while the other
// modules set themselves up. app.js takes the answer.

import { call } from './lib/ipc.js';

/** The first `start_app` answer, settled as {view} or {error}. */
export const firstStart = call('start_app').then((view) => ({ view }), (error) => ({ error }));

/** The language to show and the page's catalogue in it, asked for
 * alongside. */
export const firstLanguage = call('language');
