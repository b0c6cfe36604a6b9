// Sign-in form checks made before asking the portal.

/** Messages for empty fields, by field name (portal_url, email, password). */
export function checkSignIn({ portalUrl, email, password }) {
  const errors = {};
  if (!portalUrl.trim()) errors.portal_url = 'Enter the address of your portal.';
  if (!email.trim()) errors.email = 'Enter your e-mail address.';
  else if (!email.includes('@')) errors.email = 'Enter an e-mail address, like name@example.com.';
  if (!password) errors.password = 'Enter your password.';
  return errors;
}
