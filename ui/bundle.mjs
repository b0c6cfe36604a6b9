// Joins the page into what the app serves: app.js and every module it
// imports as one file (esbuild), beside index.html, styles.css and the
// icon. One request and one parse instead of about sixty: the first screen
// is painted sooner and the webview holds less. The modules themselves stay
// as they are; the unit tests import them directly.
//
// node ui/bundle.mjs OUT_DIR — run by the app's build script. A file whose
// content is unchanged is not written again, and a changed one replaces
// the old at once (written aside, then renamed), so two builds at the same
// time never read half a file. Prints the files the page was made from, a
// line each, so the build runs again when one of them changes (and not
// when a unit test does).

import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ui = dirname(fileURLToPath(import.meta.url));
/** Served as they are. */
const COPIED = ['index.html', 'styles.css', 'icon.png'];

async function writeIfChanged(path, bytes) {
  const existing = await readFile(path).catch(() => null);
  if (existing && Buffer.compare(existing, Buffer.from(bytes)) === 0) return;
  const aside = `${path}.${process.pid}.part`;
  await writeFile(aside, bytes);
  await rename(aside, path);
}

const [out] = process.argv.slice(2);
if (!out) {
  console.error('usage: node ui/bundle.mjs OUT_DIR');
  process.exit(2);
}
const esbuild = await import('esbuild').catch(() => {
  console.error('The UI bundler (esbuild) is not installed: run `npm ci --prefix ui`, which `cargo xtask run` and `cargo xtask test` do.');
  process.exit(1);
});
await mkdir(out, { recursive: true });
const joined = await esbuild.build({
  entryPoints: [join(ui, 'app.js')],
  bundle: true,
  format: 'esm',
  // The webview runs the modules' own syntax: nothing is rewritten for an
  // older engine, and names stay readable in a script error.
  target: 'esnext',
  // Characters past ASCII are written as escapes: a script with even one
  // of them ("…" in a string) is held by the engine at two bytes a
  // character, the whole of it, for as long as the page lives.
  charset: 'ascii',
  write: false,
  outfile: join(out, 'app.js'),
  logLevel: 'warning',
  metafile: true,
});
// esbuild escapes what is past ASCII in strings, names and patterns, not in
// the comments it keeps: those are written in escapes too (a comment is
// not read), so the whole script is ASCII.
const asAscii = (text) => text.replace(/[^\x00-\x7f]/gu, (character) => `\\u{${character.codePointAt(0).toString(16)}}`);
for (const file of joined.outputFiles) await writeIfChanged(file.path, asAscii(file.text));
for (const name of COPIED) await writeIfChanged(join(out, name), await readFile(join(ui, name)));

const madeFrom = [
  ...Object.keys(joined.metafile.inputs).map((input) => join(process.cwd(), input)),
  ...COPIED.map((name) => join(ui, name)),
  fileURLToPath(import.meta.url),
  join(ui, 'package-lock.json'),
];
for (const file of madeFrom) console.log(relative(process.cwd(), file));
