// The page's catalogue is read a section at a time: a message of a section
// not read yet is found when asked for, with what it refers to in other
// sections; terms are read at once.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { missingMessages, t, useCatalogue } from '../lib/i18n.js';

const CATALOGUE = `# A catalogue in sections, as the app hands one over.

-brand = Portal Desk

## The shell

app-name = { -brand }
greeting = Hello from { -product }, { $name }.

## Profile

profile-title = My Profile of { app-name }
items = { $count ->
    [one] one item
   *[other] { $count } items
  }

## Terms a later file brings

-product = the desk
`;

test('a message of a section not read yet is found, with the messages and terms it names', () => {
  useCatalogue('en', CATALOGUE);
  assert.equal(t('profile-title'), 'My Profile of Portal Desk');
  assert.equal(t('greeting', { name: 'Dana' }), 'Hello from the desk, Dana.');
  assert.equal(t('items', { count: 1 }), 'one item');
  assert.equal(t('items', { count: 3 }), '3 items');
});

test('a message that names one in a section not read yet finds it', () => {
  const source = `## First\n\nfirst = { second } and more\n\n## Second\n\nsecond = The second\n`;
  useCatalogue('en', source);
  assert.equal(t('first'), 'The second and more');
});

test('sections are read when asked for: a broken one fails only its own messages', () => {
  const source = `## Fine\n\nfine = Fine\n\n## Broken\n\nbroken = { $unclosed\nalso-broken = fine words\n`;
  assert.doesNotThrow(() => useCatalogue('en', source), 'nothing of the broken section was read yet');
  assert.equal(t('fine'), 'Fine');
  assert.equal(t('broken'), 'broken', 'a message that does not parse shows its id');
  assert.ok(missingMessages().includes('broken'));
});

test('the sections with terms are read at once: a term said twice is found then', () => {
  assert.throws(() => useCatalogue('en', `## One\n\n-term = one\n\n## Two\n\n-term = two\n`), /not valid Fluent/);
});

test('an id no section has shows itself and is remembered', () => {
  useCatalogue('en', CATALOGUE);
  assert.equal(t('no-such-message'), 'no-such-message');
  assert.ok(missingMessages().includes('no-such-message'));
});

test('a new catalogue replaces the sections of the last one, read or not', () => {
  useCatalogue('en', CATALOGUE);
  useCatalogue('de', `## Profil\n\nprofile-title = Mein Profil\n`);
  assert.equal(t('profile-title'), 'Mein Profil');
  assert.equal(t('greeting'), 'greeting');
});
