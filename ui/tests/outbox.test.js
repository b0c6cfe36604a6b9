import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sendSummary, stateLine, waitingCount } from '../lib/outbox.js';
import { useLanguage } from './catalogue.js';

useLanguage('en');

test('each state says where the item stands', () => {
  assert.equal(stateLine({ state: 'waiting' }), 'Waiting to send');
  assert.equal(stateLine({ state: 'conflict', kind: 'reply', message: 'Ticket #12 was cancelled.' }),
    'Changed on the portal meanwhile: Ticket #12 was cancelled.');
  assert.equal(stateLine({ state: 'conflict', kind: 'profile', message: 'Reload it and apply your change again.' }),
    'Changed on the portal meanwhile. Choose between yours and theirs in My Profile → My Details.',
    'a conflict settled elsewhere says where, not what the portal told a web page');
  assert.match(stateLine({ state: 'conflict', kind: 'settings', message: '' }), /My Profile → Settings\.$/);
  assert.match(stateLine({ state: 'conflict', kind: 'contact_changes', message: '' }), /in Contacts\.$/);
  assert.equal(stateLine({ state: 'refused', message: 'Some fields are invalid.', fields: { subject: 'At most 200 characters.' } }),
    'The portal refused it: Some fields are invalid. (At most 200 characters.)');
  assert.equal(stateLine({ state: 'refused', message: 'Ticket 999 was not found.', fields: {} }),
    'The portal refused it: Ticket 999 was not found.');
});

test('only changes waiting for the portal are counted', () => {
  assert.equal(waitingCount([{ state: 'waiting' }, { state: 'conflict' }, { state: 'waiting' }, { state: 'refused' }]), 2);
  assert.equal(waitingCount([]), 0);
});

test('a send says what went, what stopped it and what needs the user', () => {
  assert.equal(sendSummary({ sent: [], stopped: null, outbox: { items: [] } }), 'Nothing waited to be sent.');
  assert.equal(sendSummary({
    sent: [{ id: 1, title: 'Reply to ticket #1', notes: ['“a.log” changed after it was queued; the copy taken then was sent.'] }],
    stopped: null, outbox: { items: [{ state: 'conflict' }] },
  }), '1 change was sent. 1 change needs you; see below. “a.log” changed after it was queued; the copy taken then was sent.');
  assert.equal(sendSummary({ sent: [], stopped: 'The portal cannot be reached.', outbox: { items: [{ state: 'waiting' }, { state: 'waiting' }] } }),
    'Not sent yet: The portal cannot be reached.');
});
