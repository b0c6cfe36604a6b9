// The in-app viewer: PDFs, pictures and text from the app's own cache,
// served by the `pdfile` scheme (never from the network, never as HTML).

import { h } from './lib/dom.js';
import { t } from './lib/i18n.js';

/** The viewer overlay for `file` ({sha256, title, media_type, inline}), or
 * nothing. `onClose` hides it. */
export function viewerView(file, onClose) {
  if (!file) return null;
  const source = window.__TAURI__.core.convertFileSrc(file.sha256, 'pdfile');
  let content;
  if (!file.inline) {
    content = h('p', { className: 'viewer-message', id: 'viewer-unsupported' }, t('viewer-unsupported'));
  } else if (file.media_type.startsWith('image/')) {
    content = h('img', { src: source, alt: file.title, id: 'viewer-image' });
  } else {
    // Sandboxed: nothing a file holds may run or reach the app. PDFs are
    // the exception: the engine's own PDF viewer runs script in the frame
    // (the file's own script never runs), and a sandbox stops it drawing.
    const pdf = file.media_type === 'application/pdf';
    content = h('iframe', { src: source, title: file.title, id: 'viewer-frame', sandbox: !pdf });
  }
  const close = () => onClose();
  return h('div', { className: 'overlay viewer', id: 'viewer', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'viewer-title',
    onKeydown: (event) => { if (event.key === 'Escape') close(); } },
  h('div', { className: 'viewer-head' },
    h('h2', { id: 'viewer-title' }, file.title),
    h('button', { type: 'button', className: 'secondary', id: 'close-viewer', onClick: close }, t('close'))),
  content);
}
