import { test } from 'node:test';
import assert from 'node:assert/strict';
import { placeError, toPayload } from '../lib/errors.js';

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

test('unreachable portals are retryable; ended sessions need a sign-in', () => {
  const unreachable = placeError({ code: 'portal_unreachable', message: 'Cannot reach x.' }, []);
  assert.equal(unreachable.retryable, true);
  assert.equal(unreachable.banner, 'Cannot reach x.');
  assert.equal(placeError({ code: 'session_ended', message: 'Sign in again.' }, []).needsSignIn, true);
});

test('anything else becomes an unexpected error with its text', () => {
  assert.deepEqual(toPayload(new Error('boom')), { code: 'unexpected', message: 'boom', fields: {} });
  assert.deepEqual(toPayload('plain'), { code: 'unexpected', message: 'plain', fields: {} });
});
