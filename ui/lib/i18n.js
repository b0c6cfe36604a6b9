// The page's words in the language shown: a Project Fluent catalogue
// (the files of ui/locales/LANG/, handed over by the app with the
// language) read by @fluent/bundle. Every text the page shows comes from
// `t(id, args)`; numbers, dates and sizes are formatted for the language.

import { FluentBundle, FluentResource } from '../vendor/fluent-bundle/index.js';

let bundle = null;
let language = 'en';
const missing = new Set();
/** The catalogue's parts (`null` once read), and the part each message
 * is in. */
let unread = { parts: [], partOf: new Map() };

/** An entry's id at the start of a line: `name =` or, for a term, `-name =`. */
const ENTRY_ID = /^(-?[a-zA-Z][\w-]*)[ \t]*=/gm;

/** Reads `catalogue` (Fluent source) for `code` (`en`, `de`) and shows
 * its words from now on. Throws when a part read now does not parse (a
 * message of a part read later that does not parse shows its id).
 *
 * The catalogue is read a part at a time: its sections (each begins with
 * a `## ` group comment) are parsed when one of their messages is first
 * asked for, and the parts holding terms at once. Parsing all of it held
 * the first screen back by about 5 ms; the first screen needs a few
 * sections. The unit tests parse every part of both languages. */
export function useCatalogue(code, catalogue) {
  const next = new FluentBundle(code, { useIsolating: false });
  const parts = catalogue.split(/^(?=## )/m);
  const partOf = new Map();
  parts.forEach((part, index) => {
    const ids = [...part.matchAll(ENTRY_ID)].map((match) => match[1]);
    if (ids.some((id) => id.startsWith('-'))) {
      const errors = next.addResource(new FluentResource(part));
      if (errors.length > 0) throw new Error(`the ${code} catalogue is not valid Fluent: ${errors[0].message}`); // not UI text: a fault of the build
      parts[index] = null;
    } else {
      for (const id of ids) partOf.set(id, index);
    }
  });
  bundle = next;
  unread = { parts, partOf };
  language = code;
  globalThis.document?.documentElement?.setAttribute('lang', code);
}

/** Message `id`, reading the part it is in when that is not read yet. */
function messageOf(id) {
  const message = bundle?.getMessage(id);
  const index = unread.partOf.get(id);
  if (message || index === undefined || unread.parts[index] === null) return message;
  bundle.addResource(new FluentResource(unread.parts[index]));
  unread.parts[index] = null;
  return bundle.getMessage(id);
}

/** Reads every part not read yet. */
function readEveryPart() {
  for (const part of unread.parts) if (part !== null) bundle.addResource(new FluentResource(part));
  unread = { parts: [], partOf: new Map() };
}

/** Has the engine read its number and plural rules (ICU reads its data
 * the first time such a format is made: about 5 ms, which the first
 * screen's numbers would wait for). Call while waiting for something
 * else. */
export function prepareNumberRules() {
  try {
    new Intl.NumberFormat().format(1);
    new Intl.PluralRules().select(1);
  } catch { /* only a head start: the page's own formats say what is wrong */ }
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
  const message = messageOf(id);
  if (!message?.value) {
    missing.add(id);
    return id;
  }
  const errors = [];
  const text = bundle.formatPattern(message.value, args, errors);
  if (errors.length === 0) return text;
  // It names a message of a part not read yet, or something is wrong
  // with it: with every part read, Fluent says what (and throws).
  readEveryPart();
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
