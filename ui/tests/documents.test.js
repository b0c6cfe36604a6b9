import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  NO_FILTER, countLabel, documentOrganizations, filterDocuments, formatAmount, nextSort, sortDocuments, statusLabel, yearsOf,
} from '../lib/documents.js';
import { useLanguage } from './catalogue.js';

useLanguage('en');

const doc = (id, fields) => ({
  id, number: `INV-${id}`, kind: 'invoice', title: 'Support', issued_on: '2026-01-01', due_on: null,
  amount: '10.00', currency: 'EUR', status: 'paid', file_name: `INV-${id}.pdf`, ...fields,
});
const documents = [
  doc(1, { kind: 'quote', issued_on: '2025-03-01', amount: '1200.50', status: 'unpaid', title: 'Laptops' }),
  doc(2, { issued_on: '2026-02-01', amount: '99.00', status: 'overdue', due_on: '2026-03-01' }),
  doc(3, { issued_on: '2026-05-01', amount: '5000', currency: 'GBP', file_name: 'Summit pass.pdf' }),
];

test('filters combine kind, status, year and text', () => {
  assert.deepEqual(filterDocuments(documents, NO_FILTER).map((d) => d.id), [1, 2, 3]);
  assert.deepEqual(filterDocuments(documents, { ...NO_FILTER, kind: 'quote' }).map((d) => d.id), [1]);
  assert.deepEqual(filterDocuments(documents, { ...NO_FILTER, status: 'overdue' }).map((d) => d.id), [2]);
  assert.deepEqual(filterDocuments(documents, { ...NO_FILTER, year: '2026' }).map((d) => d.id), [2, 3]);
  assert.deepEqual(filterDocuments(documents, { ...NO_FILTER, text: ' SUMMIT ' }).map((d) => d.id), [3]);
  assert.deepEqual(filterDocuments(documents, { ...NO_FILTER, text: 'laptop', year: '2026' }), []);
});

test('sorting is by value, not by text, and flips on a second click', () => {
  assert.deepEqual(sortDocuments(documents, 'amount', 'desc').map((d) => d.id), [3, 1, 2]);
  assert.deepEqual(sortDocuments(documents, 'issued_on', 'asc').map((d) => d.id), [1, 2, 3]);
  assert.deepEqual(sortDocuments(documents, 'due_on', 'asc').map((d) => d.id)[0], 2, 'no due date sorts last');
  assert.deepEqual(nextSort({ key: 'amount', direction: 'desc' }, 'amount'), { key: 'amount', direction: 'asc' });
  assert.deepEqual(nextSort({ key: 'amount', direction: 'desc' }, 'number'), { key: 'number', direction: 'asc' });
  assert.equal(documents[0].id, 1, 'the input is not reordered');
});

test('amounts use the document currency', () => {
  assert.equal(formatAmount('14820.00', 'GBP', 'en-GB'), '£14,820.00');
  assert.equal(formatAmount('1290', 'EUR', 'de-DE'), '1.290,00\u00a0€', 'a no-break space before the sign');
  assert.equal(formatAmount('5', 'ZZZ1', 'en-GB'), '5.00 ZZZ1');
  assert.equal(formatAmount('abc', 'EUR', 'en-GB'), 'abc EUR');
});

test('years, counts and the organizations the roles open', () => {
  assert.deepEqual(yearsOf(documents), ['2026', '2025']);
  assert.equal(countLabel(3, 3), '3 documents');
  assert.equal(countLabel(1, 22), '1 of 22 documents');
  assert.equal(countLabel(9800, 100000), '9,800 of 100,000 documents');
  const roles = [
    { organization_id: 2, organization: 'Northwind', grants: ['organization_documents'] },
    { organization_id: 2, organization: 'Northwind', grants: ['manage_contacts', 'organization_documents'] },
    { organization_id: 5, organization: 'Contoso', grants: ['organization_documents'] },
    { organization_id: 7, organization: 'Fabrikam', grants: ['organization_tickets'] },
  ];
  assert.deepEqual(documentOrganizations(roles), [{ id: 5, name: 'Contoso' }, { id: 2, name: 'Northwind' }]);
});

test('status labels read as people say them', () => {
  assert.equal(statusLabel('overdue'), 'Overdue');
  assert.equal(statusLabel('unpaid', 'invoice'), 'Unpaid');
  assert.equal(statusLabel('unpaid', 'quote'), 'Open');
  assert.equal(statusLabel('paid', 'quote'), 'Paid');
});

test('numbers sort in the natural order the core ranked them in', () => {
  const ranked = [
    doc(1, { number: 'INV-10', number_order: 1 }),
    doc(2, { number: 'INV-9', number_order: 0 }),
    doc(3, { number: 'Q-1', number_order: 2 }),
  ];
  assert.deepEqual(sortDocuments(ranked, 'number', 'asc').map((d) => d.number), ['INV-9', 'INV-10', 'Q-1']);
  assert.deepEqual(sortDocuments(ranked, 'number', 'desc').map((d) => d.number), ['Q-1', 'INV-10', 'INV-9']);
});
