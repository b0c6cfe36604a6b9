// "On this computer": how large the page is shown. The size is the
// webview's zoom, so every screen reflows as it would for a larger system
// text size; Ctrl and + / - / 0 (Command on a Mac) step it too.

import { call } from './lib/ipc.js';
import { h } from './lib/dom.js';
import { steppedTextSize } from './lib/text-size.js';

/** The page-size setting; `rerender` redraws the Settings tab. */
export function createDisplaySettings(rerender) {
  let size = null; // {percent, choices} once read
  let status = { text: '', failed: false };

  const read = async () => {
    size ??= await call('text_size');
    return size;
  };
  const choose = async (percent) => {
    try {
      await call('set_text_size', { percent });
      size = { ...(await read()), percent };
      status = { text: `Text size: ${percent}%.`, failed: false };
    } catch (error) {
      status = { text: error.message, failed: true };
    }
    rerender();
  };

  return {
    /** Reads the size for the card (once). */
    load() {
      if (!size) read().then(rerender, () => {});
    },
    /** Steps the size for a shortcut key: 'larger', 'smaller' or 'reset'. */
    async step(direction) {
      const { percent, choices } = await read();
      const next = steppedTextSize(choices, percent, direction);
      if (next !== percent) await choose(next);
    },
    /** The card in the Settings tab. */
    card() {
      return h('section', { className: 'card', id: 'display-card', 'aria-labelledby': 'display-heading' },
        h('h2', { id: 'display-heading' }, 'On this computer'),
        h('div', { className: 'field' },
          h('label', { htmlFor: 'text-size' }, 'Text size'),
          h('select', { id: 'text-size', disabled: !size, 'aria-describedby': 'text-size-hint', onChange: (event) => choose(Number(event.target.value)) },
            (size?.choices ?? [100]).map((percent) => h('option', { value: String(percent), selected: percent === (size?.percent ?? 100) }, `${percent}%`))),
          h('p', { className: 'hint', id: 'text-size-hint' }, 'Makes everything larger, in every account. Ctrl with + or - changes it too; Ctrl with 0 sets it back.')),
        status.text
          ? h('p', { id: 'display-status', className: status.failed ? 'error-text' : 'muted', role: status.failed ? 'alert' : 'status' }, status.text)
          : null);
    },
  };
}
