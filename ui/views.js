// Small views and focus helpers shared by the sign-in screen and My Profile.

import { h } from './lib/dom.js';
import { t } from './lib/i18n.js';

/** Focuses the first of the inputs `ids` whose field (`portal-url` →
 * `portal_url`) has an error. */
export function focusFirstError(ids, errors) {
  const first = ids.find((id) => errors[id.replace('-', '_')]);
  if (first) document.getElementById(first)?.focus();
}

/** A banner with a message and, when it can help, a "Try again" button. */
export function bannerView(banner, retry) {
  return h('div', { className: `banner ${banner.kind ?? 'error'}`, id: 'form-banner', role: 'alert' },
    h('span', {}, banner.text),
    banner.retry ? h('button', { type: 'button', className: 'link', id: 'banner-retry', onClick: retry }, t('retry')) : null,
  );
}
