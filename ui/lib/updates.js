// Pure rules of the update banner: how an offer, its progress and the
// result of a check the user asked for are put in words.

import { humanSize } from './downloads.js';
import { t } from './i18n.js';

/** The banner's headline for an offered update. */
export function offerTitle(offer) {
  return t('update-available', { version: offer.version });
}

/** What the banner says while an update is being installed. */
export function progressText(phase, progress) {
  if (phase === 'installing') return t('update-installing');
  if (phase === 'restarting') return t('update-restarting');
  if (!progress) return t('update-downloading');
  const { downloaded, total } = progress;
  if (total) {
    const percent = Math.min(100, Math.floor((downloaded * 100) / total));
    return t('update-downloading-of', { percent, size: humanSize(total) });
  }
  return t('update-downloading-size', { size: humanSize(downloaded) });
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
  return offer ? t('update-check-found', { title: offerTitle(offer) }) : t('update-check-none');
}
