/**
 * Phone numbers in the forms clients and the Hub actually write them, in eight countries: parsing to
 * E.164 (with the client's country for national numbers), the grouped international form the cards
 * show, what the CSV gets, and search by any way of writing a number. Expected values are written out
 * by hand (checked against each country's numbering plan), never computed by the code under test.
 */
import { describe, expect, it } from 'vitest';
import metadata from 'libphonenumber-js/metadata.max.json';
import { getCountries, Metadata } from 'libphonenumber-js/core';
import {
  formatPhone,
  formatPhoneText,
  parsePhone,
  phoneForExport,
  phoneNeedles,
  readTypedNumber,
  SEARCHED_TRUNK_PREFIXES,
} from '@shared/format/phone';
import { foldForSearch, matchesTerms, searchTerms } from '@shared/search-text';

/** [as written, the client's country (null: unknown), E.164 (null: not a number), as shown]. */
type Row = readonly [string, string | null, string | null, string];

const WRITTEN_FORMS: readonly Row[] = [
  // Germany: the Hub's digits, +, 00, trunk 0, brackets, slashes, "(0)" after the country code, an extension.
  ['4930123456', null, '+4930123456', '+49 30 123456'],
  ['+49 30 123456', null, '+4930123456', '+49 30 123456'],
  ['0049 30 123456', null, '+4930123456', '+49 30 123456'],
  ['00493012 3456', null, '+4930123456', '+49 30 123456'],
  ['030 123456', 'DE', '+4930123456', '+49 30 123456'],
  ['(030) 123456', 'DE', '+4930123456', '+49 30 123456'],
  ['030/123456', 'DE', '+4930123456', '+49 30 123456'],
  ['+49 (0)30 123456', null, '+4930123456', '+49 30 123456'],
  ['0151 23456789', 'de', '+4915123456789', '+49 1512 3456789'],
  ['03649 2485142', 'DE', '+4936492485142', '+49 36492 485142'],
  ['0049 3649 2485142', null, '+4936492485142', '+49 36492 485142'],
  // The number: 00 is the international prefix, not part of the number (too short for a 151
  // mobile, so the plan has no grouping for it and it is shown ungrouped).
  ['00491510001037', null, '+491510001037', '+49 1510001037'],
  ['+49 30 123456 ext. 7', null, '+4930123456', '+49 30 123456 ext. 7'],
  ['٠٣٠ ١٢٣٤٥٦', 'DE', '+4930123456', '+49 30 123456'],
  // France: dots, "(0)".
  ['33612345678', null, '+33612345678', '+33 6 12 34 56 78'],
  ['06 12 34 56 78', 'FR', '+33612345678', '+33 6 12 34 56 78'],
  ['06.12.34.56.78', 'FR', '+33612345678', '+33 6 12 34 56 78'],
  ['+33 (0)6 12 34 56 78', null, '+33612345678', '+33 6 12 34 56 78'],
  ['0033 1 42 68 53 00', null, '+33142685300', '+33 1 42 68 53 00'],
  // Brazil: area code in brackets, the trunk 0 before it, hyphens.
  ['5511961234567', null, '+5511961234567', '+55 11 96123 4567'],
  ['(11) 96123-4567', 'BR', '+5511961234567', '+55 11 96123 4567'],
  ['011 96123-4567', 'BR', '+5511961234567', '+55 11 96123 4567'],
  ['+55 21 2345-6789', null, '+552123456789', '+55 21 2345 6789'],
  ['005521 23456789', null, '+552123456789', '+55 21 2345 6789'],
  // United Arab Emirates.
  ['971501234567', null, '+971501234567', '+971 50 123 4567'],
  ['050 123 4567', 'AE', '+971501234567', '+971 50 123 4567'],
  ['00971 4 234 5678', null, '+97142345678', '+971 4 234 5678'],
  ['+971 (0)4 234 5678', null, '+97142345678', '+971 4 234 5678'],
  // China: mobiles without a trunk prefix, landlines with one.
  ['8613800138000', null, '+8613800138000', '+86 138 0013 8000'],
  ['138 0013 8000', 'CN', '+8613800138000', '+86 138 0013 8000'],
  ['010 1234 5678', 'CN', '+861012345678', '+86 10 1234 5678'],
  ['0086 10 1234 5678', null, '+861012345678', '+86 10 1234 5678'],
  // India.
  ['919876543210', null, '+919876543210', '+91 98765 43210'],
  ['098765 43210', 'IN', '+919876543210', '+91 98765 43210'],
  ['98765 43210', 'IN', '+919876543210', '+91 98765 43210'],
  ['+91-98765-43210', null, '+919876543210', '+91 98765 43210'],
  ['0091 22 2345 6789', null, '+912223456789', '+91 22 2345 6789'],
  // United States: no trunk 0; a national number without its country code is read in the client's country.
  ['14155550123', null, '+14155550123', '+1 415 555 0123'],
  ['(415) 555-0123', 'US', '+14155550123', '+1 415 555 0123'],
  ['415.555.0123', 'US', '+14155550123', '+1 415 555 0123'],
  ['1-415-555-0123', 'US', '+14155550123', '+1 415 555 0123'],
  ['+1 (415) 555-0123 x12', null, '+14155550123', '+1 415 555 0123 ext. 12'],
  // The US international prefix 011, known for a US client.
  ['011 44 7911 123456', 'US', '+447911123456', '+44 7911 123456'],
  // United Kingdom.
  ['447911123456', null, '+447911123456', '+44 7911 123456'],
  ['07911 123456', 'GB', '+447911123456', '+44 7911 123456'],
  ['+44 (0)7911 123456', null, '+447911123456', '+44 7911 123456'],
  ['0044 20 7946 0958', null, '+442079460958', '+44 20 7946 0958'],
  ['(020) 7946 0958', 'GB', '+442079460958', '+44 20 7946 0958'],
  // Junk and the unreadable: kept exactly as sent, shown and exported verbatim.
  ['n/a', null, null, 'n/a'],
  ['tbd', 'DE', null, 'tbd'],
  ['12', null, null, '12'],
  ['+00491510001037', null, null, '+00491510001037'],
  ['12345678901234567890', null, null, '12345678901234567890'],
  // National numbers whose country nobody knows are not guessed at.
  ['03649 2485142', null, null, '03649 2485142'],
  ['(11) 96123-4567', null, null, '(11) 96123-4567'],
];

describe('parsing and showing numbers as written', () => {
  it('covers at least 40 written forms in the eight countries the issue names', () => {
    expect(WRITTEN_FORMS.length).toBeGreaterThanOrEqual(40);
    const countries = new Set(WRITTEN_FORMS.map(([, , e164]) => e164?.slice(0, 3)));
    for (const prefix of ['+49', '+33', '+55', '+97', '+86', '+91', '+1', '+44'])
      expect(
        [...countries].some((c) => c?.startsWith(prefix)),
        prefix,
      ).toBe(true);
  });

  it.each(WRITTEN_FORMS)('%j (country %s) -> %s, shown %j', (written, country, e164, shown) => {
    const phone = parsePhone(written, country);
    expect(phone).not.toBeNull();
    expect(phone?.raw).toBe(written);
    expect(phone?.e164).toBe(e164);
    expect(formatPhone(phone)).toBe(shown);
    // The CSV: E.164, or the value exactly as sent.
    expect(phoneForExport(phone)).toBe(e164 ?? written);
  });

  it('takes numbers sent as JSON numbers, trims, and has nothing for no value', () => {
    expect(parsePhone(4930123456)?.e164).toBe('+4930123456');
    expect(parsePhone('  +49 30 123456  ')?.raw).toBe('+49 30 123456');
    for (const nothing of [null, undefined, '', '   ', 1.5, -4930123456, {}, ['4930123456']]) expect(parsePhone(nothing)).toBeNull();
  });

  it('shows a number known only as text (a health check answer, a notification title)', () => {
    expect(formatPhoneText('4930123456')).toBe('+49 30 123456');
    expect(formatPhoneText('+447911123456')).toBe('+44 7911 123456');
    expect(formatPhoneText('not a number')).toBe('not a number');
    expect(formatPhoneText(null)).toBeNull();
  });
});

describe('search by any way of writing a number', () => {
  // A small book: each record is a company name and its channel number as the Hub sent it.
  const book = [
    { id: 'berlin', company: 'Bäckerei Größ GmbH', number: '4930123456', country: 'DE' },
    { id: 'thuringia', company: 'Schäfer Logistik', number: '03649 2485142', country: 'DE' },
    { id: 'mobile', company: 'Müller & Söhne', number: '00491510001037', country: 'DE' },
    { id: 'paris', company: 'Café Crème', number: '06 12 34 56 78', country: 'FR' },
    { id: 'saopaulo', company: 'Padaria Central', number: '5511961234567', country: 'BR' },
    { id: 'dubai', company: 'Desert Rose LLC', number: '971501234567', country: 'AE' },
    { id: 'beijing', company: '北京烤鸭有限公司', number: '010 1234 5678', country: 'CN' },
    { id: 'mumbai', company: 'Chai Point', number: '919876543210', country: 'IN' },
    { id: 'sf', company: 'Golden Gate Bikes', number: '(415) 555-0123', country: 'US' },
    { id: 'london', company: 'Thames Logistics', number: '07911 123456', country: 'GB' },
    // Trunk prefixes other than 0: 8 in Russia, 06 in Hungary.
    { id: 'kazan', company: 'Volga Trade', number: '8 (917) 609-19-02', country: 'RU' },
    { id: 'budapest', company: 'Duna Kft.', number: '3614567890', country: 'HU' },
    // Names that look like numbers, with numbers of other countries.
    { id: 'trading', company: '+49 Trading GmbH', number: '447400123456', country: 'GB' },
    { id: 'holding', company: '0049 Holding', number: '33142685300', country: 'FR' },
    { id: 'route', company: 'Route 66 Diner 2485142', number: 'tbd', country: 'US' },
  ].map((record) => ({
    ...record,
    text: foldForSearch(record.company),
    numbers: parsePhone(record.number, record.country)?.searchText ?? '',
  }));

  const find = (query: string) =>
    book
      .filter((record) => matchesTerms(record.text, record.numbers, searchTerms(query)))
      .map((record) => record.id)
      .sort();

  it.each<[string, string[]]>([
    // International, with + or 00, grouped or not, "(0)" included.
    ['+49 3649 2485142', ['thuringia']],
    ['0049 3649 2485142', ['thuringia']],
    ['+49 (0) 3649 2485142', ['thuringia']],
    ['+4936492485142', ['thuringia']],
    // National, with and without the trunk 0; the trunk 0 in brackets.
    ['03649 2485142', ['thuringia']],
    ['3649 2485142', ['thuringia']],
    ['(0) 3649', ['thuringia']],
    ['0151 0001037', ['mobile']],
    ['06 12 34 56 78', ['paris']],
    ['06.12.34', ['paris']],
    ['010 1234 5678', ['beijing']],
    ['(415) 555-0123', ['sf']],
    ['415.555', ['sf']],
    ['07911 123456', ['london']],
    ['098765 43210', ['mumbai']],
    ['8 (917) 609-19-02', ['kazan']],
    ['8-917-609', ['kazan']],
    ['89176091902', ['kazan']],
    ['+7 917 609', ['kazan']],
    ['06 1 456 7890', ['budapest']],
    ['(06 1) 456 789', ['budapest']],
    // Partial digits, anywhere in a number; never a company whose name holds them.
    ['2485142', ['thuringia']],
    ['96123', ['saopaulo']],
    ['501 234', ['dubai']],
    // A country prefix finds every number of that country and no company name.
    ['+49', ['berlin', 'mobile', 'thuringia']],
    ['0049', ['berlin', 'mobile', 'thuringia']],
    ['+44', ['london', 'trading']],
    ['+1', ['sf']],
    ['+971 50', ['dubai']],
    ['+86 10', ['beijing']],
    ['+33 6', ['paris']],
    // A national query is anchored at the start of the national number: several numbers hold "01234", none starts with it.
    ['(0) 1234', []],
    ['0001037', ['mobile']], // a bare run of digits may be a piece from the middle of a number
    // Words still find names, a word that looks like a number finds it as text or as a number.
    ['trading', ['trading']],
    ['+49 trading', ['trading']],
    ['holding', ['holding']],
    ['route 66', ['route']],
  ])('%j finds %j', (query, expected) => {
    expect(find(query)).toEqual(expected);
  });

  it('reads a query as a number only when it is one', () => {
    expect(phoneNeedles('müller')).toBeNull();
    expect(phoneNeedles('12')).toBeNull(); // two digits: a word such as "12 Apostles"
    expect(phoneNeedles('+4')).toEqual(['+4']);
    expect(phoneNeedles('0049 (0) 30')).toEqual(['+4930']);
    expect(phoneNeedles('٠٣٦٤٩')).toEqual(['/3649', '/03649', '03649']);
    // Written as a national number (a bracket, a space): anchored at the start of the national number only.
    expect(phoneNeedles('(0) 3649')).toEqual(['/3649', '/03649']);
    expect(phoneNeedles('03649 248')).toEqual(['/3649248', '/03649248']);
  });
});

describe('numbers a person types for the Hub (a permission link, a form)', () => {
  it("takes + or 00 anywhere, a national number only with the client's country, and only valid numbers", () => {
    expect(readTypedNumber(' 0049 (0)30 123456 ')).toEqual({ ok: true, e164: '+4930123456' });
    expect(readTypedNumber('+33 6 12 34 56 78', 'DE')).toEqual({ ok: true, e164: '+33612345678' });
    expect(readTypedNumber('050 123 4567', 'AE')).toEqual({ ok: true, e164: '+971501234567' });
    expect(readTypedNumber('98765 43210', 'in')).toEqual({ ok: true, e164: '+919876543210' });
    expect(readTypedNumber('(415) 555-2671', 'US')).toEqual({ ok: true, e164: '+14155552671' });
    // Bare digits without a country: the Hub's own form, but typed by a person too ambiguous to guess.
    expect(readTypedNumber('4930123456')).toEqual({ ok: false, problem: 'needs_country_code' });
    expect(readTypedNumber('030 123456', null)).toEqual({ ok: false, problem: 'needs_country_code' });
    // Possible in length is not enough: the plan must know the number.
    expect(readTypedNumber('+49 151 2345678')).toEqual({ ok: false, problem: 'invalid' });
    expect(readTypedNumber('0151 23456789', 'GB')).toEqual({ ok: false, problem: 'invalid' });
    for (const junk of ['tbd', 'call me', '+49 30 123456 ext. 7', '()', '+'])
      expect(readTypedNumber(junk), junk).toEqual({ ok: false, problem: 'not_a_number' });
  });
});

describe('trunk prefixes', () => {
  it("are every national prefix of libphonenumber's metadata (NANP's 1 is matched as digits)", () => {
    const plans = new Metadata(metadata);
    const prefixes = new Set<string>();
    for (const country of getCountries(metadata)) {
      plans.selectNumberingPlan(country);
      // nationalPrefix() is in the class (libphonenumber-js's own formatter reads it) but not in its .d.ts.
      const plan = plans.numberingPlan as unknown as { nationalPrefix(): string | undefined } | undefined;
      const prefix = plan?.nationalPrefix();
      if (prefix && prefix !== '1') prefixes.add(prefix);
    }
    expect([...prefixes].sort()).toEqual([...SEARCHED_TRUNK_PREFIXES].sort());
  });

  it('8 is read as a trunk only where the query is written as a national number or is one whole', () => {
    expect(phoneNeedles('8 917')).toEqual(['8917', '/917']);
    expect(phoneNeedles('89176091902')).toEqual(['89176091902', '/9176091902']);
    expect(phoneNeedles('8917')).toEqual(['8917']); // a piece of any number
    expect(phoneNeedles('06 1 2')).toEqual(['/612', '/0612']); // too short to mean a Hungarian number
  });
});
