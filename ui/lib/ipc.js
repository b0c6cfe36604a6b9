// Calls into the Rust side. Tokens never come back through here.

/** Invokes a Portal Desk command with its arguments named in snake_case, as
 * every command and every answer names them; rejects with the error payload
 * {code, message, fields?, retryable, needs_sign_in}. */
export function call(command, args = {}) {
  return window.__TAURI__.core.invoke(command, args);
}
