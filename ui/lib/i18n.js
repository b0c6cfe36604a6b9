// The page's words in the language shown: a Project Fluent catalogue
// (the files of ui/locales/LANG/, handed over by the app with the
// language) read by @fluent/bundle. Every text the page shows comes from
// `t(id, args)`; numbers, dates and sizes are formatted for the language.

import { FluentBundle, FluentResource } from '../vendor/fluent-bundle/index.js';

let bundle = null;
let language = 'en';
const missing = new Set();

/** Reads `catalogue` (Fluent source) for `code` (`en`, `de`) and shows
 * its words from now on. Throws when the catalogue does not parse. */
export function useCatalogue(code, catalogue) {
  const next = new FluentBundle(code, { useIsolating: false });
  const errors = next.addResource(new FluentResource(catalogue));
  if (errors.length > 0) throw new Error(`the ${code} catalogue is not valid Fluent: ${errors[0].message}`); // not UI text: a fault of the build
  bundle = next;
  language = code;
  globalThis.document?.documentElement?.setAttribute('lang', code);
}

/** The language shown (`en`, `de`). */
export function currentLanguage() {
  return language;
}

/** Message `id` in the language shown, with `args` (numbers choose the
 * plural form). A message the catalogue lacks shows its id and is
 * remembered (`missingMessages`), never thrown: a page half in words is
 * better than none. */
export function t(id, args) {
  const message = bundle?.getMessage(id);
  if (!message?.value) {
    missing.add(id);
    return id;
  }
  return bundle.formatPattern(message.value, args);
}

/** The ids asked for that the catalogue lacks (for tests). */
export function missingMessages() {
  return [...missing];
}

/** The locale dates, numbers and amounts are written in: the system's own
 * variant of the language shown (en-GB, de-AT) when it has one, else the
 * language itself. */
export function formattingLocale() {
  const system = globalThis.navigator?.languages ?? [];
  return system.find((tag) => tag.split('-')[0].toLowerCase() === language) ?? language;
}

const formats = new Map();

/** The `Kind` (Intl.NumberFormat, Intl.DateTimeFormat) for `locale` and
 * `options`, made once: lists format a value per row as they scroll. */
function cachedFormat(Kind, options, locale) {
  const key = `${Kind.name}|${locale}|${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (!format) {
    format = new Kind(locale, options);
    formats.set(key, format);
  }
  return format;
}

/** An Intl.NumberFormat for `locale` (the formatting locale unless given)
 * and `options`. Throws as Intl does for options it does not know (a
 * currency code). */
export function numberFormat(options = {}, locale = formattingLocale()) {
  return cachedFormat(Intl.NumberFormat, options, locale);
}

/** An Intl.DateTimeFormat for `locale` (the formatting locale unless
 * given) and `options`. */
export function dateFormat(options, locale = formattingLocale()) {
  return cachedFormat(Intl.DateTimeFormat, options, locale);
}
