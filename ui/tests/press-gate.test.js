import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createPressGate, followPresses } from '../lib/press-gate.js';

test('with no press, work runs at once', () => {
  const gate = createPressGate();
  const done = [];
  gate.run(() => done.push('redraw'));
  assert.deepEqual(done, ['redraw']);
  assert.equal(gate.held(), false);
});

test('work asked during a press waits for its end, each piece once, in order', () => {
  const gate = createPressGate();
  const done = [];
  const settings = () => done.push('settings');
  const topBar = () => done.push('top bar');
  gate.press();
  gate.run(settings);
  gate.run(topBar);
  gate.run(settings);
  assert.deepEqual(done, [], 'nothing is redrawn under the pointer');
  gate.release();
  assert.deepEqual(done, ['settings', 'top bar']);
  gate.release();
  assert.deepEqual(done, ['settings', 'top bar'], 'a second release runs nothing again');
  gate.run(settings);
  assert.deepEqual(done, ['settings', 'top bar', 'settings']);
});

test('work that asks for more while it runs after a press runs it at once', () => {
  const gate = createPressGate();
  const done = [];
  const inner = () => done.push('inner');
  gate.press();
  gate.run(() => { done.push('outer'); gate.run(inner); });
  gate.release();
  assert.deepEqual(done, ['outer', 'inner']);
});

/** A stand-in event target for the page: records listeners, fires events. */
function fakePage() {
  const listeners = new Map();
  return {
    addEventListener(type, listener) { listeners.set(type, [...(listeners.get(type) ?? []), listener]); },
    fire(type, event = {}) { for (const listener of listeners.get(type) ?? []) listener(event); },
  };
}

test('a pointer press holds the gate until its click', () => {
  const page = fakePage();
  const gate = followPresses(page);
  const done = [];
  page.fire('pointerdown', { isPrimary: true });
  gate.run(() => done.push('redraw'));
  page.fire('pointerup', { isPrimary: true });
  assert.deepEqual(done, [], 'still held between release and click');
  page.fire('click');
  assert.deepEqual(done, ['redraw'], 'runs before the click is handled');
});

test('a second finger does not hold the gate; a release with no click frees it on the next task', async () => {
  const page = fakePage();
  const gate = followPresses(page);
  page.fire('pointerdown', { isPrimary: false });
  assert.equal(gate.held(), false);
  page.fire('pointerdown', { isPrimary: true });
  page.fire('pointercancel', { isPrimary: true });
  assert.equal(gate.held(), true);
  await new Promise((resolve) => setTimeout(resolve, 0));
  assert.equal(gate.held(), false);
});
