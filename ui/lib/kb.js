// Pure rules of the Knowledge Base screen.

import { t } from './i18n.js';

/** What a "Was this helpful?" answer the portal took says, with the
 * article's counts after it. */
export function voteThanks({ helpful_count: yes, not_helpful_count: no }) {
  return t('kb-vote-thanks', { yes, total: yes + no });
}
