import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkPasswordChange, passwordRules, checkUsernameRequest, looksLikeEmail, pendingText } from '../lib/account-forms.js';
import { useLanguage } from './catalogue.js';

useLanguage('en');

test('the password rules are the portal\'s three', () => {
  assert.equal(passwordRules().length, 3);
  assert.match(passwordRules()[0], /12 characters/);
});

test('a password change is checked for what the form can see', () => {
  const email = 'dana@example.com';
  assert.deepEqual(checkPasswordChange({ current: '', next: '', again: '' }, email), {
    current_password: 'Enter your current password.',
    new_password: 'Enter a new password.',
  });
  assert.deepEqual(checkPasswordChange({ current: 'x', next: 'short', again: 'short' }, email), {
    new_password: 'Use at least 12 characters.',
  });
  assert.deepEqual(checkPasswordChange({ current: 'x', next: 'Dana@Example.com', again: 'Dana@Example.com' }, email), {
    new_password: 'Your password cannot be your e-mail address.',
  });
  assert.deepEqual(checkPasswordChange({ current: 'x', next: 'marmalade lighthouse', again: 'marmalade lighthous' }, email), {
    new_password_again: 'This does not match the new password.',
  });
  assert.deepEqual(checkPasswordChange({ current: 'x', next: 'marmalade lighthouse', again: '' }, email), {
    new_password_again: 'This does not match the new password.',
  });
  assert.deepEqual(checkPasswordChange({ current: 'x', next: 'marmalade lighthouse', again: 'marmalade lighthouse' }, email), {});
});

test('e-mail shapes', () => {
  for (const good of ['a@b.co', 'dana.w+portal@example.co.uk']) assert.equal(looksLikeEmail(good), true, good);
  for (const bad of ['', 'dana', 'dana@', '@example.com', 'dana@localhost', 'da na@example.com', 'a@b@c.com']) {
    assert.equal(looksLikeEmail(bad), false, bad);
  }
});

test('a user-name request needs a new, valid address, the password and a reason', () => {
  const email = 'dana@example.com';
  assert.deepEqual(checkUsernameRequest({ newEmail: ' ', password: '', reason: ' ' }, email), {
    new_email: 'Enter the new e-mail address.',
    current_password: 'Enter your current password.',
    reason: 'Say why, so that support can approve it.',
  });
  assert.deepEqual(checkUsernameRequest({ newEmail: 'dana', password: 'p', reason: 'r' }, email), {
    new_email: 'Enter an e-mail address such as name@example.com.',
  });
  assert.deepEqual(checkUsernameRequest({ newEmail: 'DANA@example.com', password: 'p', reason: 'r' }, email), {
    new_email: 'That is already your e-mail address.',
  });
  assert.deepEqual(checkUsernameRequest({ newEmail: 'dana@new.example', password: 'p', reason: 'Married' }, email), {});
});

test('the pending state names the address and the ticket', () => {
  assert.equal(pendingText(null), '');
  assert.equal(pendingText({ new_email: 'dana@new.example', ticket_id: 7 }), 'change to dana@new.example requested — ticket #7');
});

test('second-step codes are six digits or a recovery code', async () => {
  const { checkCode } = await import('../lib/account-forms.js');
  assert.equal(checkCode('123 456'), '');
  assert.equal(checkCode('k7m2p-x9qfr'), '');
  assert.equal(checkCode(''), 'Enter the code from your authenticator app, or a recovery code.');
  assert.equal(checkCode('12345'), 'Codes from the app have 6 digits.');
  assert.equal(checkCode('hello'), 'Enter 6 digits from the app, or a recovery code like abcde-23456.');
});
