// Portal Desk's own updates: the banner that offers a newer version ("what's
// new", Install and restart, Later) and the "Check for updates" card of the
// Settings tab. The check runs at start and, through an hourly nudge, daily
// (Rust decides when one is due); download, signature check and install
// happen in Rust.

import { call } from './lib/ipc.js';
import { h } from './lib/dom.js';
import { placeError } from './lib/errors.js';
import { applyUpdateEvent, checkResult, offerTitle, progressText } from './lib/updates.js';
import { t } from './lib/i18n.js';

/** How often the UI asks whether a daily check is due. */
const NUDGE_EVERY_MS = 60 * 60 * 1000;

/** The update controller; `rerender` redraws the page. */
export function createUpdates(rerender) {
  let state = { offer: null, notesOpen: false, phase: 'idle', progress: null, error: null, later: false };
  let manual = { busy: false, text: '', failed: false };
  let timer = null;

  /** Looks for an update; redraws only when there is something new to
   * show (an offer, or the answer to a check the user asked for), so the
   * quiet checks at start and every hour leave the page as it is. */
  async function check(asked) {
    let changed = asked;
    try {
      const offer = await call('check_for_update', { manual: asked });
      if (offer && offer.version !== state.offer?.version) {
        state = { ...state, offer, later: false, error: null, phase: 'idle', progress: null };
        changed = true;
      }
      if (asked) manual = { busy: false, text: checkResult(offer), failed: false };
    } catch (error) {
      if (asked) manual = { busy: false, text: placeError(error, []).banner, failed: true };
    }
    if (changed) rerender();
  }

  async function install() {
    state = { ...state, phase: 'downloading', progress: null, error: null };
    rerender();
    // Channel messages can arrive after the command's answer (they travel
    // apart); once the answer is in, a late "installing" must not cover
    // the error it already reported.
    let answered = false;
    const channel = new window.__TAURI__.core.Channel();
    channel.onmessage = (event) => {
      if (answered) return;
      state = applyUpdateEvent(state, event);
      rerender();
    };
    try {
      await call('install_update', { on_event: channel });
    } catch (error) {
      state = { ...state, phase: 'idle', progress: null, error: placeError(error, []).banner };
      rerender();
    } finally {
      answered = true;
    }
  }

  return {
    /** The check at start; then an hourly nudge for the daily check. */
    start() {
      check(false);
      if (timer === null) timer = setInterval(() => check(false), NUDGE_EVERY_MS);
    },

    /** The banner, or null when there is nothing to offer. */
    banner() {
      const { offer } = state;
      if (!offer || state.later) return null;
      const busy = state.phase !== 'idle';
      return h('section', { className: 'banner info update-banner', id: 'update-banner', role: 'status', 'aria-label': t('update-banner-label') },
        h('p', { className: 'update-headline' },
          h('strong', { id: 'update-title' }, offerTitle(offer)),
          ' — ',
          h('button', {
            type: 'button', className: 'link', id: 'update-whats-new', 'aria-expanded': String(state.notesOpen),
            onClick: () => { state = { ...state, notesOpen: !state.notesOpen }; rerender(); },
          }, t('update-whats-new')),
          h('span', { className: 'muted' }, t('update-you-have', { version: offer.current_version }))),
        state.notesOpen
          ? h('p', { className: 'update-notes', id: 'update-notes' }, offer.notes || t('update-no-notes'))
          : null,
        state.error ? h('p', { className: 'update-error', id: 'update-error', role: 'alert' }, state.error) : null,
        busy
          ? h('p', { id: 'update-progress' }, progressText(state.phase, state.progress))
          : h('div', { className: 'actions' },
            h('button', { type: 'button', className: 'primary', id: 'update-install', onClick: install },
              state.error ? t('retry') : t('update-install')),
            h('button', {
              type: 'button', className: 'secondary', id: 'update-later',
              onClick: () => { state = { ...state, later: true }; rerender(); },
            }, t('update-later'))),
      );
    },

    /** The Settings tab's "Updates" card. */
    settingsCard() {
      return h('section', { className: 'card', id: 'updates-card', 'aria-labelledby': 'updates-heading' },
        h('h2', { id: 'updates-heading' }, t('updates-title')),
        h('p', { className: 'hint' }, t('updates-hint')),
        h('div', { className: 'actions' },
          h('button', {
            type: 'button', className: 'secondary', id: 'check-updates', disabled: manual.busy,
            onClick: () => { manual = { busy: true, text: t('updates-looking'), failed: false }; state = { ...state, later: false }; rerender(); check(true); },
          }, t('updates-check'))),
        manual.text
          ? h('p', { id: 'update-check-status', className: manual.failed ? 'error-text' : 'muted', role: manual.failed ? 'alert' : 'status' }, manual.text)
          : null);
    },
  };
}
