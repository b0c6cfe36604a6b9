// Loads the page's catalogue in a language for a test, as the app hands
// it over (not a test file: `node --test` runs only *.test.js).

import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { useCatalogue } from '../lib/i18n.js';

const locales = join(dirname(fileURLToPath(import.meta.url)), '..', 'locales');

/** The Fluent source of the page's catalogue in `code`: every file of
 * its folder, one after the other, as the app joins them. */
export function catalogueSource(code) {
  const folder = join(locales, code);
  return readdirSync(folder).filter((name) => name.endsWith('.ftl')).sort()
    .map((name) => readFileSync(join(folder, name), 'utf8')).join('\n');
}

/** Shows the page's words in `code` (`en`, `de`) from now on. */
export function useLanguage(code) {
  useCatalogue(code, catalogueSource(code));
}
