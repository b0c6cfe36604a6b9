import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DROPPED, createEpoch, isDropped } from '../lib/epoch.js';

/** A promise settled by hand, so a test decides when an answer arrives. */
function pending() {
  let resolve;
  let reject;
  const promise = new Promise((yes, no) => { resolve = yes; reject = no; });
  return { promise, resolve, reject };
}

/** Whether `promise` settles before the queued callbacks have all run. */
async function settles(promise) {
  let settled = false;
  promise.then(() => { settled = true; }, () => { settled = true; });
  for (let turn = 0; turn < 5; turn += 1) await Promise.resolve();
  return settled;
}

test('an answer within the epoch arrives as it is', async () => {
  const epoch = createEpoch();
  assert.equal(await epoch.guard(Promise.resolve('tickets')), 'tickets');
  await assert.rejects(epoch.guard(Promise.reject({ code: 'offline' })), { code: 'offline' });
});

test('an answer after the epoch moved is dropped, success or failure alike', async () => {
  const epoch = createEpoch();
  const answer = pending();
  const failure = pending();
  const late = epoch.guard(answer.promise);
  const lateFailure = epoch.guard(failure.promise);
  epoch.advance();
  answer.resolve('ticket #5');
  failure.reject({ code: 'offline' });
  await assert.rejects(late, (error) => isDropped(error));
  await assert.rejects(lateFailure, (error) => error === DROPPED);
});

test('only requests asked before the move are dropped', async () => {
  const epoch = createEpoch();
  const first = pending();
  const second = pending();
  const old = epoch.guard(first.promise);
  epoch.advance();
  const current = epoch.guard(second.promise);
  second.resolve('ticket #7');
  first.resolve('ticket #5');
  assert.equal(await current, 'ticket #7');
  await assert.rejects(old, (error) => isDropped(error));
});

test('a vanishing answer never settles, so nothing after the await runs', async () => {
  const epoch = createEpoch();
  const answer = pending();
  const guarded = epoch.guard(answer.promise, 'vanish');
  epoch.advance();
  answer.resolve('the old account');
  assert.equal(await settles(guarded), false);
  assert.equal(await settles(epoch.guard(Promise.resolve('new'), 'vanish')), true);
});

test('an ordinary error is not taken for a dropped answer', () => {
  assert.equal(isDropped({ code: 'dropped', message: '' }), false);
  assert.equal(isDropped(null), false);
});
