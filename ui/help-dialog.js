// The Help dialog: the version and system, the log folder ("Open log
// folder"), and "Copy diagnostics" (version, system, the portal's address and
// the last log lines, with e-mail addresses and codes removed), which is what
// a support team asks for first. It sits over whatever screen is shown, the
// sign-in screen included; Rust copies the text, and the dialog shows it.

import { call } from './lib/ipc.js';
import { focusOpener, h } from './lib/dom.js';
import { placeError } from './lib/errors.js';
import { t } from './lib/i18n.js';

/** The Help button that opens the dialog. */
export function helpButton() {
  return h('button', {
    type: 'button', id: 'help-button', className: 'secondary',
    onClick: (event) => openHelp(event.currentTarget),
  }, t('help-button'));
}

/** Opens the dialog (once); focus returns to `opener` when it closes. */
export async function openHelp(opener) {
  if (document.getElementById('help-dialog')) return;
  const facts = h('dl', { className: 'facts', id: 'help-facts' });
  const status = h('p', { id: 'help-status', role: 'status', 'aria-live': 'polite' }, '');
  const copied = h('pre', { id: 'help-diagnostics', className: 'diagnostics', hidden: true, tabindex: '0', 'aria-label': t('help-copied-label') });
  const close = () => {
    overlay.remove();
    document.removeEventListener('keydown', onKey);
    focusOpener(opener);
  };
  const onKey = (event) => { if (event.key === 'Escape') close(); };
  const overlay = h('div', { className: 'overlay', id: 'help-overlay' },
    h('section', { className: 'card dialog wide', id: 'help-dialog', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'help-title' },
      h('h2', { id: 'help-title' }, t('help-title')),
      facts,
      h('p', {}, t('help-intro')),
      h('div', { className: 'choices' },
        h('button', { type: 'button', className: 'primary', id: 'help-copy', onClick: copy }, t('help-copy')),
        h('button', { type: 'button', className: 'secondary', id: 'help-open-logs', onClick: openLogs }, t('help-open-logs')),
        h('button', { type: 'button', className: 'secondary', id: 'help-close', onClick: close }, t('close'))),
      status,
      copied));
  document.body.append(overlay);
  document.addEventListener('keydown', onKey);
  document.getElementById('help-close').focus();

  async function copy() {
    status.textContent = t('help-copying');
    try {
      const text = await call('copy_diagnostics');
      copied.textContent = text;
      copied.hidden = false;
      status.textContent = t('help-copied');
    } catch (error) {
      status.textContent = placeError(error, []).banner;
    }
  }

  async function openLogs() {
    try {
      await call('open_log_folder');
      status.textContent = '';
    } catch (error) {
      status.textContent = placeError(error, []).banner;
    }
  }

  try {
    const about = await call('load_about');
    facts.replaceChildren(
      h('dt', {}, t('help-version')), h('dd', { id: 'help-version' }, about.version),
      h('dt', {}, t('help-system')), h('dd', {}, about.system),
      h('dt', {}, t('help-log-folder')), h('dd', { id: 'help-log-folder', className: 'path' }, about.log_folder));
  } catch (error) {
    status.textContent = placeError(error, []).banner;
  }
}
