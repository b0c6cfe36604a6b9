// Pure logic of the Tickets screen: filters, labels, unread markers, the
// reply form's checks and the upload line. No DOM, no IPC.

import { humanSize } from './downloads.js';
import { groupedCount } from './format.js';

/** The status filter's choices; `statuses` empty means all. */
export const STATUS_FILTERS = [
  { id: 'active', label: 'Open or awaiting you', statuses: ['open', 'awaiting_customer'] },
  { id: 'awaiting_customer', label: 'Awaiting your reply', statuses: ['awaiting_customer'] },
  { id: 'open', label: 'Open', statuses: ['open'] },
  { id: 'resolved', label: 'Resolved', statuses: ['resolved'] },
  { id: 'cancelled', label: 'Cancelled', statuses: ['cancelled'] },
  { id: 'all', label: 'All tickets', statuses: [] },
];

const STATUS_LABELS = {
  open: 'Open',
  awaiting_customer: 'Awaiting your reply',
  resolved: 'Resolved',
  cancelled: 'Cancelled',
};

const KIND_LABELS = {
  support: 'Support',
  username_change: 'User name change',
  contact_change: 'Contact change',
};

/** "Awaiting your reply" and the like; unknown statuses as they came. */
export function statusLabel(status) {
  return STATUS_LABELS[status] ?? String(status);
}

/** "User name change" and the like. */
export function kindLabel(kind) {
  return KIND_LABELS[kind] ?? String(kind);
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
  const noun = (n) => (n === 1 ? 'ticket' : 'tickets');
  const count = groupedCount;
  return shown === total ? `${count(total)} ${noun(total)}` : `${count(shown)} of ${count(total)} ${noun(total)}`;
}

/** Why the reply (or new ticket) cannot be sent yet, or ''. `files` are
 * picked attachments `{name, size, problem}`. */
export function sendBlocker(message, files, { needsText = false } = {}) {
  const broken = files.find((file) => file.problem);
  if (broken) return `Remove \u201c${broken.name}\u201d first: ${broken.problem}`;
  if (files.length > 10) return 'Attach at most 10 files to one comment.';
  if (!message.trim() && (needsText || files.length === 0)) return needsText ? 'Describe what you need.' : 'Write a message or attach a file.';
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
  return `${files.length} ${files.length === 1 ? 'file' : 'files'}, ${humanSize(total)}`;
}

/** The line under the reply form while sending. */
export function uploadLine(progress) {
  if (!progress) return '';
  if (progress.total === 0) return 'Sending…';
  const percent = Math.floor((progress.done / progress.total) * 100);
  return `Sending ${humanSize(progress.done)} of ${humanSize(progress.total)} (${percent}%)`;
}

/** A comment's time, e.g. "19 Nov 2026, 08:12", in the given locale and
 * time zone (the system's by default). */
export function commentTime(rfc3339, locale = undefined, timeZone = undefined) {
  const date = new Date(rfc3339);
  if (Number.isNaN(date.getTime())) return String(rfc3339);
  return date.toLocaleString(locale, {
    day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone,
  });
}

/** The organizations the user is a contact of (from their roles), for the
 * new-ticket form, sorted by name. */
export function contactOrganizations(roles) {
  const byId = new Map(roles.map((role) => [role.organization_id, role.organization]));
  return [...byId].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name));
}
