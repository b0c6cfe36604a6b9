// Formatting for people, in the language shown.

import { dateFormat, formattingLocale, numberFormat, t } from './i18n.js';

/** "just now", "5 minutes ago", "3 hours ago", "2 days ago" for a Unix time
 * in seconds, relative to `nowMs` (milliseconds). */
export function ago(unixSeconds, nowMs = Date.now()) {
  const seconds = Math.max(0, Math.round(nowMs / 1000 - unixSeconds));
  if (seconds < 60) return t('ago-now');
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return t('ago-minutes', { count: minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return t('ago-hours', { count: hours });
  return t('ago-days', { count: Math.floor(hours / 24) });
}

/** Initials for an avatar: "Dana Whitfield" → "DW". */
export function initials(name) {
  const parts = String(name ?? '').trim().split(/\s+/).filter(Boolean);
  if (parts.length === 0) return '?';
  const first = parts[0][0];
  const last = parts.length > 1 ? parts[parts.length - 1][0] : '';
  return (first + last).toUpperCase();
}

/** A count grouped by thousands: 100000 → "100,000" (in German
 * "100.000"). */
export function groupedCount(number) {
  return numberFormat().format(number);
}

/** A calendar day for people, e.g. "19 Nov 2026" (in German
 * "19. Nov. 2026"), from an ISO date or time (its UTC day, as the portal
 * dates things); text that is not a date is shown as it came. */
export function calendarDate(iso, locale = formattingLocale()) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return String(iso);
  return dateFormat({ day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }, locale).format(date);
}

/** A moment for people, e.g. "19 Nov 2026, 08:12", from a Unix time in
 * seconds (or a Date), in the system's time zone unless `timeZone` is
 * given. */
export function dateTime(moment, locale = formattingLocale(), timeZone = undefined) {
  const date = moment instanceof Date ? moment : new Date(moment * 1000);
  if (Number.isNaN(date.getTime())) return '';
  return dateFormat({ day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone }, locale).format(date);
}
