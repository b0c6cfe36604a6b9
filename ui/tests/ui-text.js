// Finds text a module shows people written in the module itself rather
// than taken from the catalogue: string literals that read as words
// (a capitalized word, or two words with a space) and are not class names,
// selectors, keys or command names. A line ending in `// not UI text`
// is left out (for the rare text shown before the catalogue is read).

/** Contexts whose string is code, not words: what precedes the literal. */
const CODE_CONTEXT = /(?:^|[^\w-])(className|autocomplete|type|inputmode|role|id|for|htmlFor|rel|name|kind|mode|code|key|dir|lang|align|sandbox|value|state|screen|choice|direction|event|step|action|data-[\w-]+|'[\w-]+')\s*[:=]=?=?\s*$|(querySelector|querySelectorAll|closest|matches|call|addEventListener|removeEventListener|getElementById|setAttribute|removeAttribute|getAttribute|createElement|h|t|startsWith|endsWith|includes|split|join|replace|replaceAll|fetch|guard|run|show|redraw|Error|getEntriesByType|convertFileSrc|invoke)\(\s*$|\bkey\s*[!=]==?\s*$|\bcase\s+$/;

/** The literals of `source` that read as words for people. */
export function textOutsideCatalogue(source) {
  const found = [];
  for (const line of source.split('\n')) {
    const trimmed = line.trim();
    if (trimmed.startsWith('//') || trimmed.startsWith('*') || trimmed.startsWith('/*') || /^\s*(import|export \{[^}]*\} from|\} from)\b/.test(line)) continue;
    if (/\/\/ not UI text\b/.test(line)) continue;
    const code = withoutTrailingComment(line);
    for (const match of code.matchAll(/'((?:[^'\\]|\\.)*)'|`((?:[^`\\]|\\.)*)`|"((?:[^"\\]|\\.)*)"/g)) {
      const literal = match[1] ?? match[2] ?? match[3] ?? '';
      const words = literal.replace(/\$\{[^}]*\}/g, ' ');
      const readsAsWords = /[A-Z][a-z]{2,}/.test(words) && !/^[a-z]+([A-Z][a-z0-9]*)+$/.test(words)
        || /[A-Za-z]{2,}[ ,.:;!?…]+[A-Za-z]{2,}/.test(words);
      if (!readsAsWords) continue;
      if (/^[\w-]+( [\w-]+)*$/.test(words) && !/[A-Z]/.test(words) && CODE_CONTEXT.test(code.slice(0, match.index))) continue;
      if (/^[\w.#\[\]="':>*, ()-]+$/.test(words) && /^([a-z]+)?[#.\[:]/.test(words)) continue; // a selector
      if (CODE_CONTEXT.test(code.slice(0, match.index)) && !/[A-Z].*\s/.test(words)) continue;
      if (/^[a-z-]+( [a-z-]+)*$/.test(words) && /\bclassName\s*[:=][^,;]*$/.test(code.slice(0, match.index))) continue; // class names chosen by a condition
      found.push(literal);
    }
  }
  return found;
}

/** `line` without a `// comment` at its end (one outside any string). */
function withoutTrailingComment(line) {
  let quote = null;
  for (let at = 0; at < line.length; at += 1) {
    const c = line[at];
    if (quote) {
      if (c === '\\') at += 1;
      else if (c === quote) quote = null;
    } else if (c === "'" || c === '"' || c === '`') {
      quote = c;
    } else if (c === '/' && line[at + 1] === '/') {
      return line.slice(0, at);
    } else if (c === '/' && line[at + 1] !== '/' && /[=(,:]\s*$/.test(line.slice(0, at))) {
      const end = line.indexOf('/', at + 1); // a regular expression: skip it
      if (end > at) at = end;
    }
  }
  return line;
}
