/**
 * Phone numbers for the simulated hub: real-looking mobile numbers of each locale's country (valid by
 * libphonenumber's numbering plans, drawn around the plan's own example number), written the ways they
 * reach the Hub: mostly as the Hub itself stores them (international digits without "+"), some as
 * clients type them into onboarding forms ("0049 …", a national "01512 3456789", "+49 1512 3456789")
 * and a few that are no phone number at all ("tbd"), which the app must show exactly as sent.
 */
import examples from 'libphonenumber-js/mobile/examples';
import { getExampleNumber, parsePhoneNumberFromString, type CountryCode, type PhoneNumber } from 'libphonenumber-js/max';
import { flat, weights, type Rng } from './prng';

export type PhoneForm = 'hub' | 'idd' | 'national' | 'international' | 'junk';

/** How channel numbers are written: ~6% with 00 and ~5% national, as in a partner's real onboarding data. */
export const CHANNEL_PHONE_FORMS = weights<PhoneForm>([
  ['hub', 85],
  ['idd', 6],
  ['national', 5],
  ['international', 3],
  ['junk', 1],
]);
/** Clients' own contact numbers, typed by people: mostly with "+", many national. */
export const CONTACT_PHONE_FORMS = weights<PhoneForm>([
  ['international', 45],
  ['hub', 20],
  ['national', 25],
  ['idd', 10],
]);

const JUNK = ['tbd', 'n/a', 'pending', 'see email', '+49 151', '0000'] as const;

const templates = new Map<string, PhoneNumber | undefined>();

/** The plan's example mobile number of a country, as a template (parsed once per country: a hub draws 75,000 numbers). */
function templateOf(country: string): PhoneNumber | undefined {
  if (templates.has(country)) return templates.get(country);
  let template: PhoneNumber | undefined;
  try {
    template = getExampleNumber(country as CountryCode, examples);
  } catch {
    template = undefined;
  }
  templates.set(country, template);
  return template;
}

/**
 * A valid mobile number of `country` as E.164 digits without "+": the first two digits of the plan's
 * example mobile number (its mobile range) with the rest drawn at random, retried until the plan
 * accepts it (then keeping three digits, for plans with narrow ranges such as Brazil's "11 9…").
 * Not in `used` (channel numbers are unique per hub); `used` gets it.
 */
export function drawMobileNumber(rng: Rng, country: string, used: Set<string>): string {
  const template = templateOf(country);
  const code = template?.countryCallingCode ?? '1';
  const national = template?.nationalNumber ?? '2015550123';
  for (let attempt = 0; ; attempt += 1) {
    const keep = attempt < 10 ? 2 : 3;
    const digits = flat(`${code}${national.slice(0, keep)}${rng.digits(national.length - keep)}`);
    // After twenty draws the plan rejects, any number of the right length will do: uniqueness wins.
    if (used.has(digits) || (attempt < 20 && !parsePhoneNumberFromString(`+${digits}`)?.isValid())) continue;
    used.add(digits);
    return digits;
  }
}

/** `digits` (E.164 without "+") written in `form`. */
export function writePhone(rng: Rng, digits: string, form: PhoneForm): string {
  // Parsed only for the forms that format it (most numbers are written as the Hub holds them).
  const number = () => parsePhoneNumberFromString(`+${digits}`);
  switch (form) {
    case 'hub':
      return digits;
    case 'idd':
      return rng.chance(0.5) ? `00${digits}` : flat(`00${(number()?.formatInternational() ?? `+${digits}`).slice(1)}`);
    case 'national': {
      const parsed = number();
      return parsed ? flat(parsed.formatNational()) : digits;
    }
    case 'international': {
      const parsed = number();
      return parsed ? flat(parsed.formatInternational()) : `+${digits}`;
    }
    case 'junk':
      return rng.pick(JUNK);
  }
}
