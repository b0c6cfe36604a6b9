// Pure rules of the Knowledge Base screen.

import { t } from './i18n.js';

/** What a "Was this helpful?" answer the portal took says, with the
 * article's counts after it. */
export function voteThanks({ helpful_count: yes, not_helpful_count: no }) {
  return t('kb-vote-thanks', { yes, total: yes + no });
}

/** What the screen says once a link of an article was handed to the
 * system: a new message to the address of a mailto link, else the web
 * address opened in the browser. */
export function linkOpened(href) {
  if (/^mailto:/i.test(href)) {
    const encoded = href.slice('mailto:'.length).split('?')[0];
    let address = encoded;
    try { address = decodeURIComponent(encoded); } catch { /* a malformed escape: shown as written */ }
    return t('kb-mail-link-opened', { address });
  }
  return t('kb-link-opened', { url: href });
}
