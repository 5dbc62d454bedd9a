/**
 * The source text of each element of a list answer's items array, cut from the body as received.
 * The sync stores every record as its raw JSON and hashes it; taking the text the server sent saves
 * serialising 75,000 parsed records back to JSON (a quarter of a second per sync).
 *
 * The body has already been parsed with JSON.parse, so it is valid JSON: this walker only needs to
 * find boundaries (strings, nesting), not to validate. Anything unexpected (a key written with
 * escapes, a top level that is not an object) returns null and the caller serialises instead.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && isSpace(text.charCodeAt(i))) i += 1;
  return i;
}

/** From the opening quote of a string to just past its closing quote. */
function skipString(text: string, i: number): number {
  let at = i + 1;
  for (;;) {
    const quote = text.indexOf('"', at);
    if (quote < 0) return text.length;
    // The quote is escaped when an odd number of backslashes precede it.
    let backslashes = 0;
    for (let k = quote - 1; k > i && text.charCodeAt(k) === BACKSLASH; k -= 1) backslashes += 1;
    if (backslashes % 2 === 0) return quote + 1;
    at = quote + 1;
  }
}

/** From the first character of any value to just past its end. */
function skipValue(text: string, i: number): number {
  const first = text.charCodeAt(i);
  if (first === QUOTE) return skipString(text, i);
  if (first !== OPEN_BRACE && first !== OPEN_BRACKET) {
    // A number, true, false or null: runs until a delimiter.
    while (i < text.length) {
      const code = text.charCodeAt(i);
      if (code === COMMA || code === CLOSE_BRACE || code === CLOSE_BRACKET || isSpace(code)) break;
      i += 1;
    }
    return i;
  }
  let depth = 0;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code === QUOTE) {
      i = skipString(text, i);
      continue;
    }
    if (code === OPEN_BRACE || code === OPEN_BRACKET) depth += 1;
    else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
      depth -= 1;
      if (depth === 0) return i + 1;
    }
    i += 1;
  }
  return i;
}

/**
 * The texts of the elements of the array at top-level `key` of the JSON object `text`, or null when
 * the text is not an object holding such an array (as far as this walker can tell).
 */
export function arrayElementTexts(text: string, key: string): string[] | null {
  const wanted = JSON.stringify(key);
  let i = skipSpace(text, 0);
  if (text.charCodeAt(i) !== OPEN_BRACE) return null;
  i = skipSpace(text, i + 1);
  let found: string[] | null = null;
  while (i < text.length && text.charCodeAt(i) === QUOTE) {
    const keyEnd = skipString(text, i);
    const isWanted = keyEnd - i === wanted.length && text.startsWith(wanted, i);
    i = skipSpace(text, keyEnd);
    if (text.charCodeAt(i) !== COLON) return null;
    i = skipSpace(text, i + 1);
    if (isWanted) {
      // JSON.parse keeps the last of duplicate keys; rather than guess, a repeated key gives up.
      if (found || text.charCodeAt(i) !== OPEN_BRACKET) return null;
      const array = elements(text, i);
      if (!array) return null;
      found = array.texts;
      i = array.end;
    } else {
      i = skipValue(text, i);
    }
    i = skipSpace(text, i);
    const code = text.charCodeAt(i);
    if (code === CLOSE_BRACE) return found;
    if (code !== COMMA) return null;
    i = skipSpace(text, i + 1);
  }
  return null;
}

function elements(text: string, open: number): { texts: string[]; end: number } | null {
  const texts: string[] = [];
  let i = skipSpace(text, open + 1);
  if (text.charCodeAt(i) === CLOSE_BRACKET) return { texts, end: i + 1 };
  while (i < text.length) {
    const end = skipValue(text, i);
    texts.push(text.slice(i, end));
    i = skipSpace(text, end);
    const code = text.charCodeAt(i);
    if (code === CLOSE_BRACKET) return { texts, end: i + 1 };
    if (code !== COMMA) return null;
    i = skipSpace(text, i + 1);
  }
  return null;
}
