// Sign-in form checks made before asking the portal.

import { t } from './i18n.js';

/** Messages for empty fields, by field name (portal_url, email, password). */
export function checkSignIn({ portalUrl, email, password }) {
  const errors = {};
  if (!portalUrl.trim()) errors.portal_url = t('signin-enter-portal-url');
  if (!email.trim()) errors.email = t('signin-enter-email');
  else if (!email.includes('@')) errors.email = t('signin-email-needs-at');
  if (!password) errors.password = t('signin-enter-password');
  return errors;
}
