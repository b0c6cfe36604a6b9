// Calls into the Rust side. Tokens never come back through here.

/** Invokes a Portal Desk command; rejects with {code, message, fields}. */
export function call(command, args = {}) {
  return window.__TAURI__.core.invoke(command, args);
}
