/**
 * Folding for search: what is stored and what the user types go through the same function, so
 * "muller" finds "Müller" and "SOHNE" finds "Söhne". Phone numbers are searched apart from the text
 * (their own `numbers` column), so "0049 30 1234" and "030 1234" find +49301234.
 */
import { phoneNeedles, type PhoneNeedles } from './format/phone';

const COMBINING_MARKS = /\p{M}+/gu;

const NON_ASCII = /[^\u0020-\u007e]/;

/** Printable ASCII words separated by single spaces: nothing to normalise or collapse. */
const TIDY_ASCII = /^[\u0021-\u007e]+(?: [\u0021-\u007e]+)*$/;

export function foldForSearch(text: string): string {
  // Most texts are plain ASCII: skip Unicode normalisation for them (the sync folds 200,000 strings).
  if (TIDY_ASCII.test(text)) return text.toLowerCase();
  const folded = !NON_ASCII.test(text)
    ? text.toLowerCase()
    : text.normalize('NFKD').replace(COMBINING_MARKS, '').toLowerCase().replace(/ß/g, 'ss');
  return folded.replace(/\s+/g, ' ').trim();
}

/**
 * One search term: a record matches when its folded search text contains `text`, or its `numbers`
 * column (phone numbers, see shared/format/phone.ts) contains any of `numbers`. Either may be null.
 */
export interface SearchTerm {
  readonly text: string | null;
  readonly numbers: PhoneNeedles | null;
}

/** A bare run of this many digits may be an id (Meta's WABA id has 15) as well as a number. */
const ID_DIGITS = /^\d{12,}$/;

/**
 * The terms of a query, every one required. A query that is clearly a number ("+49", "0049 3649 2485142",
 * "(0) 3649", "2485142") is one term matched against phone numbers only, so it never finds a company
 * whose name happens to hold those characters ("+49 Trading GmbH"); a long bare digit run may also be an
 * id. Otherwise the query is split into words, and a word that looks like a number ("müller 0151")
 * matches either as text or as a number.
 */
export function searchTerms(search: string): SearchTerm[] {
  const trimmed = search.trim();
  if (trimmed === '') return [];
  const whole = phoneNeedles(trimmed);
  if (whole) return [{ text: ID_DIGITS.test(trimmed) ? trimmed : null, numbers: whole }];
  return foldForSearch(trimmed)
    .split(' ')
    .filter((word) => word.length > 0)
    .map((word) => ({ text: word, numbers: phoneNeedles(word) }));
}

/** Whether a record with these folded texts matches every term (the in-memory search's test). */
export function matchesTerms(searchText: string, numbers: string, terms: readonly SearchTerm[]): boolean {
  for (const term of terms) {
    if (term.text !== null && searchText.includes(term.text)) continue;
    if (term.numbers !== null && term.numbers.some((needle) => numbers.includes(needle))) continue;
    return false;
  }
  return true;
}

/**
 * What separates a record's fields in its search text. A text term never holds a space (queries are
 * split on whitespace; a number typed with spaces is matched in the numbers column), so a plain space
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
