// ui/vendor/fluent-bundle holds @fluent/bundle's published ES modules,
// unchanged: byte for byte the files npm installs for the version pinned
// in tests/e2e/tools (`cargo xtask test` installs it before these tests).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const vendored = join(root, 'ui', 'vendor', 'fluent-bundle');
const tools = join(root, 'tests', 'e2e', 'tools');
const published = join(tools, 'node_modules', '@fluent', 'bundle');

test('the vendored Fluent runtime is the published package, unchanged', () => {
  assert.ok(existsSync(published), `@fluent/bundle is not installed in ${tools}: run \`npm ci\` there (cargo xtask test does)`);
  const pinned = JSON.parse(readFileSync(join(tools, 'package.json'), 'utf8')).devDependencies['@fluent/bundle'];
  const installed = JSON.parse(readFileSync(join(published, 'package.json'), 'utf8')).version;
  assert.equal(installed, pinned, 'the installed version is the pinned one');
  assert.match(readFileSync(join(vendored, 'README.md'), 'utf8'), new RegExp(`^# @fluent/bundle ${pinned.replaceAll('.', '\\.')}$`, 'm'));
  const modules = readdirSync(vendored).filter((name) => name.endsWith('.js')).sort();
  const upstream = readdirSync(join(published, 'esm')).filter((name) => name.endsWith('.js')).sort();
  assert.deepEqual(modules, upstream, 'the same modules');
  for (const name of modules) {
    assert.ok(readFileSync(join(vendored, name)).equals(readFileSync(join(published, 'esm', name))), `${name} differs from the published file`);
  }
});
