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
  return session.guard(window.__TAURI__.core.invoke(command, args), 'vanish');
}

/** Starts a new session (signed in, signed out): earlier answers vanish. */
export function beginSession() {
  session.advance();
}
