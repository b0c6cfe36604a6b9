// How command errors reach the user: messages beside fields, or a banner.

import { isDropped } from './epoch.js';
import { t } from './i18n.js';

/** Normalises whatever a command rejected with into {code, message,
 * fields, retryable, needsSignIn}. Whether trying again may help and whether
 * the user must sign in again are the core's to say (`retryable`,
 * `needs_sign_in` in the payload); an error that is not a payload is neither. */
export function toPayload(error) {
  if (error && typeof error === 'object' && typeof error.code === 'string') {
    return {
      code: error.code,
      message: String(error.message ?? ''),
      fields: { ...(error.fields ?? {}) },
      retryable: error.retryable === true,
      needsSignIn: error.needs_sign_in === true,
    };
  }
  const message = error instanceof Error ? error.message : String(error ?? t('error-unexpected'));
  return { code: 'unexpected', message, fields: {}, retryable: false, needsSignIn: false };
}

/** Splits an error into messages for the form's own fields and a banner
 * message for the rest. `formFields` lists the fields the form shows. A
 * dropped answer (see epoch.js) is `dropped`, with nothing to show. */
export function placeError(error, formFields) {
  if (isDropped(error)) {
    return { code: 'dropped', fields: {}, banner: null, retryable: false, needsSignIn: false, dropped: true };
  }
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
    retryable: payload.retryable,
    needsSignIn: payload.needsSignIn,
    dropped: false,
  };
}
