// Loads the page's catalogue in a language for a test, as the app hands
// it over (not a test file: `node --test` runs only *.test.js).

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { useCatalogue } from '../lib/i18n.js';

const locales = join(dirname(fileURLToPath(import.meta.url)), '..', 'locales');

/** The Fluent source of the page's catalogue in `code`. */
export function catalogueSource(code) {
  return readFileSync(join(locales, code, 'portal-desk.ftl'), 'utf8');
}

/** Shows the page's words in `code` (`en`, `de`) from now on. */
export function useLanguage(code) {
  useCatalogue(code, catalogueSource(code));
}
