// The page's catalogue: English and German hold the same messages with the
// same variables, every message the page asks for exists, none is unused,
// and the page's modules write no text of their own outside it.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FluentResource } from '../vendor/fluent-bundle/index.js';
import { catalogueSource, useLanguage } from './catalogue.js';
import { t } from '../lib/i18n.js';
import { textOutsideCatalogue } from './ui-text.js';

const ui = join(dirname(fileURLToPath(import.meta.url)), '..');
const LANGUAGES = ['en', 'de'];

/** The page's own modules (not the vendored ones), relative to ui/. */
function pageModules() {
  const inFolder = (folder) => readdirSync(join(ui, folder)).filter((name) => name.endsWith('.js')).map((name) => (folder === '.' ? name : `${folder}/${name}`));
  return [...inFolder('.'), ...inFolder('lib')];
}

/** Message ids and the variables each uses, from Fluent source. */
function messages(source) {
  const found = new Map();
  const resource = new FluentResource(source);
  for (const entry of resource.body) {
    if (entry.id.startsWith('-')) continue;
    found.set(entry.id, variablesOf(JSON.stringify(entry)));
  }
  return found;
}

function variablesOf(json) {
  return [...json.matchAll(/"type":"var","name":"([^"]+)"/g)].map((match) => match[1]).sort().filter((name, at, all) => all.indexOf(name) === at);
}

test('every line of each catalogue is a message (nothing dropped as not Fluent)', () => {
  for (const code of LANGUAGES) {
    const source = catalogueSource(code);
    const declared = source.split('\n').filter((line) => /^-?[a-zA-Z][\w-]*\s*=/.test(line)).length;
    const read = new FluentResource(source).body.length;
    assert.equal(read, declared, `${code}: ${declared - read} message(s) did not parse`);
  }
});

test('English and German have the same messages with the same variables', () => {
  const [english, german] = LANGUAGES.map((code) => messages(catalogueSource(code)));
  assert.deepEqual([...german.keys()].filter((id) => !english.has(id)), [], 'only in German');
  assert.deepEqual([...english.keys()].filter((id) => !german.has(id)), [], 'missing in German');
  for (const [id, variables] of english) {
    assert.deepEqual(german.get(id), variables, `${id}: the German message uses other variables`);
  }
});

test('every message the page asks for exists, and every message is asked for', () => {
  const english = messages(catalogueSource('en'));
  const asked = new Set();
  const prefixes = new Set();
  for (const file of pageModules()) {
    const source = readFileSync(join(ui, file), 'utf8');
    for (const match of source.matchAll(/\bt\(\s*'([a-z0-9-]+)'/g)) asked.add(match[1]);
    for (const match of source.matchAll(/\bt\(\s*`([a-z0-9-]+)\$\{/g)) prefixes.add(match[1]);
  }
  assert.deepEqual([...asked].filter((id) => !english.has(id)), [], 'asked for but not in the catalogue');
  const unused = [...english.keys()].filter((id) => !asked.has(id) && ![...prefixes].some((prefix) => id.startsWith(prefix)));
  assert.deepEqual(unused, [], 'in the catalogue but never asked for');
});

test('the page writes no text outside the catalogue', () => {
  const found = [];
  for (const file of pageModules()) {
    found.push(...textOutsideCatalogue(readFileSync(join(ui, file), 'utf8')).map((text) => `${file}: ${text}`));
  }
  assert.deepEqual(found, []);
});

test('a button named for a screen reader keeps its visible words in the name, in both languages', () => {
  // [visible text, accessible name] of the buttons that have both.
  const pairs = [['kit-preview', 'kit-preview-named'], ['download', 'kit-download-named'], ['kit-download-folder', 'kit-download-folder-named']];
  for (const code of LANGUAGES) {
    useLanguage(code);
    for (const [visible, named] of pairs) {
      const name = t(named, { name: 'Logo.png', folder: 'Logos' });
      assert.ok(name.toLowerCase().includes(t(visible).toLowerCase()), `${code}: “${name}” does not hold “${t(visible)}”`);
    }
  }
  useLanguage('en');
});
