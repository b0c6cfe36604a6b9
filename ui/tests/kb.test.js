import { test } from 'node:test';
import assert from 'node:assert/strict';
import { voteThanks } from '../lib/kb.js';
import { useLanguage } from './catalogue.js';

useLanguage('en');

test('an answer taken by the portal thanks the user with the counts after it', () => {
  assert.equal(voteThanks({ helpful: true, helpful_count: 1, not_helpful_count: 0 }),
    'Thanks for telling us. 1 of 1 person found this helpful.');
  assert.equal(voteThanks({ helpful: false, helpful_count: 12, not_helpful_count: 2 }),
    'Thanks for telling us. 12 of 14 people found this helpful.');
});
