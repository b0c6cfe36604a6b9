// Reduced motion: nothing on the page moves by itself unless the system
// says motion is welcome. Any animation, transition or smooth scroll must
// sit inside `@media (prefers-reduced-motion: no-preference)`.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ui = join(dirname(fileURLToPath(import.meta.url)), '..');

/** `css` without the blocks that apply only when motion is welcome. */
function outsideMotionWelcome(css) {
  const opening = /@media\s*\(\s*prefers-reduced-motion\s*:\s*no-preference\s*\)\s*\{/g;
  let kept = '';
  let from = 0;
  for (const match of css.matchAll(opening)) {
    if (match.index < from) continue;
    kept += css.slice(from, match.index);
    let depth = 1;
    let at = match.index + match[0].length;
    while (depth > 0 && at < css.length) {
      if (css[at] === '{') depth += 1;
      if (css[at] === '}') depth -= 1;
      at += 1;
    }
    from = at;
  }
  return kept + css.slice(from);
}

const MOVING_CSS = /(^|[\s;{])(animation(-name)?|transition(-property)?)\s*:|scroll-behavior\s*:\s*smooth/;

test('the stylesheet moves nothing unless motion is welcome', () => {
  const css = readFileSync(join(ui, 'styles.css'), 'utf8');
  const found = outsideMotionWelcome(css.replace(/\/\*[\s\S]*?\*\//g, '')).match(MOVING_CSS);
  assert.equal(found, null, `motion outside prefers-reduced-motion: no-preference: ${found?.[0]}`);
});

test('the check finds motion where it is not allowed, and allows it where it is', () => {
  assert.match(outsideMotionWelcome('.a { transition: color 1s; }'), MOVING_CSS);
  assert.doesNotMatch(outsideMotionWelcome('@media (prefers-reduced-motion: no-preference) { .a { transition: color 1s; } .b { animation: spin 1s; } }'), MOVING_CSS);
  assert.match(outsideMotionWelcome('@media (prefers-reduced-motion: no-preference) { .a { color: red; } } html { scroll-behavior: smooth; }'), MOVING_CSS);
});

test('no script scrolls smoothly or animates', () => {
  const files = [...readdirSync(ui).map((name) => join(ui, name)), ...readdirSync(join(ui, 'lib')).map((name) => join(ui, 'lib', name))]
    .filter((path) => path.endsWith('.js'));
  for (const path of files) {
    const source = readFileSync(path, 'utf8');
    assert.doesNotMatch(source, /behavior:\s*['"]smooth['"]|\.animate\(/, path);
  }
});
