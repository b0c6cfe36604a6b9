// Pure rules of the Outbox panel: what an item's state says, and the
// count the top bar shows.

import { t } from './i18n.js';

/** Where a change the portal's newer version conflicts with is settled,
 * by kind. */
const SETTLED_IN = {
  profile: () => t('outbox-settle-profile'),
  settings: () => t('outbox-settle-settings'),
  contact_changes: () => t('outbox-settle-contacts'),
};

/** The line under an item: waiting, or why it waits for the user (and,
 * for a conflict, where to settle it). */
export function stateLine(item) {
  if (item.state === 'conflict') {
    const where = SETTLED_IN[item.kind];
    if (where) return t('outbox-conflict-settle', { where: where() });
    return t('outbox-conflict', { message: item.message });
  }
  if (item.state === 'refused') {
    const fields = Object.values(item.fields ?? {});
    return fields.length > 0 ? t('outbox-refused-fields', { message: item.message, fields: fields.join(' ') }) : t('outbox-refused', { message: item.message });
  }
  return t('outbox-waiting');
}

/** The changes that wait for the portal (not for the user). */
export function waitingCount(items) {
  return items.filter((item) => item.state === 'waiting').length;
}

/** What "Send now" came to, in a sentence. */
export function sendSummary(result) {
  const sent = result.sent.length;
  const left = result.outbox.items.length;
  const parts = [];
  if (sent > 0) parts.push(t('outbox-sent', { count: sent }));
  if (result.stopped) parts.push(t('outbox-not-sent-yet', { reason: result.stopped }));
  else if (left > 0) parts.push(t('outbox-need-you', { count: left }));
  if (parts.length === 0) parts.push(t('outbox-nothing-waited'));
  for (const item of result.sent) parts.push(...item.notes);
  return parts.join(' ');
}
