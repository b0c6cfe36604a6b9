import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  addPicked, commentTime, contactOrganizations, countLabel, filesSummary, filterTickets, kindLabel, sendBlocker, statusLabel, unreadCount, uploadLine,
} from '../lib/tickets.js';
import { useLanguage } from './catalogue.js';

useLanguage('en');

const ticket = (number, status, fields = {}) => ({
  number, status, subject: `Subject ${number}`, organization: null, requester: 'Dana Whitfield', ...fields,
});
const tickets = [
  ticket(1234, 'awaiting_customer', { subject: 'Nightly export fails', organization: { id: 1, name: 'Northwind Traders' } }),
  ticket(1235, 'open', { subject: 'Contact changes' }),
  ticket(1236, 'resolved', { requester: 'Lee Okafor' }),
  ticket(1240, 'cancelled'),
];

test('the status filter and the search combine', () => {
  const numbers = (list) => list.map((t) => t.number);
  assert.deepEqual(numbers(filterTickets(tickets, { status: 'active' })), [1234, 1235]);
  assert.deepEqual(numbers(filterTickets(tickets, { status: 'awaiting_customer' })), [1234]);
  assert.deepEqual(numbers(filterTickets(tickets, { status: 'all' })), [1234, 1235, 1236, 1240]);
  assert.deepEqual(numbers(filterTickets(tickets, { status: 'all', text: '#1236' })), [1236]);
  assert.deepEqual(numbers(filterTickets(tickets, { status: 'all', text: 'northwind' })), [1234]);
  assert.deepEqual(numbers(filterTickets(tickets, { status: 'all', text: ' LEE ' })), [1236]);
  assert.deepEqual(numbers(filterTickets(tickets, { status: 'active', text: 'lee' })), []);
  assert.deepEqual(numbers(filterTickets(tickets, { status: 'nonsense' })), [1234, 1235, 1236, 1240], 'unknown filter: all');
});

test('labels for statuses and kinds', () => {
  assert.equal(statusLabel('awaiting_customer'), 'Awaiting your reply');
  assert.equal(statusLabel('on_hold'), 'on_hold');
  assert.equal(kindLabel('username_change'), 'User name change');
  assert.equal(countLabel(2, 4), '2 of 4 tickets');
  assert.equal(countLabel(1, 1), '1 ticket');
  assert.equal(countLabel(3520, 20000), '3,520 of 20,000 tickets', 'grouped by thousands, as documents are');
  assert.equal(unreadCount(tickets, [1234, 9999]), 1);
});

test('a reply needs text or files, and no broken file', () => {
  assert.equal(sendBlocker('', []), 'Write a message or attach a file.');
  assert.equal(sendBlocker('', [{ name: 'a.txt', size: 1 }]), '');
  assert.equal(sendBlocker('hi', [{ name: 'big.bin', size: 0, problem: 'too large' }]), 'Remove “big.bin” first: too large');
  assert.equal(sendBlocker('', [{ name: 'a.txt', size: 1 }], { needsText: true }), 'Describe what you need.');
  assert.equal(sendBlocker('x', Array.from({ length: 11 }, (_, i) => ({ name: `${i}`, size: 1 }))), 'Attach at most 10 files to one comment.');
});

test('picked files are added once and summed', () => {
  const first = [{ path: '/a/x.txt', name: 'x.txt', size: 1024 }];
  const added = addPicked(first, [{ path: '/a/x.txt', name: 'x.txt', size: 1024 }, { path: '/a/y.pdf', name: 'y.pdf', size: 2048 }]);
  assert.deepEqual(added.map((f) => f.name), ['x.txt', 'y.pdf']);
  assert.equal(filesSummary(added), '2 files, 3.0 KB');
  assert.equal(filesSummary([]), '');
});

test('upload progress and times read well', () => {
  assert.equal(uploadLine(null), '');
  assert.equal(uploadLine({ done: 0, total: 0 }), 'Sending…');
  assert.equal(uploadLine({ done: 5 * 1024 * 1024, total: 20 * 1024 * 1024 }), 'Sending 5.0 MB of 20 MB (25%)');
  assert.equal(commentTime('2026-11-19T08:12:00Z', 'en-GB', 'UTC'), '19 Nov 2026, 08:12');
  assert.equal(commentTime('not a time'), 'not a time');
});

test('a new ticket can be for any organization the user has a role in', () => {
  const roles = [
    { organization_id: 2, organization: 'Contoso Partners', role: 'Admin' },
    { organization_id: 1, organization: 'Northwind Traders', role: 'Management' },
    { organization_id: 1, organization: 'Northwind Traders', role: 'Cust. Admin.' },
  ];
  assert.deepEqual(contactOrganizations(roles), [{ id: 2, name: 'Contoso Partners' }, { id: 1, name: 'Northwind Traders' }]);
});
