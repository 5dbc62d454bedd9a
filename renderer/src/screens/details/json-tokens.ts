/**
 * Splits pretty-printed JSON into coloured tokens for the raw JSON viewer, without HTML: each token
 * is rendered as a text node in a <span>, so nothing in the data can ever be interpreted as markup.
 */

export type JsonTokenKind = 'key' | 'string' | 'number' | 'literal' | 'punct';
export interface JsonToken {
  kind: JsonTokenKind;
  text: string;
}

const TOKEN = /("(?:\\.|[^"\\])*")(\s*:)?|\b(true|false|null)\b|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g;

export function tokenizeJson(text: string): JsonToken[] {
  const out: JsonToken[] = [];
  let last = 0;
  for (const match of text.matchAll(TOKEN)) {
    const index = match.index;
    if (index > last) out.push({ kind: 'punct', text: text.slice(last, index) });
    if (match[1] !== undefined) {
      out.push({ kind: match[2] ? 'key' : 'string', text: match[1] });
      if (match[2]) out.push({ kind: 'punct', text: match[2] });
    } else if (match[3] !== undefined) {
      out.push({ kind: 'literal', text: match[3] });
    } else {
      out.push({ kind: 'number', text: match[0] });
    }
    last = index + match[0].length;
  }
  if (last < text.length) out.push({ kind: 'punct', text: text.slice(last) });
  return out;
}
