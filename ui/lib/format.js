// Formatting for people.

/** "just now", "5 minutes ago", "3 hours ago", "2 days ago" for a Unix time
 * in seconds, relative to `nowMs` (milliseconds). */
export function ago(unixSeconds, nowMs = Date.now()) {
  const seconds = Math.max(0, Math.round(nowMs / 1000 - unixSeconds));
  if (seconds < 60) return 'just now';
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return minutes === 1 ? '1 minute ago' : `${minutes} minutes ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return hours === 1 ? '1 hour ago' : `${hours} hours ago`;
  const days = Math.floor(hours / 24);
  return days === 1 ? '1 day ago' : `${days} days ago`;
}

/** Initials for an avatar: "Dana Whitfield" → "DW". */
export function initials(name) {
  const parts = String(name ?? '').trim().split(/\s+/).filter(Boolean);
  if (parts.length === 0) return '?';
  const first = parts[0][0];
  const last = parts.length > 1 ? parts[parts.length - 1][0] : '';
  return (first + last).toUpperCase();
}

const COUNT_FORMAT = new Intl.NumberFormat('en');

/** A count grouped by thousands: 100000 → "100,000". */
export function groupedCount(number) {
  return COUNT_FORMAT.format(number);
}
