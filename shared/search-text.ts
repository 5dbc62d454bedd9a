/**
 * Folding for search: what is stored and what the user types go through the same function, so
 * "muller" finds "Müller", "SOHNE" finds "Söhne" and "+49 30 1234" finds 49301234.
 */
const COMBINING_MARKS = /\p{M}+/gu;

const NON_ASCII = /[^\u0020-\u007e]/;

export function foldForSearch(text: string): string {
  // Most names are plain ASCII: skip Unicode normalisation for them (the sync folds 100,000 strings).
  const folded = !NON_ASCII.test(text) ? text.toLowerCase() : text.normalize('NFKD').replace(COMBINING_MARKS, '').toLowerCase().replace(/ß/g, 'ss');
  return folded.replace(/\s+/g, ' ').trim();
}

/** The digits of a query that looks like a phone number ("+49 (30) 12-34"), else null. */
export function phoneDigits(query: string): string | null {
  if (!/^[+\d\s().\-/]+$/.test(query)) return null;
  const digits = query.replace(/\D/g, '');
  return digits.length >= 3 ? digits : null;
}

/** Builds a record's search text from its searchable fields (null and empty parts skipped). */
export function searchTextOf(parts: ReadonlyArray<string | null | undefined>): string {
  return foldForSearch(parts.filter((p): p is string => typeof p === 'string' && p.length > 0).join(' \u0001 '));
}

const LEADING_PUNCTUATION = /^[^\p{L}\p{N}]+/u;

/** The key names sort by: folded, and leading quotes or symbols ignored ("“Quoted” Ltd" sorts under Q). */
export function sortKeyOf(name: string): string {
  const folded = foldForSearch(name);
  return folded.replace(LEADING_PUNCTUATION, '') || folded;
}
