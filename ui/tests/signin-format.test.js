import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkSignIn } from '../lib/signin.js';
import { ago, initials } from '../lib/format.js';
import { useLanguage } from './catalogue.js';

useLanguage('en');

test('the sign-in form names each missing field', () => {
  assert.deepEqual(checkSignIn({ portalUrl: ' ', email: '', password: '' }), {
    portal_url: 'Enter the address of your portal.',
    email: 'Enter your e-mail address.',
    password: 'Enter your password.',
  });
  assert.deepEqual(checkSignIn({ portalUrl: 'https://p', email: 'dana', password: 'x' }), {
    email: 'Enter an e-mail address, like name@example.com.',
  });
  assert.deepEqual(checkSignIn({ portalUrl: 'https://p', email: 'a@b.c', password: 'x' }), {});
});

test('in German, the same checks speak German', () => {
  useLanguage('de');
  try {
    assert.deepEqual(checkSignIn({ portalUrl: '', email: 'dana', password: '' }), {
      portal_url: 'Geben Sie die Adresse Ihres Portals ein.',
      email: 'Geben Sie eine E-Mail-Adresse ein, etwa name@example.com.',
      password: 'Geben Sie Ihr Passwort ein.',
    });
  } finally {
    useLanguage('en');
  }
});

test('ages read naturally', () => {
  const now = 1_700_000_000_000;
  assert.equal(ago(now / 1000 - 5, now), 'just now');
  assert.equal(ago(now / 1000 - 60, now), '1 minute ago');
  assert.equal(ago(now / 1000 - 7200, now), '2 hours ago');
  assert.equal(ago(now / 1000 - 86400 * 3, now), '3 days ago');
});

test('initials take the first and last names', () => {
  assert.equal(initials('Dana Whitfield'), 'DW');
  assert.equal(initials('  lee  '), 'L');
  assert.equal(initials('Anna Maria de la Cruz'), 'AC');
  assert.equal(initials(''), '?');
});
