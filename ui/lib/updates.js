// Pure rules of the update banner: how an offer, its progress and the
// result of a check the user asked for are put in words.

import { humanSize } from './downloads.js';

/** The banner's headline for an offered update. */
export function offerTitle(offer) {
  return `Portal Desk ${offer.version} is available`;
}

/** What the banner says while an update is being installed. */
export function progressText(phase, progress) {
  if (phase === 'installing') return 'Installing… Portal Desk restarts when it is done.';
  if (phase === 'restarting') return 'Restarting…';
  if (!progress) return 'Downloading…';
  const { downloaded, total } = progress;
  if (total) {
    const percent = Math.min(100, Math.floor((downloaded * 100) / total));
    return `Downloading… ${percent}% of ${humanSize(total)}`;
  }
  return `Downloading… ${humanSize(downloaded)}`;
}

/** The next phase after an event of the `install_update` channel. */
export function applyUpdateEvent(state, event) {
  if (event.event === 'downloading') {
    return { ...state, phase: 'downloading', progress: { downloaded: event.downloaded, total: event.total ?? null } };
  }
  if (event.event === 'installing' || event.event === 'restarting') return { ...state, phase: event.event };
  return state;
}

/** What "Check for updates" says when the check answered. */
export function checkResult(offer) {
  return offer ? `${offerTitle(offer)}: see the banner above.` : 'Portal Desk is up to date.';
}
