// My Profile → Settings: attachment file-name format with a live preview,
// e-mail preferences and the notification digest. Saved on the portal, or
// kept in the outbox while it cannot be reached; waiting settings that a
// change made elsewhere conflicts with are settled setting by setting.

import { call } from './lib/ipc.js';
import { h } from './lib/dom.js';
import { placeError } from './lib/errors.js';
import { ago } from './lib/format.js';
import { loadTab } from './tab-loader.js';
import {
  DIGEST_CATEGORIES, EMAIL_PREFERENCES, digestSummary, pickSettings, sameSettings, settingsDifferences, toUpdate, toggleCategory,
} from './lib/settings-form.js';
import { t } from './lib/i18n.js';

/** The Settings tab; `tab` = {redraw, fetch, onSessionEnded, outboxChanged}. */
export function createSettingsTab(tab) {
  const state = { view: null, draft: null, banner: null, status: '', saving: false, loading: false, picks: {} };

  /** What the form starts from: the settings waiting in the outbox over
   * the portal's. */
  const shown = () => state.view.waiting?.update ?? toUpdate(state.view.settings);
  const inConflict = () => state.view?.waiting?.state === 'conflict';

  const load = () => loadTab(state, 'load_settings', tab, () => {
    state.draft = shown();
    state.picks = {};
  });

  async function save() {
    if (!state.view?.etag || inConflict() || sameSettings(state.draft, shown())) return;
    state.saving = true;
    state.banner = null;
    tab.redraw();
    try {
      state.view = await call('save_settings', { update: state.draft, if_match: state.view.etag });
      state.draft = shown();
      state.status = state.view.queued ?? t('settings-saved');
      if (state.view.queued) tab.outboxChanged();
    } catch (error) {
      const placed = placeError(error, []);
      if (placed.needsSignIn) {
        tab.onSessionEnded();
      } else if (placed.code === 'conflict') {
        const mine = state.draft;
        state.view = await call('load_settings').catch(() => state.view);
        state.draft = mine;
        state.banner = { text: t('settings-changed-elsewhere-banner'), retry: false };
      } else {
        state.banner = { text: placed.banner, retry: placed.retryable, action: save };
      }
    } finally {
      state.saving = false;
      tab.redraw();
    }
  }

  /** Settles waiting settings in conflict: `chosen` (mine where picked,
   * theirs elsewhere) is saved on the portal's version; null keeps theirs. */
  async function settle(chosen) {
    state.saving = true;
    state.banner = null;
    tab.redraw();
    try {
      state.view = await call('settle_waiting_settings', { id: state.view.waiting.id, chosen, current: state.view.etag });
      state.draft = shown();
      state.picks = {};
      if (state.view.waiting) state.status = t('settings-changed-again');
      else state.status = chosen ? t('settings-choices-saved') : t('settings-theirs-shown');
      tab.outboxChanged();
    } catch (error) {
      const placed = placeError(error, []);
      if (placed.needsSignIn) tab.onSessionEnded();
      else state.banner = { text: placed.banner, retry: placed.retryable, action: () => settle(chosen) };
    } finally {
      state.saving = false;
      tab.redraw();
    }
    document.getElementById('settings-status')?.focus?.();
  }

  function conflictPanel() {
    const mine = state.view.waiting.update;
    const theirs = toUpdate(state.view.settings);
    const formatLabel = (format) => state.view.format_options.find((o) => o.format === format)?.label ?? format;
    const rows = settingsDifferences(mine, theirs, formatLabel);
    const pick = (key, choice) => { state.picks[key] = choice; };
    return h('section', { className: 'conflict', id: 'settings-conflict', role: 'alert' },
      h('h2', {}, t('settings-conflict-title')),
      h('p', {}, t('settings-conflict-intro')),
      h('table', {},
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('settings-conflict-setting')), h('th', { scope: 'col' }, t('conflict-yours')), h('th', { scope: 'col' }, t('conflict-theirs')))),
        h('tbody', {}, rows.map((row) => h('tr', { className: 'differs', 'data-setting': row.key },
          h('th', { scope: 'row' }, row.label),
          ['mine', 'theirs'].map((side) => h('td', { className: side },
            h('label', { className: 'choice' },
              h('input', {
                type: 'radio', name: `pick-${row.key}`, id: `pick-${side}-${row.key.replace('.', '-')}`,
                checked: (state.picks[row.key] ?? 'mine') === side, onChange: () => pick(row.key, side),
              }),
              h('span', {}, row[side])))))))),
      h('div', { className: 'choices' },
        h('button', {
          type: 'button', className: 'primary', id: 'settings-keep-chosen', disabled: state.saving,
          onClick: () => settle(pickSettings(mine, theirs, Object.fromEntries(rows.map((row) => [row.key, state.picks[row.key] ?? 'mine'])))),
        }, t('settings-save-choices')),
        h('button', { type: 'button', className: 'secondary', id: 'settings-use-theirs', disabled: state.saving, onClick: () => settle(null) }, t('settings-use-theirs'))));
  }

  function changed() {
    state.status = '';
    const dirty = !sameSettings(state.draft, shown());
    const button = document.getElementById('settings-save');
    if (button) button.disabled = !dirty || state.saving || !state.view.etag || inConflict();
    const preview = document.getElementById('format-preview');
    const option = state.view.format_options.find((o) => o.format === state.draft.attachment_name_format);
    if (preview && option) preview.textContent = option.example;
    const summary = document.getElementById('digest-summary');
    if (summary) summary.textContent = digestSummary(state.draft.digest);
    const status = document.getElementById('settings-status');
    if (status) status.textContent = '';
  }

  function view(bannerView) {
    if (!state.view && !state.loading && !state.banner) load();
    if (!state.view) {
      return h('div', {}, state.banner ? bannerView(state.banner, state.banner.action) : null,
        h('p', { className: 'loading' }, t('settings-loading')));
    }
    const draft = state.draft;
    const option = state.view.format_options.find((o) => o.format === draft.attachment_name_format);
    const dirty = !sameSettings(draft, shown());
    const waiting = state.view.waiting;
    return h('form', { className: 'card details', id: 'settings-form', novalidate: true, onSubmit: (event) => { event.preventDefault(); save(); } },
      state.banner ? bannerView(state.banner, state.banner.action ?? save) : null,
      state.view.cached_at !== null
        ? h('p', { className: 'banner warning', role: 'status' }, t('settings-offline', { ago: ago(state.view.cached_at) }))
        : null,
      waiting && waiting.state === 'conflict' ? conflictPanel() : null,
      waiting && waiting.state === 'waiting'
        ? h('p', { className: 'banner info', id: 'settings-waiting', role: 'status' }, t('settings-waiting'))
        : null,
      waiting && waiting.state === 'refused'
        ? h('p', { className: 'banner error', id: 'settings-refused', role: 'alert' }, t('settings-refused', { message: waiting.message }))
        : null,
      h('fieldset', { className: 'section' },
        h('legend', {}, t('settings-format-title')),
        h('p', { className: 'hint' }, t('settings-format-hint')),
        h('div', { className: 'choices-list', role: 'radiogroup' },
          state.view.format_options.map((formatOption) => h('label', { className: 'choice' },
            h('input', {
              type: 'radio', name: 'attachment-format', id: `format-${formatOption.format}`, value: formatOption.format,
              checked: draft.attachment_name_format === formatOption.format,
              onChange: () => { draft.attachment_name_format = formatOption.format; changed(); },
            }),
            h('span', {}, formatOption.label)))),
        h('p', { className: 'preview' }, t('settings-format-preview', { sample: state.view.sample }), h('strong', { id: 'format-preview' }, option?.example ?? ''))),
      h('fieldset', { className: 'section' },
        h('legend', {}, t('settings-email-title')),
        EMAIL_PREFERENCES.map((preference) => h('label', { className: 'choice' },
          h('input', {
            type: 'checkbox', id: `email-${preference.name}`, checked: draft.email[preference.name],
            disabled: Boolean(preference.alwaysOn),
            onChange: (event) => { draft.email[preference.name] = event.target.checked; changed(); },
          }),
          h('span', {}, preference.label, preference.alwaysOn ? h('span', { className: 'hint block' }, preference.alwaysOn()) : null)))),
      h('fieldset', { className: 'section' },
        h('legend', {}, t('settings-digest-title')),
        h('div', { className: 'choices-list inline', role: 'radiogroup', 'aria-label': t('settings-digest-frequency') },
          [['daily', t('digest-daily')], ['weekly', t('digest-weekly')]].map(([value, label]) => h('label', { className: 'choice' },
            h('input', {
              type: 'radio', name: 'digest-frequency', id: `frequency-${value}`, value, checked: draft.digest.frequency === value,
              onChange: () => { draft.digest.frequency = value; changed(); },
            }),
            h('span', {}, label)))),
        DIGEST_CATEGORIES.map((category) => h('label', { className: 'choice' },
          h('input', {
            type: 'checkbox', id: `category-${category.name}`, checked: draft.digest.categories.includes(category.name),
            onChange: (event) => { draft.digest.categories = toggleCategory(draft.digest.categories, category.name, event.target.checked); changed(); },
          }),
          h('span', {}, category.label))),
        h('p', { className: 'hint', id: 'digest-summary' }, digestSummary(draft.digest))),
      h('div', { className: 'action-bar' },
        h('span', { className: 'status', id: 'settings-status', role: 'status' }, state.saving ? t('saving') : state.status),
        h('button', { type: 'submit', className: 'primary', id: 'settings-save', disabled: !dirty || state.saving || !state.view.etag || inConflict() }, t('save-changes'))),
    );
  }

  return {
    view,
    reset: () => { state.view = null; state.draft = null; state.banner = null; state.status = ''; state.picks = {}; },
    /** The outbox changed (sent, withdrawn): read the settings again. */
    outboxChanged: () => {
      if (!state.view || !sameSettings(state.draft, shown())) return;
      state.status = '';
      load();
    },
  };
}
