// Checks the account forms of My Details can make before asking the portal,
// and the wording of a pending user-name change. Pure functions, tested with
// node --test. The portal has the last word on every rule.

import { t } from './i18n.js';

/** Shortest new password, as the portal requires. */
export const PASSWORD_MIN_LENGTH = 12;

/** The password rules, shown before the user types (the portal's rules). */
export function passwordRules() {
  return [
    t('password-rule-length', { min: PASSWORD_MIN_LENGTH }),
    t('password-rule-not-email'),
    t('password-rule-not-common'),
  ];
}

/** Field messages for a password change `{ current, next, again }` of the
 * account `email`. */
export function checkPasswordChange({ current, next, again }, email) {
  const errors = {};
  if (!current) errors.current_password = t('password-enter-current');
  if (!next) errors.new_password = t('password-enter-new');
  else if ([...next].length < PASSWORD_MIN_LENGTH) errors.new_password = t('password-too-short', { min: PASSWORD_MIN_LENGTH });
  else if (next.trim().toLowerCase() === String(email ?? '').trim().toLowerCase()) errors.new_password = t('password-is-email');
  if (next && again !== next) errors.new_password_again = t('password-again-differs');
  else if (!again && !errors.new_password) errors.new_password_again = t('password-enter-again');
  return errors;
}

/** A rough shape check of an e-mail address: something@domain.tld. */
export function looksLikeEmail(text) {
  return /^[^\s@<>()[\],;:"\\]+@[^\s@<>()[\],;:"\\]+\.[^\s@<>()[\],;:"\\.]+$/.test(String(text ?? '').trim());
}

/** Field messages for a user-name change request `{ newEmail, password,
 * reason }` of the account `email`. */
export function checkUsernameRequest({ newEmail, password, reason }, email) {
  const errors = {};
  const wanted = String(newEmail ?? '').trim();
  if (!wanted) errors.new_email = t('username-enter-new');
  else if (!looksLikeEmail(wanted)) errors.new_email = t('username-not-an-address');
  else if (wanted.toLowerCase() === String(email ?? '').trim().toLowerCase()) errors.new_email = t('username-same');
  if (!password) errors.current_password = t('password-enter-current');
  if (!String(reason ?? '').trim()) errors.reason = t('username-enter-reason');
  return errors;
}

/** "change to X requested — ticket #N" for a pending change, or ''. */
export function pendingText(pending) {
  if (!pending) return '';
  return t('username-pending', { email: pending.new_email, ticket: String(pending.ticket_id) });
}

/** A message for a second-step code the form can see is malformed, or ''.
 * Takes six digits from the app, or a recovery code (letters and digits,
 * dashes and spaces ignored). */
export function checkCode(code) {
  const compact = String(code ?? '').replace(/[\s-]/g, '');
  if (!compact) return t('code-enter');
  if (/^\d+$/.test(compact)) {
    return compact.length === 6 ? '' : t('code-six-digits');
  }
  return /^[a-z0-9]{10}$/i.test(compact) ? '' : t('code-malformed');
}

/** The recovery codes as the text a person copies or prints. */
export function recoveryCodesText(codes) {
  return codes.join('\n');
}
