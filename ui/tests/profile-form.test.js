import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PROFILE_FIELDS, changedFields, checkDraft, conflictRows, isDirty, resolveConflict, valuesOf } from '../lib/profile-form.js';
import { useLanguage } from './catalogue.js';

useLanguage('en');

const profile = {
  id: 1, email: 'dana@example.com', first_name: 'Dana', last_name: 'Whitfield',
  office_phone: null, mobile_phone: '+44 7700 900123', company: 'Northwind Traders', job_title: null,
};

test('values turn nulls into empty strings and cover every field', () => {
  const values = valuesOf(profile);
  assert.deepEqual(Object.keys(values), PROFILE_FIELDS.map((f) => f.name));
  assert.equal(values.office_phone, '');
  assert.equal(values.mobile_phone, '+44 7700 900123');
});

test('only changed fields are sent, trimmed; clearing sends an empty string', () => {
  const base = valuesOf(profile);
  const draft = { ...base, mobile_phone: ' +44 7700 900999 ', company: '', first_name: 'Dana  ' };
  assert.deepEqual(changedFields(base, draft), { mobile_phone: '+44 7700 900999', company: '' });
  assert.equal(isDirty(base, draft), true);
  assert.equal(isDirty(base, { ...base, last_name: ' Whitfield ' }), false);
});

test('empty names and overlong values are caught before saving', () => {
  const draft = { ...valuesOf(profile), first_name: '  ', job_title: 'x'.repeat(101) };
  assert.deepEqual(checkDraft(draft), {
    first_name: 'Enter your first name.',
    job_title: 'Use at most 100 characters.',
  });
  assert.deepEqual(checkDraft(valuesOf(profile)), {});
});

test('the portal\'s phone and control-character rules are checked before sending', () => {
  const draft = {
    ...valuesOf(profile),
    mobile_phone: 'call me maybe',
    office_phone: '12',
    job_title: 'Chief\u001b[31m Officer',
    company: '  Northwind\tTraders ',
  };
  assert.deepEqual(checkDraft(draft), {
    mobile_phone: 'Use digits, spaces and + - ( ) . / only.',
    office_phone: 'Enter at least 3 digits.',
    job_title: 'Remove control characters such as tabs and line breaks.',
    company: 'Remove control characters such as tabs and line breaks.',
  });
  const fine = { ...valuesOf(profile), office_phone: ' +44 (0)20 7946.0018 ', company: '\tNorthwind ' };
  assert.deepEqual(checkDraft(fine), {}, 'spaces and tabs around a value are trimmed, as the portal does');
  assert.deepEqual(checkDraft({ ...valuesOf(profile), first_name: '😀'.repeat(100) }), {}, 'a limit counts characters, not UTF-16 units');
});

test('a conflict lists fields changed on either side, with both versions', () => {
  const base = valuesOf(profile);
  const mine = { ...base, mobile_phone: '+44 7700 900111' };
  const theirs = { ...base, mobile_phone: '+44 7700 900222', job_title: 'COO' };
  const rows = conflictRows(base, mine, theirs);
  assert.deepEqual(rows.map((r) => [r.name, r.mine, r.theirs, r.differs]), [
    ['mobile_phone', '+44 7700 900111', '+44 7700 900222', true],
    ['job_title', '', 'COO', true],
  ]);
});

test('keeping mine applies my edits on top of theirs; using theirs drops them', () => {
  const base = valuesOf(profile);
  const mine = { ...base, mobile_phone: '+44 7700 900111' };
  const theirs = { ...base, mobile_phone: '+44 7700 900222', job_title: 'COO' };
  const kept = resolveConflict(base, mine, theirs, 'mine');
  assert.equal(kept.mobile_phone, '+44 7700 900111');
  assert.equal(kept.job_title, 'COO', 'fields I did not touch follow the portal');
  assert.deepEqual(changedFields(theirs, kept), { mobile_phone: '+44 7700 900111' });
  assert.deepEqual(resolveConflict(base, mine, theirs, 'theirs'), theirs);
});
