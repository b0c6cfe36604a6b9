// Pure logic of the document lists (My Payments, Payments Manager):
// filtering, sorting, amounts in the document's currency, and which
// organizations' documents the user may see.

/** The grant that opens an organization's documents. */
export const ORGANIZATION_DOCUMENTS = 'organization_documents';

/** The empty filter. */
export const NO_FILTER = Object.freeze({ kind: '', status: '', year: '', text: '' });

/** Documents matching `filter` ({kind, status, year, text}; empty = any). */
export function filterDocuments(documents, filter) {
  const text = String(filter.text ?? '').trim().toLocaleLowerCase();
  return documents.filter((document) =>
    (!filter.kind || document.kind === filter.kind)
    && (!filter.status || document.status === filter.status)
    && (!filter.year || document.issued_on.startsWith(`${filter.year}-`))
    && (!text || [document.number, document.title, document.file_name]
      .some((value) => String(value).toLocaleLowerCase().includes(text))));
}

/** The sortable columns and how they compare. */
const COMPARE = {
  issued_on: (a, b) => a.issued_on.localeCompare(b.issued_on) || a.id - b.id,
  due_on: (a, b) => (a.due_on ?? '9999').localeCompare(b.due_on ?? '9999') || a.id - b.id,
  number: (a, b) => a.number.localeCompare(b.number, undefined, { numeric: true }),
  amount: (a, b) => Number(a.amount) - Number(b.amount) || a.currency.localeCompare(b.currency),
  status: (a, b) => a.status.localeCompare(b.status) || a.issued_on.localeCompare(b.issued_on),
};

/** A sorted copy; `direction` is 'asc' or 'desc'. Unknown keys sort by date. */
export function sortDocuments(documents, key, direction) {
  const compare = COMPARE[key] ?? COMPARE.issued_on;
  const sorted = [...documents].sort(compare);
  return direction === 'desc' ? sorted.reverse() : sorted;
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
export function formatAmount(amount, currency, locale = undefined) {
  const value = Number(amount);
  if (!Number.isFinite(value)) return `${amount} ${currency}`;
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(value);
  } catch {
    return `${value.toFixed(2)} ${currency}`;
  }
}

/** "Paid", "Unpaid", "Overdue"; a quote not yet settled is "Open". */
export function statusLabel(status, kind = 'invoice') {
  if (kind === 'quote' && status === 'unpaid') return 'Open';
  return { paid: 'Paid', unpaid: 'Unpaid', overdue: 'Overdue' }[status] ?? status;
}

/** "Quote" or "Invoice". */
export function kindLabel(kind) {
  return kind === 'quote' ? 'Quote' : 'Invoice';
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

/** "3 of 22 documents" / "22 documents". */
export function countLabel(shown, total) {
  const noun = total === 1 ? 'document' : 'documents';
  return shown === total ? `${total} ${noun}` : `${shown} of ${total} ${noun}`;
}
