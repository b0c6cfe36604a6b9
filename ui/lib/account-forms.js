// Checks the account forms of My Details can make before asking the portal,
// and the wording of a pending user-name change. Pure functions, tested with
// node --test. The portal has the last word on every rule.

/** The password rules, shown before the user types (the portal's rules). */
export const PASSWORD_RULES = [
  'At least 12 characters.',
  'Not your e-mail address.',
  'Not one of the most common passwords.',
];

/** Shortest new password, as the portal requires. */
export const PASSWORD_MIN_LENGTH = 12;

/** Field messages for a password change `{ current, next, again }` of the
 * account `email`. */
export function checkPasswordChange({ current, next, again }, email) {
  const errors = {};
  if (!current) errors.current_password = 'Enter your current password.';
  if (!next) errors.new_password = 'Enter a new password.';
  else if ([...next].length < PASSWORD_MIN_LENGTH) errors.new_password = `Use at least ${PASSWORD_MIN_LENGTH} characters.`;
  else if (next.trim().toLowerCase() === String(email ?? '').trim().toLowerCase()) errors.new_password = 'Your password cannot be your e-mail address.';
  if (next && again !== next) errors.new_password_again = 'This does not match the new password.';
  else if (!again && !errors.new_password) errors.new_password_again = 'Type the new password again.';
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
  if (!wanted) errors.new_email = 'Enter the new e-mail address.';
  else if (!looksLikeEmail(wanted)) errors.new_email = 'Enter an e-mail address such as name@example.com.';
  else if (wanted.toLowerCase() === String(email ?? '').trim().toLowerCase()) errors.new_email = 'That is already your e-mail address.';
  if (!password) errors.current_password = 'Enter your current password.';
  if (!String(reason ?? '').trim()) errors.reason = 'Say why, so that support can approve it.';
  return errors;
}

/** "change to X requested — ticket #N" for a pending change, or ''. */
export function pendingText(pending) {
  if (!pending) return '';
  return `change to ${pending.new_email} requested — ticket #${pending.ticket_id}`;
}

/** A message for a second-step code the form can see is malformed, or ''.
 * Takes six digits from the app, or a recovery code (letters and digits,
 * dashes and spaces ignored). */
export function checkCode(code) {
  const compact = String(code ?? '').replace(/[\s-]/g, '');
  if (!compact) return 'Enter the code from your authenticator app, or a recovery code.';
  if (/^\d+$/.test(compact)) {
    return compact.length === 6 ? '' : 'Codes from the app have 6 digits.';
  }
  return /^[a-z0-9]{10}$/i.test(compact) ? '' : 'Enter 6 digits from the app, or a recovery code like abcde-23456.';
}

/** The recovery codes as the text a person copies or prints. */
export function recoveryCodesText(codes) {
  return codes.join('\n');
}
