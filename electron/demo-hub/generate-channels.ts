/**
 * Seeded channel records covering the whole status mix of the seed document and the reference:
 * live, draft, pending deletion, every classic status, Embedded Signup (version 2) channels in sandbox
 * whose ignored `status` says something misleading ("ready", "created"), and accounts Meta banned,
 * restricted or found in violation. Numbers come written the ways partners' data holds them (see
 * phones.ts). The first seventeen channels walk each vocabulary in order, so even a small hub shows
 * every state and every way of writing a number; the rest are drawn by weight.
 */
import { DATA_END_MS, uniqueId, type GeneratedClient } from './generate-clients';
import { flat, isoSeconds, Rng, weights } from './prng';
import type { ChannelEntry, ClientEntry, ClientSummary, DemoChannel, Integration, WabaAccount } from './types';
import { CHANNEL_PHONE_FORMS, drawMobileNumber, writePhone, type PhoneForm } from './phones';
import {
  BUSINESS_VERTICALS,
  CHANNEL_STATUSES,
  FB_ACCOUNT_STATUSES,
  MESSAGING_LIMITS,
  OBO_STATUSES,
  QUALITY_RATINGS,
  SETUP_ERRORS,
  WABA_STATUSES,
} from './vocabulary';

/** `sandbox`: an Embedded Signup channel with an app that is not live yet. */
type Kind = 'live' | 'draft' | 'pending_deletion' | 'classic' | 'sandbox';
const FORCED = 17;
const DAY = 86_400_000;

const KIND = weights<Kind>([
  ['live', 52],
  ['draft', 17],
  ['pending_deletion', 8],
  ['classic', 18],
  ['sandbox', 5],
]);
/** What a version-2 sandbox channel's ignored `status` happens to say: often a classic word that would mislead. */
const SANDBOX_STATUS = weights([
  ['ready', 35],
  ['created', 25],
  ['verified', 20],
  ['unverified', 15],
  ['error', 5],
]);
/** The forced channels' numbers: the first four show every way of writing one, the rest as the Hub stores them. */
const FORCED_FORMS: readonly PhoneForm[] = ['idd', 'national', 'international', 'junk'];
const DRAFT_STATUS = weights([
  ['created', 45],
  ['consents_signed', 20],
  ['unverified', 20],
  ['verified', 15],
]);
const FB_LIVE = weights([
  ['verified', 70],
  ['not_verified', 10],
  ['pending', 5],
  ['pending_need_more_info', 5],
  ['pending_submission', 4],
  ['rejected', 4],
  ['failed', 2],
]);
const FB_DRAFT = weights([
  ['pending_submission', 40],
  ['pending', 20],
  ['not_verified', 25],
  ['pending_need_more_info', 10],
  ['failed', 5],
]);
const WABA_LIVE = weights([
  ['approved', 85],
  ['account_violation', 5],
  ['account_restriction', 4],
  ['account_banned', 2],
  ['bsp_removed', 2],
  ['unverified', 2],
]);
const WABA_DRAFT = weights([
  ['created', 40],
  ['consents_pending', 30],
  ['unverified', 30],
]);
const OBO_LIVE = weights<string | null>([
  ['approved', 80],
  ['submitted', 10],
  ['rejected', 5],
  ['denied', 5],
]);
const OBO_DRAFT = weights<string | null>([
  ['submitted', 70],
  ['rejected', 10],
  [null, 20],
]);
const LIMIT = weights<string | null>([
  ['TIER_250', 20],
  ['TIER_1K', 40],
  ['TIER_10K', 20],
  ['TIER_100K', 8],
  ['UNLIMITED', 4],
  ['TIER_50', 3],
  [null, 5],
]);
const QUALITY = weights<string | null>([
  ['GREEN', 75],
  ['YELLOW', 12],
  ['RED', 5],
  [null, 8],
]);
const HAS_INBOX = weights<boolean | null>([
  [false, 6],
  [true, 2],
  [null, 1],
]);
const IS_OBA = weights<boolean | null>([
  [false, 8],
  [true, 1],
  [null, 1],
]);
const APP_STATES = ['pending', 'running', 'stopped'] as const;
// Opaque to the app; a small fixed pool keeps 50k live channels cheap to generate.
const CERTIFICATES = Array.from({ length: 32 }, (_, i) => Rng.for('certificate', i).hex(48));
const NOT_READY = CHANNEL_STATUSES.filter((s) => s !== 'ready');
const LIMITS_OR_NULL = [...MESSAGING_LIMITS, null];
const QUALITY_OR_NULL = [...QUALITY_RATINGS, null];

export interface ChannelIds {
  channels: Set<string>;
  wabas: Set<string>;
  phones: Set<string>;
}

export function clientSummary(client: ClientEntry): ClientSummary {
  const { id, name, partner_payload, contact_info } = client.record;
  return { id, name, partner_payload, contact_info };
}

function forcedKind(status: string, index: number): Kind {
  if (index === 16) return 'sandbox';
  if (index === 14) return 'pending_deletion';
  if (index === 15 || status === 'created' || status === 'consents_signed') return 'draft';
  return status === 'ready' ? 'live' : 'classic';
}

function at<T>(list: readonly T[], index: number): T {
  return list[index % list.length] as T;
}

function newWaba(rng: Rng, owner: GeneratedClient, ids: ChannelIds, kind: Kind, forced: number | null, createdMs: number): WabaAccount {
  const live = kind === 'live' || kind === 'pending_deletion';
  const fb = forced !== null ? at(FB_ACCOUNT_STATUSES, forced) : rng.draw(live ? FB_LIVE : FB_DRAFT);
  const status = forced !== null ? at(WABA_STATUSES, forced) : rng.draw(live ? WABA_LIVE : WABA_DRAFT);
  const obo = forced !== null ? at(OBO_STATUSES, forced) : rng.draw(live ? OBO_LIVE : OBO_DRAFT);
  const name = owner.entry.record.name;
  return {
    id: uniqueId(rng, 6, 'WA', ids.wabas),
    external_id: rng.number(15),
    name,
    namespace: flat(`${rng.hex(8)}_${rng.hex(4)}_${rng.hex(4)}_${rng.hex(4)}_${rng.hex(12)}`),
    client_id: owner.entry.record.id,
    status,
    fb_account_status: fb,
    on_behalf_of_business_info: obo === null ? null : { id: rng.number(15), name, status: obo, type: 'OWNER' },
    consents: {},
    created_at: isoSeconds(createdMs),
    created_by: { user_id: 'system', user_name: 'system' },
  };
}

export function makeChannel(
  rng: Rng,
  owner: GeneratedClient,
  index: number,
  ids: ChannelIds,
  wabasOfClient: WabaAccount[],
  createdAtMs?: number,
): ChannelEntry {
  const forced = index < FORCED ? index : null;
  // Seventeen walks: the fourteen statuses, then a pending deletion, a draft without a WABA and a
  // version-2 sandbox channel whose ignored status says "ready".
  const forcedStatus =
    forced === null ? null : forced === 14 || forced === 16 ? 'ready' : forced === 15 ? 'created' : at(CHANNEL_STATUSES, forced);
  const kind: Kind = forcedStatus !== null ? forcedKind(forcedStatus, index) : rng.draw(KIND);
  const live = kind === 'live' || kind === 'pending_deletion';
  const status =
    forcedStatus ??
    (live ? 'ready' : kind === 'draft' ? rng.draw(DRAFT_STATUS) : kind === 'sandbox' ? rng.draw(SANDBOX_STATUS) : rng.pick(NOT_READY));
  const createdMs = createdAtMs ?? rng.int(owner.createdMs, Math.max(owner.createdMs, DATA_END_MS - DAY));
  const locale = owner.locale;
  const latestMs = Math.max(createdMs, DATA_END_MS);

  const digits = drawMobileNumber(rng, locale.country, ids.phones);
  const phone = writePhone(rng, digits, forced !== null ? (FORCED_FORMS[forced] ?? 'hub') : rng.draw(CHANNEL_PHONE_FORMS));

  let waba: WabaAccount | undefined;
  const reuse = forced === null && wabasOfClient.length > 0 && rng.chance(0.5);
  // Channels on one WABA share the object: it is replaced, never edited in place.
  if (reuse) waba = rng.pick(wabasOfClient);
  else if (forced !== null ? forced !== 15 : kind !== 'draft' || !rng.chance(0.4)) {
    waba = newWaba(rng, owner, ids, kind, forced, createdMs);
    wabasOfClient.push(waba);
  }

  const hasApp = live || kind === 'sandbox' || (kind === 'classic' && (forced !== null || rng.chance(0.8)));
  const integration: Integration | null | undefined = hasApp
    ? { enabled: true, app_id: rng.number(6), state: live ? 'running' : rng.pick(APP_STATES) }
    : rng.chance(0.5)
      ? { enabled: false, app_id: null, state: null }
      : rng.chance(0.5)
        ? null
        : undefined;

  const name = owner.entry.record.name;
  const record: DemoChannel = {
    id: uniqueId(rng, 6, 'CH', ids.channels),
    client_id: owner.entry.record.id,
    account_mode: live && !(kind === 'pending_deletion' && rng.chance(0.25)) ? 'live' : 'sandbox',
    status,
    version: kind === 'classic' ? 1 : 2,
    type: 'whatsapp',
    created_at: isoSeconds(createdMs),
    modified_at: isoSeconds(rng.chance(0.5) ? createdMs : rng.int(createdMs, latestMs)),
    billing_started_at: live ? isoSeconds(createdMs + rng.int(1, 5) * DAY) : null,
    terminated_at: kind === 'pending_deletion' ? isoSeconds(rng.int(createdMs + DAY, latestMs + DAY)) : null,
    current_limit: forced !== null ? at(LIMITS_OR_NULL, forced) : live ? rng.draw(LIMIT) : null,
    current_quality_rating: forced !== null ? at(QUALITY_OR_NULL, forced) : live ? rng.draw(QUALITY) : null,
    client: owner.summary ?? clientSummary(owner.entry),
    setup_info: {
      phone_number: phone,
      phone_name: rng.chance(0.67) ? name : flat(rng.chance(0.5) ? `${name} Support` : `${name} Service`),
      was_in_use: rng.chance(0.2),
      ivr: rng.chance(0.05),
      verification_method: rng.chance(0.7) ? 'sms' : 'voice',
      certificate: live ? rng.pick(CERTIFICATES) : null,
      new_name_status:
        status === 'new_name_requested' ? 'pending' : status === 'certificate_declined' ? 'declined' : live ? 'approved' : null,
      default_language: locale.language,
      has_integration_layer: hasApp,
      error: status === 'error' ? rng.pick(SETUP_ERRORS) : null,
      configuration_type: null,
      region: null,
      shards_number: 1,
    },
    // Optional objects are present-but-undefined (JSON omits them) so every record shares one shape.
    waba_account: waba,
    waba_account_id: waba?.id ?? null,
    integration,
    profile_info: rng.chance(0.7)
      ? {
          about_text: rng.chance(0.3) ? '' : flat(`Hi from ${name}`),
          business_vertical: rng.pick(BUSINESS_VERTICALS),
          business_description: '',
          contact_email: owner.entry.record.contact_info?.email ?? '',
        }
      : undefined,
    has_inbox: rng.draw(HAS_INBOX),
    is_oba: rng.draw(IS_OBA),
  };
  return {
    record,
    apiKeyPermission: owner.entry.directPayment ? rng.chance(0.6) : true,
    keyGeneration: 0,
    apiKey: null,
    health: null,
  };
}

/**
 * Decides each channel's owner: shares proportional to client weights (so most clients get one or
 * two channels, a few many, some none), then shuffled so the curated first channels land on
 * different clients.
 */
function owners(rng: Rng, clients: readonly GeneratedClient[], count: number): GeneratedClient[] {
  let total = 0;
  for (const client of clients) total += client.channelWeight;
  // If every client drew "no channels", spread the requested channels evenly instead of dropping them.
  const weightOf = (c: GeneratedClient): number => (total === 0 ? 1 : c.channelWeight);
  const ratio = count / (total === 0 ? clients.length : total);
  const out: GeneratedClient[] = [];
  for (const client of clients) {
    const exact = weightOf(client) * ratio;
    let n = Math.floor(exact);
    if (rng.float() < exact - n) n++;
    for (let i = 0; i < n; i++) out.push(client);
  }
  const eligible = clients.filter((c) => weightOf(c) > 0);
  while (out.length < count) out.push(rng.pick(eligible));
  while (out.length > count) out.splice(rng.int(0, out.length - 1), 1);
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    const swap = out[i] as GeneratedClient;
    out[i] = out[j] as GeneratedClient;
    out[j] = swap;
  }
  return out;
}

export function generateChannels(rng: Rng, clients: readonly GeneratedClient[], count: number, ids: ChannelIds): ChannelEntry[] {
  if (count === 0 || clients.length === 0) return [];
  const wabas = new Map<GeneratedClient, WabaAccount[]>();
  const assigned = owners(rng, clients, count);
  const out: ChannelEntry[] = new Array<ChannelEntry>(count);
  for (let i = 0; i < count; i++) {
    const owner = assigned[i] as GeneratedClient;
    owner.summary ??= clientSummary(owner.entry);
    let list = wabas.get(owner);
    if (!list) wabas.set(owner, (list = []));
    out[i] = makeChannel(rng, owner, i, ids, list);
  }
  return out;
}
