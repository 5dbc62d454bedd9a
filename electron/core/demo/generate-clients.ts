/**
 * Seeded client records. Realistic rather than tidy: some clients lack optional objects, carry empty
 * strings, a null contact_info, or a payload with leading zeros, because the app must survive those.
 */
import { CURATED_CLIENTS, composeName, slugify } from './client-names';
import { LOCALE_WEIGHTS, localeFor, type Locale } from './locales';
import { isoSeconds, type Rng } from './prng';
import type { ClientEntry, ContactInfo, DemoClient } from './types';
import { BUSINESS_VERTICALS } from './vocabulary';

/** Generated history spans these dates, fixed so data never depends on the wall clock. */
export const DATA_START_MS = Date.UTC(2021, 0, 1);
export const DATA_END_MS = Date.UTC(2025, 5, 30);

const SYSTEM_USER = { user_id: 'system', user_name: 'system' } as const;

export interface GeneratedClient {
  entry: ClientEntry;
  locale: Locale;
  /** Relative share of the channels this client gets (0 = a client without channels). */
  channelWeight: number;
  createdMs: number;
}

export function uniqueId(rng: Rng, length: number, suffix: string, used: Set<string>): string {
  for (;;) {
    const id = rng.alnum(length) + suffix;
    if (!used.has(id)) {
      used.add(id);
      return id;
    }
  }
}

function zip(rng: Rng, locale: Locale): string {
  if (locale.zipDigits === 0) return locale.country === 'GB' ? `SW1A ${rng.int(1, 9)}AA` : '';
  // Dresden-style codes with a leading zero are real and break naive numeric parsing.
  return rng.chance(0.15) ? `0${rng.digits(locale.zipDigits - 1)}` : rng.digits(locale.zipDigits);
}

function contactInfo(rng: Rng, locale: Locale, name: string, index: number): ContactInfo | null {
  if (rng.chance(0.03)) return null;
  const first = rng.pick(locale.firstNames);
  const last = rng.pick(locale.lastNames);
  const slug = slugify(name) || `client-${index}`;
  const local = rng.weighted([['info', 3], ['ops', 1], [slugify(first) || 'contact', 2], ['Support+WA', 1]] as const);
  const sparse = rng.chance(0.12);
  return {
    webpage_url: sparse ? '' : `https://${slug}.example`,
    phone: sparse ? '' : `+${locale.dial}${rng.number(locale.nationalDigits)}`,
    language: locale.language,
    country: locale.country,
    street_name: sparse ? '' : rng.pick(locale.streets),
    city: sparse ? '' : rng.pick(locale.cities),
    email: `${local}@${slug}.example`,
    full_name: `${first} ${last}`,
    zip_code: sparse ? '' : zip(rng, locale),
  };
}

function partnerPayload(rng: Rng, index: number): string | null {
  return rng.weighted<string | null>([
    [null, 35],
    [`crm-${1000 + index}`, 40],
    [`007${rng.digits(5)}`, 10],
    ['', 5],
    [`{"tier":"${rng.pick(['gold', 'silver'])}"}`, 10],
  ]);
}

export function makeClient(rng: Rng, index: number, used: Set<string>, createdMs?: number): GeneratedClient {
  const curated = CURATED_CLIENTS[index];
  const locale = curated ? localeFor(curated.country) : rng.weighted(LOCALE_WEIGHTS);
  const name = curated ? curated.name : composeName(rng, locale);
  const created = createdMs ?? rng.int(DATA_START_MS, DATA_END_MS - 30 * 86_400_000);
  const modified = rng.chance(0.6) ? created : rng.int(created, DATA_END_MS);
  const contact = contactInfo(rng, locale, name, index);
  const record: DemoClient = {
    id: uniqueId(rng, 8, 'CL', used),
    name,
    status: 'active',
    organisation: rng.chance(0.85) ? name : `${name} (Holding)`,
    max_channels: rng.weighted([[2, 70], [1, 10], [3, 10], [5, 7], [10, 3]] as const),
    partner_payload: partnerPayload(rng, index),
    contact_info: contact,
    created_at: isoSeconds(created),
    created_by: SYSTEM_USER,
    modified_at: isoSeconds(modified),
    modified_by: SYSTEM_USER,
    suspicious: rng.chance(0.01),
  };
  if (!rng.chance(0.1)) {
    record.meta_info = {
      business_vertical: rng.pick(BUSINESS_VERTICALS),
      timezone: locale.timezone,
      about: rng.chance(0.5) ? '' : `${name} on WhatsApp`,
      business_description: rng.chance(0.3) ? '' : `${name}: customer service and orders`,
      use_case: rng.pick(['Customer support', 'Order updates', 'Appointments', '']),
    };
  }
  if (contact && !rng.chance(0.15)) {
    record.contact_user = { phone: contact.phone, email: contact.email, name: contact.full_name };
  }
  const channelWeight = rng.weighted([[0, 10], [1, 50], [2, 28], [4, 9], [9, 3]] as const);
  return {
    entry: { record, directPayment: rng.chance(0.4) },
    locale,
    channelWeight,
    createdMs: created,
  };
}

export function generateClients(rng: Rng, count: number, used: Set<string>): GeneratedClient[] {
  const out: GeneratedClient[] = new Array<GeneratedClient>(count);
  for (let i = 0; i < count; i++) out[i] = makeClient(rng, i, used);
  return out;
}
