// Calls into the Rust side. Tokens never come back through here.

import { createEpoch } from './epoch.js';

/** Moves when a session begins or ends: an answer to anything asked under
 * the previous session never arrives (nothing after its `await` runs), so no
 * late answer lands in the state of the next account. */
const session = createEpoch();

/** Invokes a Portal Desk command with its arguments named in snake_case, as
 * every command and every answer names them; rejects with the error payload
 * {code, message, fields?, retryable, needs_sign_in}. */
export function call(command, args = {}) {
  const started = performance.now();
  const answer = window.__TAURI__.core.invoke(command, args);
  const noted = () => noteCall(command, started);
  answer.then(noted, noted);
  return session.guard(answer, 'vanish');
}

let callsNoted = 0;

/** Each call is a user-timing measure named `ipc COMMAND`, from the call to
 * its answer (the web inspector's timeline shows them; the UI benchmark
 * reads them); cleared now and then so a day's calls never pile up. */
function noteCall(command, started) {
  try {
    performance.measure(`ipc ${command}`, { start: started, end: performance.now() });
    callsNoted += 1;
    if (callsNoted % 1000 === 0) performance.clearMeasures();
  } catch { /* an engine without user timing: nothing to note */ }
}

/** Settles as `promise` does while this session lasts; never, once another
 * has begun (for work that waits on something other than a call). */
export function inThisSession(promise) {
  return session.guard(promise, 'vanish');
}

/** Starts a new session (signed in, signed out): earlier answers vanish. */
export function beginSession() {
  session.advance();
}
