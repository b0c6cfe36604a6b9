// "On this computer": how large the page is shown and in which language.
// The size is the webview's zoom, so every screen reflows as it would for
// a larger system text size; Ctrl and + / - / 0 (Command on a Mac) step it
// too. The language follows the system unless one is chosen here.

import { firstLanguage } from './early-start.js';
import { call } from './lib/ipc.js';
import { h } from './lib/dom.js';
import { t, useCatalogue } from './lib/i18n.js';
import { steppedTextSize } from './lib/text-size.js';

/** The settings of this computer: `rerender` redraws the Settings tab,
 * `languageChanged` the whole page in the language now shown. */
export function createDisplaySettings({ rerender, languageChanged }) {
  let size = null; // {percent, choices} once read
  let language = null; // {language, choice, choices} once read
  let status = { text: '', failed: false };

  const read = async () => {
    size ??= await call('text_size');
    return size;
  };
  const done = (text) => { status = { text, failed: false }; };
  const failed = (error) => { status = { text: error.message, failed: true }; };

  const chooseSize = async (percent) => {
    try {
      await call('set_text_size', { percent });
      size = { ...(await read()), percent };
      done(t('display-text-size-set', { percent }));
    } catch (error) {
      failed(error);
    }
    rerender();
  };
  const chooseLanguage = async (choice) => {
    try {
      const view = await call('set_language', { choice });
      useCatalogue(view.language, view.catalogue);
      language = view;
      done(t('display-language-set'));
      languageChanged();
    } catch (error) {
      failed(error);
      rerender();
    }
  };
  const systemName = () => language?.choices.find((choice) => choice.code === language.system)?.name ?? '';

  return {
    /** Reads the settings for the card (once): the size, and the language
     * the page was started in unless one was chosen since. */
    load() {
      if (size && language) return;
      Promise.all([read(), language ?? firstLanguage]).then(([, view]) => { language = view; rerender(); }, () => {});
    },
    /** Steps the size for a shortcut key: 'larger', 'smaller' or 'reset'.
     * Answers what the Settings card now says of it ('' when the size
     * stays), for the page to tell wherever the user is. */
    async step(direction) {
      const { percent, choices } = await read();
      const next = steppedTextSize(choices, percent, direction);
      if (next === percent) return '';
      await chooseSize(next);
      return status.text;
    },
    /** The card in the Settings tab. */
    card() {
      return h('section', { className: 'card', id: 'display-card', 'aria-labelledby': 'display-heading' },
        h('h2', { id: 'display-heading' }, t('display-title')),
        h('div', { className: 'field' },
          h('label', { for: 'text-size' }, t('display-text-size')),
          h('select', { id: 'text-size', disabled: !size, 'aria-describedby': 'text-size-hint', onChange: (event) => chooseSize(Number(event.target.value)) },
            (size?.choices ?? [100]).map((percent) => h('option', { value: String(percent), selected: percent === (size?.percent ?? 100) }, t('display-text-size-choice', { percent })))),
          h('p', { className: 'hint', id: 'text-size-hint' }, t('display-text-size-hint'))),
        h('div', { className: 'field' },
          h('label', { for: 'language' }, t('display-language')),
          h('select', { id: 'language', disabled: !language, 'aria-describedby': 'language-hint', onChange: (event) => chooseLanguage(event.target.value) },
            h('option', { value: 'system', selected: language?.choice === 'system' }, t('display-language-system', { name: systemName() })),
            (language?.choices ?? []).map((choice) => h('option', { value: choice.code, selected: language.choice === choice.code, lang: choice.code }, choice.name))),
          h('p', { className: 'hint', id: 'language-hint' }, t('display-language-hint'))),
        status.text
          ? h('p', { id: 'display-status', className: status.failed ? 'error-text' : 'muted', role: status.failed ? 'alert' : 'status' }, status.text)
          : null);
    },
  };
}
