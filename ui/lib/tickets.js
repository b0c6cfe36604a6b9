// Pure logic of the Tickets screen: filters, labels, unread markers, the
// reply form's checks and the upload line. No DOM, no IPC.

import { humanSize } from './downloads.js';
import { formattingLocale, t } from './i18n.js';
import { dateTime } from './format.js';

/** The status filter's choices; `statuses` empty means all. */
export const STATUS_FILTERS = [
  { id: 'active', statuses: ['open', 'awaiting_customer'] },
  { id: 'awaiting_customer', statuses: ['awaiting_customer'] },
  { id: 'open', statuses: ['open'] },
  { id: 'resolved', statuses: ['resolved'] },
  { id: 'cancelled', statuses: ['cancelled'] },
  { id: 'all', statuses: [] },
].map((choice) => ({ ...choice, get label() { return t(`ticket-filter-${choice.id}`); } }));

const STATUSES = ['open', 'awaiting_customer', 'resolved', 'cancelled'];
const KINDS = ['support', 'username_change', 'contact_change'];

/** "Awaiting your reply" and the like; unknown statuses as they came. */
export function statusLabel(status) {
  return STATUSES.includes(status) ? t(`ticket-status-${status}`) : String(status);
}

/** "User name change" and the like. */
export function kindLabel(kind) {
  return KINDS.includes(kind) ? t(`ticket-kind-${kind}`) : String(kind);
}

/** The text a ticket search looks in: number, subject, organization and
 * requester. */
export function ticketSearchText(ticket) {
  return [String(ticket.number), ticket.subject, ticket.organization?.name ?? '', ticket.requester].join('\n');
}

/** What a search for `text` looks for: trimmed, "#1234" as "1234". */
export function ticketNeedle(text) {
  return String(text ?? '').trim().replace(/^#/, '');
}

/** The status filter `status` (an id of STATUS_FILTERS) as a row test and
 * a name for it (null test: every status). */
export function ticketStatusFilter(status) {
  const statuses = (STATUS_FILTERS.find((choice) => choice.id === status) ?? STATUS_FILTERS.at(-1)).statuses;
  if (statuses.length === 0) return { keep: null, filterKey: '' };
  return { keep: (ticket) => statuses.includes(ticket.status), filterKey: statuses.join(',') };
}

/** The tickets the filter `{status, text}` keeps, in their order. Text
 * matches the number (with or without #), subject, organization and
 * requester, ignoring case. */
export function filterTickets(tickets, { status = 'all', text = '' } = {}) {
  const { keep } = ticketStatusFilter(status);
  const needle = ticketNeedle(text).toLowerCase();
  return tickets.filter((ticket) => (!keep || keep(ticket))
    && (!needle || ticketSearchText(ticket).toLowerCase().includes(needle)));
}

/** How many of `tickets` have a reply the user has not seen. */
export function unreadCount(tickets, unread) {
  const numbers = new Set(unread);
  return tickets.filter((ticket) => numbers.has(ticket.number)).length;
}

/** "3 of 6 tickets", "1 ticket", "3,520 of 20,000 tickets". */
export function countLabel(shown, total) {
  return shown === total ? t('ticket-count-all', { total }) : t('ticket-count-some', { shown, total });
}

/** Why the reply (or new ticket) cannot be sent yet, or ''. `files` are
 * picked attachments `{name, size, problem}`. */
export function sendBlocker(message, files, { needsText = false } = {}) {
  const broken = files.find((file) => file.problem);
  if (broken) return t('reply-remove-file-first', { name: broken.name, problem: broken.problem });
  if (files.length > 10) return t('reply-too-many-files');
  if (!message.trim() && (needsText || files.length === 0)) return needsText ? t('ticket-describe-need') : t('reply-write-something');
  return '';
}

/** Adds newly picked files to `files`, skipping paths already there. */
export function addPicked(files, picked) {
  const known = new Set(files.map((file) => file.path));
  return [...files, ...picked.filter((file) => !known.has(file.path))];
}

/** Total size of the picked files, e.g. "3 files, 12 MB". */
export function filesSummary(files) {
  if (files.length === 0) return '';
  const total = files.reduce((sum, file) => sum + (file.size ?? 0), 0);
  return t('reply-files-summary', { count: files.length, size: humanSize(total) });
}

/** The line under the reply form while sending. */
export function uploadLine(progress) {
  if (!progress) return '';
  if (progress.total === 0) return t('reply-sending');
  const percent = Math.floor((progress.done / progress.total) * 100);
  return t('reply-sending-part', { done: humanSize(progress.done), total: humanSize(progress.total), percent });
}

/** A comment's time, e.g. "19 Nov 2026, 08:12", in the given locale (the
 * language shown's by default) and time zone (the system's by default). */
export function commentTime(rfc3339, locale = formattingLocale(), timeZone = undefined) {
  const date = new Date(rfc3339);
  return Number.isNaN(date.getTime()) ? String(rfc3339) : dateTime(date, locale, timeZone);
}

/** The organizations the user is a contact of (from their roles), for the
 * new-ticket form, sorted by name. */
export function contactOrganizations(roles) {
  const byId = new Map(roles.map((role) => [role.organization_id, role.organization]));
  return [...byId].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name));
}
