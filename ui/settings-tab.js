// My Profile → Settings: attachment file-name format with a live preview,
// e-mail preferences and the notification digest. Saved on the portal.

import { call } from './lib/ipc.js';
import { h } from './lib/dom.js';
import { placeError } from './lib/errors.js';
import { ago } from './lib/format.js';
import { loadTab } from './tab-loader.js';
import { DIGEST_CATEGORIES, EMAIL_PREFERENCES, digestSummary, sameSettings, toUpdate, toggleCategory } from './lib/settings-form.js';

/** The Settings tab; `tab` = {redraw, fetch, onSessionEnded}. */
export function createSettingsTab(tab) {
  const state = { view: null, draft: null, banner: null, status: '', saving: false, loading: false };

  const load = () => loadTab(state, 'load_settings', tab, () => {
    state.draft = toUpdate(state.view.settings);
  });

  async function save() {
    if (!state.view?.etag || sameSettings(state.draft, toUpdate(state.view.settings))) return;
    state.saving = true;
    state.banner = null;
    tab.redraw();
    try {
      state.view = await call('save_settings', { update: state.draft, if_match: state.view.etag });
      state.draft = toUpdate(state.view.settings);
      state.status = 'Saved. New downloads use this format.';
    } catch (error) {
      const placed = placeError(error, []);
      if (placed.needsSignIn) {
        tab.onSessionEnded();
      } else if (placed.code === 'conflict') {
        const mine = state.draft;
        state.view = await call('load_settings').catch(() => state.view);
        state.draft = mine;
        state.banner = { text: 'Your settings were changed elsewhere meanwhile. Your choices are still selected; save again to apply them.', retry: false };
      } else {
        state.banner = { text: placed.banner, retry: placed.retryable, action: save };
      }
    } finally {
      state.saving = false;
      tab.redraw();
    }
  }

  function changed() {
    state.status = '';
    const dirty = !sameSettings(state.draft, toUpdate(state.view.settings));
    const button = document.getElementById('settings-save');
    if (button) button.disabled = !dirty || state.saving || !state.view.etag;
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
        h('p', { className: 'loading' }, 'Loading your settings…'));
    }
    const draft = state.draft;
    const option = state.view.format_options.find((o) => o.format === draft.attachment_name_format);
    const dirty = !sameSettings(draft, toUpdate(state.view.settings));
    return h('form', { className: 'card details', id: 'settings-form', novalidate: true, onSubmit: (event) => { event.preventDefault(); save(); } },
      state.banner ? bannerView(state.banner, state.banner.action ?? save) : null,
      state.view.cached_at !== null
        ? h('p', { className: 'banner warning', role: 'status' }, `Offline: showing your settings as last synced ${ago(state.view.cached_at)}. They can be changed once the portal is reachable.`)
        : null,
      h('fieldset', { className: 'section' },
        h('legend', {}, 'Attachment File Name Format'),
        h('p', { className: 'hint' }, 'Include the ticket number in the names of downloaded ticket attachments to keep track of where they came from.'),
        h('div', { className: 'choices-list', role: 'radiogroup' },
          state.view.format_options.map((formatOption) => h('label', { className: 'choice' },
            h('input', {
              type: 'radio', name: 'attachment-format', id: `format-${formatOption.format}`, value: formatOption.format,
              checked: draft.attachment_name_format === formatOption.format,
              onChange: () => { draft.attachment_name_format = formatOption.format; changed(); },
            }),
            h('span', {}, formatOption.label)))),
        h('p', { className: 'preview' }, `Preview: ${state.view.sample} is saved as `, h('strong', { id: 'format-preview' }, option?.example ?? ''))),
      h('fieldset', { className: 'section' },
        h('legend', {}, 'E-mail preferences'),
        EMAIL_PREFERENCES.map((preference) => h('label', { className: 'choice' },
          h('input', {
            type: 'checkbox', id: `email-${preference.name}`, checked: draft.email[preference.name],
            disabled: Boolean(preference.alwaysOn),
            onChange: (event) => { draft.email[preference.name] = event.target.checked; changed(); },
          }),
          h('span', {}, preference.label, preference.alwaysOn ? h('span', { className: 'hint block' }, preference.alwaysOn) : null)))),
      h('fieldset', { className: 'section' },
        h('legend', {}, 'Notification digest'),
        h('div', { className: 'choices-list inline', role: 'radiogroup', 'aria-label': 'Frequency' },
          [['daily', 'Daily'], ['weekly', 'Weekly, on Monday']].map(([value, label]) => h('label', { className: 'choice' },
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
        h('span', { className: 'status', id: 'settings-status', role: 'status' }, state.saving ? 'Saving…' : state.status),
        h('button', { type: 'submit', className: 'primary', id: 'settings-save', disabled: !dirty || state.saving || !state.view.etag }, 'Save Changes')),
    );
  }

  return { view, reset: () => { state.view = null; state.draft = null; state.banner = null; state.status = ''; } };
}
