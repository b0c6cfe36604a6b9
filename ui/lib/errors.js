// How command errors reach the user: messages beside fields, or a banner.

/** Error codes for which trying again may help. */
const RETRYABLE = new Set(['portal_unreachable', 'portal_timeout', 'portal_error', 'rate_limited']);

/** Error codes that mean the session is gone and the user must sign in. */
const SIGN_IN = new Set(['session_ended', 'not_signed_in']);

/** Normalises whatever a command rejected with into {code, message, fields}. */
export function toPayload(error) {
  if (error && typeof error === 'object' && typeof error.code === 'string') {
    return { code: error.code, message: String(error.message ?? ''), fields: { ...(error.fields ?? {}) } };
  }
  const message = error instanceof Error ? error.message : String(error ?? 'Something went wrong.');
  return { code: 'unexpected', message, fields: {} };
}

/** Splits an error into messages for the form's own fields and a banner
 * message for the rest. `formFields` lists the fields the form shows. */
export function placeError(error, formFields) {
  const payload = toPayload(error);
  const fields = {};
  for (const [name, message] of Object.entries(payload.fields)) {
    if (formFields.includes(name)) fields[name] = message;
  }
  const placedAll = Object.keys(fields).length > 0 && Object.keys(fields).length === Object.keys(payload.fields).length;
  return {
    code: payload.code,
    fields,
    banner: placedAll ? null : payload.message,
    retryable: RETRYABLE.has(payload.code),
    needsSignIn: SIGN_IN.has(payload.code),
  };
}
