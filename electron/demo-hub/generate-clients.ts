/**
 * Seeded client records. Realistic rather than tidy: some clients lack optional objects, carry empty
 * strings, a null contact_info, or a payload with leading zeros, because the app must survive those.
 */
import { CURATED_CLIENTS, composeName, slugify } from './client-names';
import { LOCALE_TABLE, localeFor, type Locale } from './locales';
import { flat, isoSeconds, weights, type Rng } from './prng';
import type { ClientEntry, ClientSummary, ContactInfo, DemoClient } from './types';
import { BUSINESS_VERTICALS } from './vocabulary';
import { CONTACT_PHONE_FORMS, drawMobileNumber, writePhone } from './phones';

/** Generated history spans these dates, fixed so data never depends on the wall clock. */
export const DATA_START_MS = Date.UTC(2021, 0, 1);
export const DATA_END_MS = Date.UTC(2025, 5, 30);

const SYSTEM_USER = { user_id: 'system', user_name: 'system' } as const;
const MAX_CHANNELS = weights([
  [2, 70],
  [1, 10],
  [3, 10],
  [5, 7],
  [10, 3],
]);
const CHANNEL_WEIGHT = weights([
  [0, 10],
  [1, 50],
  [2, 28],
  [4, 9],
  [9, 3],
]);
const EMAIL_LOCAL = weights([
  ['info', 3],
  ['ops', 1],
  ['', 2],
  ['Support+WA', 1],
]);
const USE_CASES = ['Customer support', 'Order updates', 'Appointments', ''] as const;
const TIERS = ['gold', 'silver'] as const;

export interface GeneratedClient {
  entry: ClientEntry;
  locale: Locale;
  /** Relative share of the channels this client gets (0 = a client without channels). */
  channelWeight: number;
  createdMs: number;
  /** Shared by all of the client's generated channels; replaced (never edited) when the client changes. */
  summary?: ClientSummary;
}

export function uniqueId(rng: Rng, length: number, suffix: string, used: Set<string>): string {
  for (;;) {
    const id = flat(rng.alnum(length) + suffix);
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
  // '' stands for the contact's first name, e.g. "jurgen@..."; mixed case is on purpose.
  const local = rng.draw(EMAIL_LOCAL) || slugify(first) || 'contact';
  const sparse = rng.chance(0.12);
  return {
    webpage_url: sparse ? '' : flat(`https://${slug}.example`),
    // Typed by people: "+49 1512 3456789", "0049…", "01512 3456789" (contact numbers may repeat across clients).
    phone: sparse ? '' : writePhone(rng, drawMobileNumber(rng, locale.country, new Set()), rng.draw(CONTACT_PHONE_FORMS)),
    language: locale.language,
    country: locale.country,
    street_name: sparse ? '' : rng.pick(locale.streets),
    city: sparse ? '' : rng.pick(locale.cities),
    email: flat(`${local}@${slug}.example`),
    full_name: flat(`${first} ${last}`),
    zip_code: sparse ? '' : zip(rng, locale),
  };
}

function partnerPayload(rng: Rng, index: number): string | null {
  const roll = rng.float();
  if (roll < 0.35) return null;
  if (roll < 0.75) return `crm-${1000 + index}`;
  // Leading zeros: a spreadsheet would turn "00712345" into 712345.
  if (roll < 0.85) return `007${rng.digits(5)}`;
  if (roll < 0.9) return '';
  return `{"tier":"${rng.pick(TIERS)}"}`;
}

/**
 * Real partners rarely have two clients of the same name: a composed name already taken gets its
 * city, then a branch number ("Bäckerei Größ Köln", "Bäckerei Größ Köln 2").
 */
function distinctName(rng: Rng, locale: Locale, name: string, names: Map<string, number>): string {
  let candidate = name;
  if (names.has(candidate)) candidate = flat(`${name} ${rng.pick(locale.cities)}`);
  const seen = names.get(candidate) ?? 0;
  names.set(candidate, seen + 1);
  return seen === 0 ? candidate : flat(`${candidate} ${seen + 1}`);
}

export function makeClient(
  rng: Rng,
  index: number,
  used: Set<string>,
  createdMs?: number,
  names: Map<string, number> = new Map(),
): GeneratedClient {
  const curated = CURATED_CLIENTS[index];
  const locale = curated ? localeFor(curated.country) : rng.draw(LOCALE_TABLE);
  const name = curated ? curated.name : distinctName(rng, locale, flat(composeName(rng, locale)), names);
  const created = createdMs ?? rng.int(DATA_START_MS, DATA_END_MS - 30 * 86_400_000);
  const modified = rng.chance(0.6) ? created : rng.int(created, Math.max(created, DATA_END_MS));
  const contact = contactInfo(rng, locale, name, index);
  const hasMeta = !rng.chance(0.1);
  const record: DemoClient = {
    id: uniqueId(rng, 8, 'CL', used),
    name,
    status: 'active',
    organisation: rng.chance(0.85) ? name : flat(`${name} (Holding)`),
    max_channels: rng.draw(MAX_CHANNELS),
    partner_payload: partnerPayload(rng, index),
    // Absent objects are present-but-undefined (JSON omits them) so every record shares one shape.
    meta_info: hasMeta
      ? {
          business_vertical: rng.pick(BUSINESS_VERTICALS),
          timezone: locale.timezone,
          about: rng.chance(0.5) ? '' : flat(`${name} on WhatsApp`),
          business_description: rng.chance(0.3) ? '' : flat(`${name}: customer service and orders`),
          use_case: rng.pick(USE_CASES),
        }
      : undefined,
    contact_info: contact,
    contact_user: contact && !rng.chance(0.15) ? { phone: contact.phone, email: contact.email, name: contact.full_name } : undefined,
    created_at: isoSeconds(created),
    created_by: SYSTEM_USER,
    modified_at: isoSeconds(modified),
    modified_by: SYSTEM_USER,
    suspicious: rng.chance(0.01),
  };
  const channelWeight = rng.draw(CHANNEL_WEIGHT);
  return {
    entry: { record, directPayment: rng.chance(0.4) },
    locale,
    channelWeight,
    createdMs: created,
  };
}

export function generateClients(rng: Rng, count: number, used: Set<string>): GeneratedClient[] {
  const out: GeneratedClient[] = new Array<GeneratedClient>(count);
  const names = new Map<string, number>(CURATED_CLIENTS.map((c) => [c.name, 1]));
  for (let i = 0; i < count; i++) out[i] = makeClient(rng, i, used, undefined, names);
  return out;
}
