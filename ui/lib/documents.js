// Pure logic of the document lists (My Payments, Payments Manager):
// filtering, sorting, amounts in the document's currency, and which
// organizations' documents the user may see.

import { formattingLocale, numberFormat, t } from './i18n.js';
import { createListIndex } from './list-index.js';

/** The grant that opens an organization's documents. */
export const ORGANIZATION_DOCUMENTS = 'organization_documents';

/** The empty filter. */
export const NO_FILTER = Object.freeze({ kind: '', status: '', year: '', text: '' });

/** The text a search looks in: number, title and file name. */
export function documentSearchText(document) {
  return `${document.number}\n${document.title}\n${document.file_name}`;
}

/** The select filters ({kind, status, year}) as a row test and a name for
 * it (null test: nothing to check). */
export function documentFilter(filter) {
  const { kind = '', status = '', year = '' } = filter;
  if (!kind && !status && !year) return { keep: null, filterKey: '' };
  return {
    keep: (document) => (!kind || document.kind === kind)
      && (!status || document.status === status)
      && (!year || document.issued_on.startsWith(`${year}-`)),
    filterKey: `${kind}|${status}|${year}`,
  };
}

/** Documents matching `filter` ({kind, status, year, text}; empty = any). */
export function filterDocuments(documents, filter) {
  const text = String(filter.text ?? '').trim().toLocaleLowerCase();
  const { keep } = documentFilter(filter);
  return documents.filter((document) => (!keep || keep(document))
    && (!text || documentSearchText(document).toLocaleLowerCase().includes(text)));
}

/** The sortable columns and the value each sorts by (ISO dates and status
 * names sort as text; amounts as numbers; document numbers by
 * `number_order`, their rank in natural order, "INV-9" before "INV-10",
 * which the core gives each listed document). */
export const DOCUMENT_SORT_KEYS = Object.freeze({
  issued_on: (document) => document.issued_on,
  due_on: (document) => document.due_on ?? '9999',
  number: (document) => document.number_order,
  amount: (document) => Number(document.amount),
  status: (document) => `${document.status}\u0000${document.issued_on}`,
});

/** The documents in `key`'s order; `direction` is 'asc' or 'desc'. Unknown
 * keys sort by date. */
export function sortDocuments(documents, key, direction) {
  const index = createListIndex(documents, { searchText: () => '', sortKeys: DOCUMENT_SORT_KEYS });
  return index.query({ key: DOCUMENT_SORT_KEYS[key] ? key : 'issued_on', direction }).toArray();
}

/** The next sort after clicking `key`: same key flips, a new key starts
 * descending for dates and amounts, ascending otherwise. */
export function nextSort(current, key) {
  if (current.key === key) return { key, direction: current.direction === 'asc' ? 'desc' : 'asc' };
  const descending = key === 'issued_on' || key === 'amount' || key === 'due_on';
  return { key, direction: descending ? 'desc' : 'asc' };
}

/** Years documents were issued in, newest first. */
export function yearsOf(documents) {
  return [...new Set(documents.map((document) => document.issued_on.slice(0, 4)))].sort().reverse();
}

/** "£14,820.00" for ("14820.00", "GBP"); the code itself when the runtime
 * does not know the currency. */
export function formatAmount(amount, currency, locale = formattingLocale()) {
  const value = Number(amount);
  if (!Number.isFinite(value)) return `${amount} ${currency}`;
  try {
    return numberFormat({ style: 'currency', currency }, locale).format(value);
  } catch {
    return `${value.toFixed(2)} ${currency}`;
  }
}

/** "Paid", "Unpaid", "Overdue"; a quote not yet settled is "Open". */
export function statusLabel(status, kind = 'invoice') {
  if (kind === 'quote' && status === 'unpaid') return t('document-status-open');
  return ['paid', 'unpaid', 'overdue'].includes(status) ? t(`document-status-${status}`) : status;
}

/** "Quote" or "Invoice". */
export function kindLabel(kind) {
  return kind === 'quote' ? t('document-kind-quote') : t('document-kind-invoice');
}

/** The organizations whose documents the user's roles open, by name:
 * [{id, name}]. */
export function documentOrganizations(roles) {
  const byId = new Map();
  for (const role of roles) {
    if (role.grants.includes(ORGANIZATION_DOCUMENTS)) byId.set(role.organization_id, role.organization);
  }
  return [...byId].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name));
}

/** "3 of 22 documents" / "9,800 of 100,000 documents". */
export function countLabel(shown, total) {
  return shown === total ? t('document-count-all', { total }) : t('document-count-some', { shown, total });
}
