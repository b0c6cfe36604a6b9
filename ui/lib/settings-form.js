// Settings tab logic: comparing drafts, toggling digest categories, and
// naming grants for people. Pure functions, tested with node --test.

import { t } from './i18n.js';

/** E-mail preferences, in the order the tab lists them. */
export const EMAIL_PREFERENCES = [
  { name: 'promotions' },
  { name: 'ticket_updates' },
  { name: 'new_features' },
  { name: 'invoices_and_payments' },
  { name: 'security_alerts', alwaysOn: () => t('email-security_alerts-always-on') },
].map((preference) => ({ ...preference, get label() { return t(`email-${preference.name}`); } }));

/** Digest categories, in canonical order. */
export const DIGEST_CATEGORIES = [
  { name: 'tickets' },
  { name: 'contact_changes' },
  { name: 'documents' },
  { name: 'payments' },
].map((category) => ({ ...category, get label() { return t(`digest-${category.name}`); } }));

/** The update body of a settings object (what PUT takes). */
export function toUpdate(settings) {
  return {
    attachment_name_format: settings.attachment_name_format,
    email: { ...settings.email },
    digest: { frequency: settings.digest.frequency, categories: [...settings.digest.categories] },
  };
}

/** True when two update bodies mean the same settings (category order aside). */
export function sameSettings(a, b) {
  const sorted = (list) => [...list].sort().join(',');
  return a.attachment_name_format === b.attachment_name_format
    && EMAIL_PREFERENCES.every(({ name }) => a.email[name] === b.email[name])
    && a.digest.frequency === b.digest.frequency
    && sorted(a.digest.categories) === sorted(b.digest.categories);
}

/** The settings that differ between `mine` and `theirs` (update bodies),
 * one row each for the side-by-side choice: {key, label, mine, theirs}
 * with the values in words. `formatLabel(format)` names a file-name
 * format. */
export function settingsDifferences(mine, theirs, formatLabel) {
  const onOff = (value) => (value ? t('setting-on') : t('setting-off'));
  const frequency = (value) => (value === 'weekly' ? t('digest-weekly') : t('digest-daily'));
  const categories = (list) => (list.length === 0
    ? t('digest-no-category')
    : DIGEST_CATEGORIES.filter(({ name }) => list.includes(name)).map(({ label }) => label).join(t('list-separator')));
  const rows = [];
  if (mine.attachment_name_format !== theirs.attachment_name_format) {
    rows.push({ key: 'attachment_name_format', label: t('settings-attachment-format'), mine: formatLabel(mine.attachment_name_format), theirs: formatLabel(theirs.attachment_name_format) });
  }
  for (const { name, label } of EMAIL_PREFERENCES) {
    if (mine.email[name] !== theirs.email[name]) {
      rows.push({ key: `email.${name}`, label: t('settings-email-row', { label }), mine: onOff(mine.email[name]), theirs: onOff(theirs.email[name]) });
    }
  }
  if (mine.digest.frequency !== theirs.digest.frequency) {
    rows.push({ key: 'digest.frequency', label: t('settings-digest-frequency'), mine: frequency(mine.digest.frequency), theirs: frequency(theirs.digest.frequency) });
  }
  if (categories(mine.digest.categories) !== categories(theirs.digest.categories)) {
    rows.push({ key: 'digest.categories', label: t('settings-digest-categories'), mine: categories(mine.digest.categories), theirs: categories(theirs.digest.categories) });
  }
  return rows;
}

/** The settings made of `theirs` with each key `picks` maps to 'mine'
 * taken from `mine` (keys as `settingsDifferences` names them). */
export function pickSettings(mine, theirs, picks) {
  const chosen = toUpdate(theirs);
  const take = (key) => picks[key] === 'mine';
  if (take('attachment_name_format')) chosen.attachment_name_format = mine.attachment_name_format;
  for (const { name } of EMAIL_PREFERENCES) {
    if (take(`email.${name}`)) chosen.email[name] = mine.email[name];
  }
  if (take('digest.frequency')) chosen.digest.frequency = mine.digest.frequency;
  if (take('digest.categories')) chosen.digest.categories = [...mine.digest.categories];
  return chosen;
}

/** The categories with `name` switched on or off, in canonical order. */
export function toggleCategory(categories, name, on) {
  const chosen = new Set(categories);
  if (on) chosen.add(name); else chosen.delete(name);
  return DIGEST_CATEGORIES.map((category) => category.name).filter((category) => chosen.has(category));
}

/** A sentence describing when the digest comes (`whose` tasks: 'your',
 * or 'their' for someone else's). */
export function digestSummary(digest, whose = 'your') {
  if (digest.categories.length === 0) return t('digest-none');
  return t('digest-summary', { whose, frequency: digest.frequency });
}

/** The grants the catalogue names (others come from a newer portal). */
const KNOWN_GRANTS = new Set([
  'manage_contacts', 'organization_documents', 'organization_tickets', 'customer_data',
  'assigned_customers', 'partner_kit', 'no_sign_in',
]);

/** A grant's name for people; unknown grants are shown as written. */
export function grantLabel(grant) {
  return KNOWN_GRANTS.has(grant) ? t(`grant-${grant}`) : grant.replaceAll('_', ' ');
}
