// bundle.mjs joins the page for the app: what it leaves is everything the
// page asks for, app.js holds every module (no import is left to fetch),
// and a second run with nothing changed writes nothing.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ui = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Files the page's sources ask for by name: the stylesheet in
 * index.html and the script its own script adds (`script.src = 'app.js'`),
 * and images in the modules (`src: 'icon.png'`). */
function filesAskedFor() {
  const html = readFileSync(join(ui, 'index.html'), 'utf8');
  const asked = new Set([...html.matchAll(/(?:src|href)="([^"]+)"|\.src = '([^']+)'/g)].map((match) => match[1] ?? match[2]));
  const modules = [...readdirSync(ui), ...readdirSync(join(ui, 'lib')).map((name) => `lib/${name}`)]
    .filter((name) => name.endsWith('.js'));
  for (const name of modules) {
    const source = readFileSync(join(ui, name), 'utf8');
    for (const match of source.matchAll(/src: '([^']+)'/g)) asked.add(match[1]);
  }
  return asked;
}

/** Runs bundle.mjs into `out` (the files it was made from, which it
 * prints for the build script, are not wanted here). */
function joinPageInto(out) {
  execFileSync(process.execPath, [join(ui, 'bundle.mjs'), out], { stdio: ['ignore', 'pipe', 'inherit'] });
}

test('the joined page holds every file the page asks for, and app.js imports nothing', () => {
  const out = mkdtempSync(join(tmpdir(), 'ui-bundle-'));
  try {
    joinPageInto(out);
    const served = new Set(readdirSync(out));
    const asked = filesAskedFor();
    assert.ok(asked.has('app.js') && asked.has('styles.css') && asked.has('icon.png'), [...asked].join(', '));
    for (const name of asked) assert.ok(served.has(name), `${name} is asked for but not in the joined page`);

    const joined = readFileSync(join(out, 'app.js'), 'utf8');
    assert.doesNotMatch(joined, /^\s*(import|export)\s.*from\s/m);
    // Every module is in: the first screen's request, the last screen's code.
    const firstRequest = joined.search(/call\(["']start_app["']\)/);
    assert.ok(firstRequest >= 0, 'the first screen is asked for');
    assert.match(joined, /function createPartnerKit/);
    assert.ok(firstRequest < joined.indexOf('function createMyDetails'),
      'the first screen is asked for before the other modules set themselves up');
    // ASCII only, comments too (the engine holds a script with one wider
    // character at two bytes each); the words past ASCII are escapes.
    assert.doesNotMatch(joined, /[^\x00-\x7f]/);
    assert.match(joined, /"\\u2014"/, 'the dash of an empty table cell is kept, as an escape');

    const before = new Map([...served].map((name) => [name, statSync(join(out, name)).mtimeMs]));
    joinPageInto(out);
    for (const [name, mtime] of before) assert.equal(statSync(join(out, name)).mtimeMs, mtime, `${name} was written again`);
    assert.deepEqual(new Set(readdirSync(out)), served, 'nothing is left beside the page');
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
