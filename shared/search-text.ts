/**
 * Folding for search: what is stored and what the user types go through the same function, so
 * "muller" finds "Müller", "SOHNE" finds "Söhne" and "+49 30 1234" finds 49301234.
 */
const COMBINING_MARKS = /\p{M}+/gu;

const NON_ASCII = /[^\u0020-\u007e]/;

/** Printable ASCII words separated by single spaces: nothing to normalise or collapse. */
const TIDY_ASCII = /^[\u0021-\u007e]+(?: [\u0021-\u007e]+)*$/;

export function foldForSearch(text: string): string {
  // Most texts are plain ASCII: skip Unicode normalisation for them (the sync folds 200,000 strings).
  if (TIDY_ASCII.test(text)) return text.toLowerCase();
  const folded = !NON_ASCII.test(text) ? text.toLowerCase() : text.normalize('NFKD').replace(COMBINING_MARKS, '').toLowerCase().replace(/ß/g, 'ss');
  return folded.replace(/\s+/g, ' ').trim();
}

/** The digits of a query that looks like a phone number ("+49 (30) 12-34"), else null. */
export function phoneDigits(query: string): string | null {
  if (!/^[+\d\s().\-/]+$/.test(query)) return null;
  const digits = query.replace(/\D/g, '');
  return digits.length >= 3 ? digits : null;
}

/**
 * What separates a record's fields in its search text. A search term never holds a space (queries
 * are split on whitespace; a number typed with spaces becomes one digits-only term), so a plain space
 * already keeps a term from matching across two fields.
 */
export const SEARCH_FIELD_SEPARATOR = ' ';

/** Builds a record's search text from its searchable fields (null and empty parts skipped), folded once. */
export function searchTextOf(parts: ReadonlyArray<string | null | undefined>): string {
  return foldForSearch(joinSearchTexts(parts));
}

/** Joins texts (already folded ones, or parts to fold together) with the field separator. */
export function joinSearchTexts(parts: ReadonlyArray<string | null | undefined>): string {
  return parts.filter((part): part is string => typeof part === 'string' && part.length > 0).join(SEARCH_FIELD_SEPARATOR);
}

const LEADING_PUNCTUATION = /^[^\p{L}\p{N}]+/u;

/** The key names sort by: folded, and leading quotes or symbols ignored ("“Quoted” Ltd" sorts under Q). */
export function sortKeyOf(name: string): string {
  return sortKeyOfFolded(foldForSearch(name));
}

/** `sortKeyOf` for a name already folded with `foldForSearch` (saves folding it twice). */
export function sortKeyOfFolded(folded: string): string {
  return folded.replace(LEADING_PUNCTUATION, '') || folded;
}
