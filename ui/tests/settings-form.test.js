import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  digestSummary, grantLabel, pickSettings, sameSettings, settingsDifferences, toUpdate, toggleCategory,
} from '../lib/settings-form.js';
import { useLanguage } from './catalogue.js';

useLanguage('en');

const settings = {
  attachment_name_format: 'file_name',
  email: { promotions: false, ticket_updates: true, new_features: true, invoices_and_payments: true, security_alerts: true },
  digest: { frequency: 'daily', categories: ['tickets', 'documents'] },
  updated_at: null,
};

test('an update body copies, so editing it leaves the original alone', () => {
  const update = toUpdate(settings);
  update.email.promotions = true;
  update.digest.categories.push('payments');
  assert.equal(settings.email.promotions, false);
  assert.deepEqual(settings.digest.categories, ['tickets', 'documents']);
  assert.equal('updated_at' in update, false);
});

test('settings compare by meaning, not by category order', () => {
  const a = toUpdate(settings);
  const b = toUpdate(settings);
  b.digest.categories = ['documents', 'tickets'];
  assert.equal(sameSettings(a, b), true);
  b.attachment_name_format = 'hash_ticket_prefix';
  assert.equal(sameSettings(a, b), false);
});

test('categories toggle in canonical order without repeats', () => {
  assert.deepEqual(toggleCategory(['documents'], 'tickets', true), ['tickets', 'documents']);
  assert.deepEqual(toggleCategory(['tickets', 'documents'], 'tickets', true), ['tickets', 'documents']);
  assert.deepEqual(toggleCategory(['tickets', 'documents'], 'tickets', false), ['documents']);
});

test('the digest summary says when, or that there is none', () => {
  assert.equal(digestSummary({ frequency: 'weekly', categories: ['tickets'] }), 'A summary of your outstanding tasks comes every Monday morning.');
  assert.equal(digestSummary({ frequency: 'daily', categories: [] }), 'No digest: no category is selected.');
  assert.equal(digestSummary({ frequency: 'daily', categories: ['tickets'] }, 'their'), 'A summary of their outstanding tasks comes every day.', 'for someone else');
});

test('grants read as sentences; unknown ones as written', () => {
  assert.equal(grantLabel('manage_contacts'), 'Manage contacts and roles');
  assert.equal(grantLabel('export_reports'), 'export reports');
  assert.equal(grantLabel('assigned_customers'), 'Only the customers assigned to them (all when none are)');
});

const BASE = {
  attachment_name_format: 'file_name',
  email: { promotions: false, ticket_updates: true, new_features: false, invoices_and_payments: true, security_alerts: true },
  digest: { frequency: 'daily', categories: ['tickets', 'documents'] },
};
const withChanges = (change) => {
  const settings = toUpdate(BASE);
  change(settings);
  return settings;
};

test('settings differences list each differing setting in words, and nothing else', () => {
  const mine = withChanges((s) => { s.digest.frequency = 'weekly'; s.email.promotions = true; });
  const theirs = withChanges((s) => { s.attachment_name_format = 'ticket_prefix'; s.digest.categories = ['documents', 'tickets']; });
  const rows = settingsDifferences(mine, theirs, (format) => `<${format}>`);
  assert.deepEqual(rows.map((row) => row.key), ['attachment_name_format', 'email.promotions', 'digest.frequency']);
  assert.deepEqual(rows[0], { key: 'attachment_name_format', label: 'Attachment file name format', mine: '<file_name>', theirs: '<ticket_prefix>' });
  assert.equal(rows[1].mine, 'On');
  assert.equal(rows[1].theirs, 'Off');
  assert.equal(rows[2].mine, 'Weekly, on Monday');
  assert.deepEqual(settingsDifferences(BASE, toUpdate(BASE), String), []);
});

test('picking settings takes mine where chosen and theirs elsewhere, without touching either', () => {
  const mine = withChanges((s) => { s.digest.frequency = 'weekly'; s.email.promotions = true; s.digest.categories = []; });
  const theirs = withChanges((s) => { s.attachment_name_format = 'ticket_prefix'; s.email.promotions = false; });
  const picked = pickSettings(mine, theirs, { 'digest.frequency': 'mine', 'email.promotions': 'theirs', 'digest.categories': 'mine', attachment_name_format: 'theirs' });
  assert.equal(picked.digest.frequency, 'weekly');
  assert.equal(picked.email.promotions, false);
  assert.deepEqual(picked.digest.categories, []);
  assert.equal(picked.attachment_name_format, 'ticket_prefix');
  assert.equal(theirs.digest.frequency, 'daily', 'theirs is not changed');
  assert.deepEqual(pickSettings(mine, theirs, {}), toUpdate(theirs));
});
