/**
 * Phone numbers as people read them: E.164 digits grouped by country calling code, e.g.
 * "4930123456" -> "+49 30 123456". Pure and table-driven, shared by the renderer (cards, tables)
 * and, if it wants, the CSV export. `toE164` keeps the plain "+<digits>" form available for
 * machines (CSV cells, copy to clipboard, tel: links).
 */

/**
 * How a country's national number is grouped. Patterns are tried in order; the first whose `lead`
 * matches the national number (and whose `length` matches, when given) wins. `groups` lists group
 * sizes from the left; the last group takes whatever digits remain.
 */
interface GroupPattern {
  readonly lead?: RegExp;
  readonly length?: number;
  readonly groups: readonly number[];
}

/**
 * A compact table for the countries partners meet most. Not a full numbering plan: the aim is a
 * grouping a local would recognise, never a validation. Countries not listed fall back to
 * `fallbackGroups`.
 */
const COUNTRY_PATTERNS: Readonly<Record<string, readonly GroupPattern[]>> = {
  // NANP: 415 555 0123
  '1': [{ length: 10, groups: [3, 3, 4] }],
  // Russia / Kazakhstan: 495 123 45 67
  '7': [{ length: 10, groups: [3, 3, 2, 2] }],
  // Egypt: mobiles 10 1234 5678, Cairo 2 1234 5678
  '20': [{ lead: /^1/, groups: [2, 4, 4] }, { lead: /^[23]/, groups: [1, 4, 4] }],
  // South Africa: 82 123 4567
  '27': [{ groups: [2, 3, 4] }],
  // Greece: 21 0123 4567 / 694 123 4567
  '30': [{ lead: /^69/, groups: [3, 3, 4] }, { groups: [2, 4, 4] }],
  // Netherlands: 6 12345678 (mobile), 20 123 4567
  '31': [{ lead: /^6/, groups: [1, 8] }, { groups: [2, 3, 4] }],
  // Belgium: 470 12 34 56 / 2 123 45 67
  '32': [{ lead: /^4/, groups: [3, 2, 2, 2] }, { groups: [1, 3, 2, 2] }],
  // France: 6 12 34 56 78
  '33': [{ groups: [1, 2, 2, 2, 2] }],
  // Spain: 612 34 56 78
  '34': [{ groups: [3, 2, 2, 2] }],
  // Hungary: 20 123 4567 / 1 234 5678
  '36': [{ lead: /^1/, groups: [1, 3, 4] }, { groups: [2, 3, 4] }],
  // Italy: 312 345 6789 (mobile), 06 1234 5678
  '39': [{ lead: /^3/, groups: [3, 3, 4] }, { lead: /^0/, groups: [2, 4, 4] }, { groups: [3, 3, 4] }],
  // Romania: 712 345 678
  '40': [{ groups: [3, 3, 3] }],
  // Switzerland: 44 123 45 67
  '41': [{ groups: [2, 3, 2, 2] }],
  // Austria: 664 1234567 (mobile), 1 2345678 (Vienna)
  '43': [{ lead: /^6/, groups: [3, 7] }, { lead: /^1/, groups: [1, 7] }, { groups: [3, 7] }],
  // UK: 7911 123456 (mobile), 20 7946 0958 (London)
  '44': [{ lead: /^7/, groups: [4, 6] }, { lead: /^2/, groups: [2, 4, 4] }, { groups: [4, 6] }],
  // Denmark, Norway: 12 34 56 78 / 123 45 678
  '45': [{ groups: [2, 2, 2, 2] }],
  '47': [{ groups: [3, 2, 3] }],
  // Sweden: 70 123 45 67
  '46': [{ lead: /^7/, groups: [2, 3, 2, 2] }, { groups: [1, 3, 3, 2] }],
  // Poland: 512 345 678
  '48': [{ groups: [3, 3, 3] }],
  // Germany (DIN 5008: area code, then the subscriber number in one block): mobiles 151 23456789,
  // Berlin/Hamburg/Frankfurt/Munich 30 123456, elsewhere mostly a four-digit area code.
  '49': [{ lead: /^1[5-7]/, groups: [3, 8] }, { lead: /^(30|40|69|89)/, groups: [2, 10] }, { groups: [4, 10] }],
  // Mexico: 55 1234 5678
  '52': [{ lead: /^(33|55|81)/, groups: [2, 4, 4] }, { groups: [3, 3, 4] }],
  // Brazil: 11 91234 5678 (mobile), 11 2345 6789 (landline)
  '55': [{ length: 11, groups: [2, 5, 4] }, { groups: [2, 4, 4] }],
  // Australia: 4 1234 5678 / 2 1234 5678
  '61': [{ groups: [1, 4, 4] }],
  // Japan: 90 1234 5678 / 3 1234 5678
  '81': [{ lead: /^[789]0/, groups: [2, 4, 4] }, { lead: /^3/, groups: [1, 4, 4] }, { groups: [2, 4, 4] }],
  // China: 138 0013 8000 (mobile), 10 1234 5678 (Beijing)
  '86': [{ lead: /^1/, groups: [3, 4, 4] }, { groups: [2, 4, 4] }],
  // Turkey: 532 123 45 67
  '90': [{ groups: [3, 3, 2, 2] }],
  // India: 98765 43210
  '91': [{ length: 10, groups: [5, 5] }],
  // Saudi Arabia, UAE, Israel: 50 123 4567
  '966': [{ groups: [2, 3, 4] }],
  '971': [{ groups: [2, 3, 4] }],
  '972': [{ groups: [2, 3, 4] }],
};

/**
 * The length of the country calling code at the start of `digits`, following the ITU's assignment
 * of codes by leading digits (zone 1 and 7 are one digit; within zones 2-9 a fixed set of two-digit
 * codes, all others three). Known table entries win, so "972" is not read as "97".
 */
export function countryCodeLength(digits: string): number {
  for (const length of [3, 2, 1]) if (Object.hasOwn(COUNTRY_PATTERNS, digits.slice(0, length))) return length;
  const first = digits[0];
  if (first === '1' || first === '7') return 1;
  const two = Number(digits.slice(0, 2));
  if (TWO_DIGIT_CODES.has(two)) return 2;
  return 3;
}

const TWO_DIGIT_CODES = new Set([
  20, 27, 30, 31, 32, 33, 34, 36, 39, 40, 41, 43, 44, 45, 46, 47, 48, 49, 51, 52, 53, 54, 55, 56, 57, 58, 60, 61, 62, 63, 64, 65, 66, 81,
  82, 84, 86, 90, 91, 92, 93, 94, 95, 98,
]);

/** Splits `digits` by sizes from the left; the last group takes the rest (never an empty group). */
function splitGroups(digits: string, sizes: readonly number[]): string[] {
  const out: string[] = [];
  let at = 0;
  for (let i = 0; i < sizes.length && at < digits.length; i++) {
    const size = i === sizes.length - 1 ? digits.length - at : (sizes[i] ?? 0);
    out.push(digits.slice(at, at + size));
    at += size;
  }
  if (at < digits.length) out.push(digits.slice(at));
  return out;
}

/**
 * Groups of three from the left, ending in two groups of three or four, so no group is left
 * dangling with one digit: 7 -> 3 4, 8 -> 4 4, 9 -> 3 3 3, 10 -> 3 3 4, 11 -> 3 4 4.
 */
export function fallbackGroups(length: number): number[] {
  if (length <= 4) return [length];
  if (length <= 8) return [Math.floor(length / 2), length - Math.floor(length / 2)];
  const groups: number[] = [];
  let rest = length;
  while (rest > 8) {
    groups.push(3);
    rest -= 3;
  }
  return [...groups, ...fallbackGroups(rest)];
}

function patternFor(code: string, national: string): readonly number[] {
  const patterns = COUNTRY_PATTERNS[code] ?? [];
  const found = patterns.find((p) => (p.length === undefined || p.length === national.length) && (p.lead === undefined || p.lead.test(national)));
  return found?.groups ?? fallbackGroups(national.length);
}

/** The digits of a phone number as sent by the API ("4930123456", "+49 30 123456", 4930123456). */
export function phoneDigitsOf(raw: string | number | null | undefined): string | null {
  if (raw === null || raw === undefined) return null;
  const digits = String(raw).replace(/\D+/g, '');
  return digits === '' ? null : digits;
}

/** "+<digits>": the machine form (CSV, clipboard, tel: links). Null when there are no digits. */
export function toE164(raw: string | number | null | undefined): string | null {
  const digits = phoneDigitsOf(raw);
  return digits === null ? null : `+${digits}`;
}

/**
 * "+49 30 123456": the human form. Numbers too short or too long to be E.164 (under 7 or over 15
 * digits) are shown as "+<digits>" ungrouped rather than grouped misleadingly.
 */
export function formatPhone(raw: string | number | null | undefined): string | null {
  const digits = phoneDigitsOf(raw);
  if (digits === null) return null;
  if (digits.length < 7 || digits.length > 15) return `+${digits}`;
  const codeLength = countryCodeLength(digits);
  const code = digits.slice(0, codeLength);
  const national = digits.slice(codeLength);
  return `+${code} ${splitGroups(national, patternFor(code, national)).join(' ')}`;
}
