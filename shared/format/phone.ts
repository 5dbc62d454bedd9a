/**
 * Phone numbers, through libphonenumber-js (the maintained port of Google's libphonenumber, with its
 * numbering plans for every country). Shared by the sync (parse once, store E.164 beside the value the
 * Hub sent), the store (search tokens), the renderer and the CLI (display) and the CSV export (E.164).
 *
 * The rules, in one place:
 * - A value written with `+` or the international prefix `00` is international.
 * - A value starting with the trunk prefix 0 ("030 123456", "(0) 3649 2485142") or with an area code in
 *   brackets ("(415) 555-0123") is national: it is read in the client's or channel's country, and stays
 *   unparsed when that country is unknown.
 * - Bare digits ("4930123456") are what the Hub sends: international digits without the `+`. They are
 *   read in the default country only when that reading is a valid number and the international one
 *   is not (a NANP "415 555 0123" typed without its country code).
 * - Anything that does not parse into a number of a possible length is kept exactly as sent: shown
 *   and exported verbatim, never mangled.
 *
 * The max metadata (~150 KB) is used rather than min: telling a national number from international
 * digits needs real validity checks (the min metadata only checks lengths).
 */
import {
  getCountryCallingCode,
  isSupportedCountry,
  parseDigits,
  parsePhoneNumberFromString,
  type CountryCode,
  type PhoneNumber as ParsedNumber,
} from 'libphonenumber-js/max';

/** A phone number as stored and shown: the value the Hub sent, and its E.164 form when it parsed. */
export interface PhoneNumber {
  /** As sent (trimmed); numbers sent as JSON numbers become their digits. */
  readonly raw: string;
  /** "+4930123456", or null when the value is not a phone number this app can read. */
  readonly e164: string | null;
}

/** The parse result with what the store keeps for searching. */
export interface ParsedPhone extends PhoneNumber {
  /** Search tokens for the `numbers` column (see `searchTokens`); '' when unparsed. */
  readonly searchText: string;
}

/** "+", or the international prefix 00 followed by a country code (which never starts with 0: "0001037" is no prefix). */
const INTERNATIONAL_PREFIX = /^[\s(]*(?:\+|00(?=[\s().\-/]*[1-9]))/;
/** A trunk 0, or an area code in brackets: only ever written for callers in the same country. */
const NATIONAL_FORM = /^\s*(?:\(|0)/;

/** The text of a raw API value: strings trimmed, whole positive numbers as digits, anything else null. */
export function phoneText(raw: unknown): string | null {
  if (typeof raw === 'string') {
    const trimmed = raw.trim();
    return trimmed === '' ? null : trimmed;
  }
  if (typeof raw === 'number' && Number.isSafeInteger(raw) && raw > 0) return String(raw);
  return null;
}

/** An ISO 3166 alpha-2 code libphonenumber knows ("de" and " DE " too), else undefined. */
export function phoneCountry(country: unknown): CountryCode | undefined {
  if (typeof country !== 'string') return undefined;
  const code = country.trim().toUpperCase();
  return code.length === 2 && isSupportedCountry(code) ? code : undefined;
}

function parse(text: string, country?: CountryCode): ParsedNumber | undefined {
  try {
    return parsePhoneNumberFromString(text, country);
  } catch {
    return undefined;
  }
}

/** "00 49 30 …" -> "+49 30 …": 00 is the international prefix of most of the world (libphonenumber knows only the default country's). */
function withPlus(text: string): string {
  return text.replace(/^([\s(]*)00/, '$1+');
}

/** Picks the reading of a value; undefined when none is a number of a possible length. */
function readNumber(text: string, country: CountryCode | undefined): ParsedNumber | undefined {
  if (INTERNATIONAL_PREFIX.test(text)) {
    const number = parse(withPlus(text));
    return number?.isPossible() ? number : undefined;
  }
  if (NATIONAL_FORM.test(text)) {
    if (!country) return undefined;
    const number = parse(text, country);
    return number?.isPossible() ? number : undefined;
  }
  const international = parse(`+${text}`);
  // Without a country there is no national reading to weigh it against.
  if (!country) return international?.isPossible() ? international : undefined;
  // The usual case, and the cheap one (a sync reads 50,000): the Hub's digits of a number of the
  // client's own country. The validity checks below cost as much again as the parse.
  if (international?.countryCallingCode === getCountryCallingCode(country) && international.isPossible()) return international;
  if (international?.isValid()) return international;
  const national = parse(text, country);
  if (national?.isValid()) return national;
  if (international?.isPossible()) return international;
  return national?.isPossible() ? national : undefined;
}

/**
 * Reads a phone number as the Hub or a client wrote it. `defaultCountry` is the client's or channel's
 * country (ISO alpha-2), used for national numbers. Null when there is no value at all.
 */
export function parsePhone(raw: unknown, defaultCountry?: unknown): ParsedPhone | null {
  const text = phoneText(raw);
  if (text === null) return null;
  const number = readNumber(text, phoneCountry(defaultCountry));
  if (!number) return { raw: text, e164: null, searchText: '' };
  return { raw: text, e164: number.number, searchText: searchTokens(number) };
}

/**
 * The `numbers` search column for one number: "+<E.164 digits> /<national significant number>".
 * A query written internationally matches the first token from its start (so "+49" finds every German
 * number and nothing else), a national one the second from its start ("/" marks it), partial digits
 * either anywhere. Only digits, "+", "/" and spaces occur, so no query can match across two tokens.
 */
function searchTokens(number: ParsedNumber): string {
  return `${number.number} /${number.nationalNumber}`;
}

/** Joins the tokens of several numbers of one record (a client's contact phones). */
export function joinPhoneSearchTexts(texts: ReadonlyArray<string>): string {
  return texts.filter((text) => text !== '').join(' ');
}

/**
 * The international format, grouped as the number's own country groups it ("+49 30 123456",
 * "+33 6 12 34 56 78"), for the cards, the table, the details and the CLI. A value that did not parse
 * is shown exactly as the Hub sent it. An extension written in the raw value is kept ("ext. 12").
 */
export function formatPhone(phone: { raw: string | null; e164: string | null } | null): string | null {
  if (!phone) return null;
  if (phone.e164 === null) return phone.raw;
  const number = parse(phone.e164);
  if (!number) return phone.raw ?? phone.e164;
  // Extensions are rare (never on a WhatsApp number): read them from the raw value only when it has letters or '#'.
  const ext = phone.raw !== null && /[a-z#;]/i.test(phone.raw) ? parse(withPlus(phone.raw), number.country)?.ext : undefined;
  if (ext) number.setExt(ext);
  return number.formatInternational();
}

/** E.164 for machines (CSV, clipboard, tel: links); a value that did not parse stays exactly as sent. */
export function phoneForExport(phone: { raw: string | null; e164: string | null } | null): string | null {
  if (!phone) return null;
  return phone.e164 ?? phone.raw;
}

/** The shown form of a number known only as E.164 or as Hub digits ("4930123456"), e.g. from a health check. */
export function formatPhoneText(raw: unknown, defaultCountry?: unknown): string | null {
  return formatPhone(parsePhone(raw, defaultCountry));
}

/** A search term's match in the `numbers` column: any of these texts must occur in it. */
export type PhoneNeedles = readonly string[];

/** Characters a number is written with (any script's digits: libphonenumber's parseDigits reads them as ASCII). */
const NUMBER_LIKE = /^[+\p{Nd}\s().\-–/]+$/u;

/**
 * What a query written as a number must find in the `numbers` column, or null when the text is not
 * number-like enough to be read as one (then it is searched as text). Any of the needles may match:
 * - "+49 30 12", "0049 30 12", "+49 (0) 30 12": the international form, matched from the start of the
 *   E.164 token ("+49" alone finds every German number);
 * - "030 12", "(0) 30": a national number with its trunk 0, matched from the start of the national
 *   number with the 0 dropped (Germany, France…) or kept (Italy keeps it); a bare run of digits that
 *   starts with 0 ("0123") may also be the end of a number, so it matches anywhere too; Hungary's 06
 *   and the trunk 8 of Russia and its neighbours likewise (`SEARCHED_TRUNK_PREFIXES`);
 * - "30 123", "123456": partial digits, anywhere in a number.
 * `minDigits`: how many digits a bare number needs to count as one (a whole query "12" is text).
 */
export function phoneNeedles(text: string, minDigits = 3): PhoneNeedles | null {
  const trimmed = text.trim();
  if (!NUMBER_LIKE.test(trimmed)) return null;
  if (INTERNATIONAL_PREFIX.test(trimmed)) {
    // "(0)" after the country code is the trunk prefix written for national callers: not dialled from abroad.
    const digits = parseDigits(withPlus(trimmed).replace(/\(\s*0\s*\)/g, ''));
    return digits.length > 0 ? [`+${digits}`] : null;
  }
  const digits = parseDigits(trimmed);
  if (digits.length < minDigits) return null;
  if (digits.startsWith('0')) {
    const national = [`/${digits.slice(1)}`, `/${digits}`];
    // Hungary's trunk prefix is 06 ("06 1 234 5678"); only with enough digits after it to mean a number.
    if (digits.startsWith('06') && digits.length >= 6) national.push(`/${digits.slice(2)}`);
    return /^\p{Nd}+$/u.test(trimmed) ? [...national, digits] : national;
  }
  // Russia's, Kazakhstan's, Belarus's and Turkmenistan's trunk prefix 8 ("8 (917) 609-19-02"): when the
  // query is written as a national number (a separator after the 8), or is one whole (8 and ten digits).
  // Digits alone stay a piece from anywhere too.
  if (digits.startsWith('8') && (/^8[\s(.\-–/]/.test(trimmed) || digits.length === 11)) return [digits, `/${digits.slice(1)}`];
  return [digits];
}

/**
 * The national (trunk) prefixes `phoneNeedles` reads, as libphonenumber's metadata has them (a test
 * checks this list against it): 0 almost everywhere, 06 in Hungary, 8 in Russia, Kazakhstan, Belarus and
 * Turkmenistan. NANP's trunk 1 needs nothing: E.164 holds it, so "1 415 555" matches as digits.
 */
export const SEARCHED_TRUNK_PREFIXES: readonly string[] = ['0', '06', '8'];

/** Why a typed number was refused (the caller words it for its form). */
export type TypedNumberProblem = 'not_a_number' | 'needs_country_code' | 'invalid';

/** A number a person typed for the Hub: its E.164 form, or why it cannot be sent. */
export type TypedNumber = { readonly ok: true; readonly e164: string } | { readonly ok: false; readonly problem: TypedNumberProblem };

/**
 * Reads a number a person types for the Hub to use (a permission link's number, a form's field):
 * stricter than `parsePhone`, which reads what the Hub already holds. Letters or an extension are
 * refused (`not_a_number`); `+` or `00` before the country code reads it internationally; without
 * them it is read in `defaultCountry` (the client's country: "0151 23456789" for a German client),
 * and refused without one (`needs_country_code`: bare digits are too ambiguous to guess a country);
 * the result must be a valid number of its country's plan (`invalid`), not only of a possible length.
 */
export function readTypedNumber(text: string, defaultCountry?: unknown): TypedNumber {
  const trimmed = text.trim();
  if (!NUMBER_LIKE.test(trimmed) || parseDigits(trimmed) === '') return { ok: false, problem: 'not_a_number' };
  const international = INTERNATIONAL_PREFIX.test(trimmed);
  const country = phoneCountry(defaultCountry);
  if (!international && !country) return { ok: false, problem: 'needs_country_code' };
  const number = international ? parse(withPlus(trimmed)) : parse(trimmed, country);
  return number?.isValid() ? { ok: true, e164: number.number } : { ok: false, problem: 'invalid' };
}
