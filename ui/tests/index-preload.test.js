// index.html asks for every module the app imports at once
// (<link rel="modulepreload">), so the webview need not find them level by
// level: the list must name exactly the modules app.js reaches.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const ui = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Every module `entry` imports, directly or not (paths relative to ui/). */
function importedModules(entry) {
  const found = new Set();
  const visit = (file) => {
    const source = readFileSync(join(ui, file), 'utf8');
    for (const match of source.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+['"](\.[^'"]+)['"]/gm)) {
      const imported = normalize(join(dirname(file), match[1]));
      if (!found.has(imported)) {
        found.add(imported);
        visit(imported);
      }
    }
  };
  visit(entry);
  return found;
}

test('index.html preloads exactly the modules app.js imports', () => {
  const html = readFileSync(join(ui, 'index.html'), 'utf8');
  const preloaded = [...html.matchAll(/<link rel="modulepreload" href="([^"]+)">/g)].map((match) => match[1]);
  assert.equal(new Set(preloaded).size, preloaded.length, 'no module is listed twice');
  assert.deepEqual(new Set(preloaded), importedModules('app.js'));
  assert.ok(preloaded.length > 30, `${preloaded.length} modules`);
});

test('no module loads another one later (a dynamic import would miss the preload)', () => {
  for (const file of [...importedModules('app.js'), 'app.js']) {
    assert.doesNotMatch(readFileSync(join(ui, file), 'utf8'), /\bimport\(/, file);
  }
});
