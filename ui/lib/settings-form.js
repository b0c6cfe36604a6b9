// Settings tab logic: comparing drafts, toggling digest categories, and
// naming grants for people. Pure functions, tested with node --test.

/** E-mail preferences, in the order the tab lists them. */
export const EMAIL_PREFERENCES = [
  { name: 'promotions', label: 'Promotions and offers' },
  { name: 'ticket_updates', label: 'Ticket updates' },
  { name: 'new_features', label: 'New features' },
  { name: 'invoices_and_payments', label: 'Invoices and payments' },
  { name: 'security_alerts', label: 'Security alerts', alwaysOn: 'Always on: they tell you about sign-ins and changes to your account.' },
];

/** Digest categories, in canonical order. */
export const DIGEST_CATEGORIES = [
  { name: 'tickets', label: 'Tickets awaiting your reply' },
  { name: 'contact_changes', label: 'Contact and role change requests' },
  { name: 'documents', label: 'New quotes and invoices' },
  { name: 'payments', label: 'Payments due or overdue' },
];

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
  const onOff = (value) => (value ? 'On' : 'Off');
  const frequency = (value) => (value === 'weekly' ? 'Weekly, on Monday' : 'Daily');
  const categories = (list) => (list.length === 0
    ? 'None'
    : DIGEST_CATEGORIES.filter(({ name }) => list.includes(name)).map(({ label }) => label).join('; '));
  const rows = [];
  if (mine.attachment_name_format !== theirs.attachment_name_format) {
    rows.push({ key: 'attachment_name_format', label: 'Attachment file name format', mine: formatLabel(mine.attachment_name_format), theirs: formatLabel(theirs.attachment_name_format) });
  }
  for (const { name, label } of EMAIL_PREFERENCES) {
    if (mine.email[name] !== theirs.email[name]) {
      rows.push({ key: `email.${name}`, label: `E-mail: ${label}`, mine: onOff(mine.email[name]), theirs: onOff(theirs.email[name]) });
    }
  }
  if (mine.digest.frequency !== theirs.digest.frequency) {
    rows.push({ key: 'digest.frequency', label: 'Digest frequency', mine: frequency(mine.digest.frequency), theirs: frequency(theirs.digest.frequency) });
  }
  if (categories(mine.digest.categories) !== categories(theirs.digest.categories)) {
    rows.push({ key: 'digest.categories', label: 'Digest categories', mine: categories(mine.digest.categories), theirs: categories(theirs.digest.categories) });
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

/** A sentence describing when the digest comes (`whose` tasks: "your",
 * or "their" for someone else's). */
export function digestSummary(digest, whose = 'your') {
  if (digest.categories.length === 0) return 'No digest: no category is selected.';
  const when = digest.frequency === 'weekly' ? 'every Monday morning' : 'every day';
  return `A summary of ${whose} outstanding tasks comes ${when}.`;
}

const GRANT_LABELS = {
  manage_contacts: 'Manage contacts and roles',
  organization_documents: 'See the organization’s quotes and invoices',
  organization_tickets: 'See the organization’s tickets',
  customer_data: 'Work with customer data',
  assigned_customers: 'Only the customers assigned to them (all when none are)',
  partner_kit: 'Use the Partner Kit',
  no_sign_in: 'E-mail notifications only, no sign-in',
};

/** A grant's name for people; unknown grants are shown as written. */
export function grantLabel(grant) {
  return GRANT_LABELS[grant] ?? grant.replaceAll('_', ' ');
}
