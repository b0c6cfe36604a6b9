import { test } from 'node:test';
import assert from 'node:assert/strict';
import { placeError, toPayload } from '../lib/errors.js';
import { DROPPED } from '../lib/epoch.js';
import { useLanguage } from './catalogue.js';

useLanguage('en');

test('field errors go beside their fields, and no banner when all are placed', () => {
  const placed = placeError(
    { code: 'validation_failed', message: 'Some fields are not valid.', fields: { mobile_phone: 'Use digits.' } },
    ['mobile_phone', 'first_name'],
  );
  assert.deepEqual(placed.fields, { mobile_phone: 'Use digits.' });
  assert.equal(placed.banner, null);
  assert.equal(placed.retryable, false);
});

test('fields the form does not show fall back to the banner', () => {
  const placed = placeError(
    { code: 'validation_failed', message: 'Some fields are not valid.', fields: { email: 'Bad.' } },
    ['mobile_phone'],
  );
  assert.deepEqual(placed.fields, {});
  assert.equal(placed.banner, 'Some fields are not valid.');
});

test('whether to offer a retry or a sign-in is what the payload says, whatever the code', () => {
  const unreachable = placeError(
    { code: 'portal_unreachable', message: 'Cannot reach x.', retryable: true, needs_sign_in: false }, []);
  assert.equal(unreachable.retryable, true);
  assert.equal(unreachable.needsSignIn, false);
  assert.equal(unreachable.banner, 'Cannot reach x.');
  const ended = placeError({ code: 'session_ended', message: 'Sign in again.', retryable: false, needs_sign_in: true }, []);
  assert.equal(ended.needsSignIn, true);
  assert.equal(ended.retryable, false);
  const newCode = placeError({ code: 'some_new_code', message: 'Later.', retryable: true, needs_sign_in: false }, []);
  assert.equal(newCode.retryable, true, 'a code the UI never heard of still gets its retry');
  assert.equal(placeError({ code: 'portal_unreachable', message: 'x' }, []).retryable, false, 'no flag, no retry');
});

test('anything else becomes an unexpected error with its text', () => {
  const neither = { retryable: false, needsSignIn: false };
  assert.deepEqual(toPayload(new Error('boom')), { code: 'unexpected', message: 'boom', fields: {}, ...neither });
  assert.deepEqual(toPayload('plain'), { code: 'unexpected', message: 'plain', fields: {}, ...neither });
});

test('a dropped answer places nothing: no banner, no field, no sign-in', () => {
  const placed = placeError(DROPPED, ['email']);
  assert.deepEqual(placed, { code: 'dropped', fields: {}, banner: null, retryable: false, needsSignIn: false, dropped: true });
  assert.equal(placeError({ code: 'offline', message: 'Offline.' }, []).dropped, false);
});
