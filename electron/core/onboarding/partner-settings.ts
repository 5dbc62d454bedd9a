/**
 * The partner's public settings (`GET /partners/{pid}`, §3.7) as a page and the CLI show them: every
 * public field the Hub returns, each with what it is for, warnings for what breaks onboarding (no
 * redirect URL: the client sees an error) or silences the Hub (no webhook URL), and the changes
 * waiting in the outbox. The record is kept locally, so all of it works offline with its age shown.
 */
import { type PartnerSettingRow, type PartnerSettings, type SettingsWarning } from '@shared/onboarding';
import { AppError } from '@shared/errors';
import type { Partner, PartnerApi } from '../api';
import { toActionError } from '../outbox/classify';
import type { LocalRecords } from '../outbox/local-records';
import { targetKey, toOutboxAction } from '../outbox/outbox-rows';
import type { OutboxStore } from '../outbox/outbox-store';
import type { Logger } from '../log';

/** Fields the reference marks deprecated or internal (§3.7): not settings a partner manages. */
const NOT_PUBLIC = new Set([
  'payment_required',
  'payment_plan',
  'onboarding_deeplink_add_params',
  'blocked_new_submission',
  'billing_system',
  'publishable_key',
]);

interface FieldInfo {
  label: string;
  help: string;
}

const KNOWN: Readonly<Record<string, FieldInfo>> = {
  id: {
    label: 'Partner ID',
    help: 'Identifies your partner account (it ends in "PA"); part of every Partner API path and of permission links.',
  },
  brand_name: { label: 'Brand name', help: 'The name clients see on the permission page and in the 360 Client Hub.' },
  webhook_url: {
    label: 'Webhook URL',
    help: 'Where the Hub sends partner events (a client signed up, a number was created, went live, was cancelled), so your systems learn of them at once. Changed here through the outbox.',
  },
  partner_redirect_url: {
    label: 'Redirect URL',
    help: 'Where clients land after the Integrated Onboarding, with client=… and channels=[…] in the address. Without it the client sees an error and cannot share permission. Changed here through the outbox.',
  },
  allow_client_to_add_phone_no: {
    label: 'Clients may add numbers',
    help: 'When off, clients cannot onboard new numbers themselves, so links that add a number to an existing client fail.',
  },
  country: { label: 'Country', help: 'Where your partner account is registered.' },
  logo_url: { label: 'Logo URL', help: 'The logo shown to clients on the permission page and in the Client Hub.' },
};

const ORDER = ['id', 'brand_name', 'partner_redirect_url', 'webhook_url', 'allow_client_to_add_phone_no', 'country', 'logo_url'];

function text(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'string') return value === '' ? null : value;
  if (typeof value === 'number') return String(value);
  return JSON.stringify(value);
}

export function settingRows(partner: Partner): PartnerSettingRow[] {
  const record = partner as Record<string, unknown>;
  const rows: PartnerSettingRow[] = [];
  const keys = [
    ...ORDER.filter((k) => Object.hasOwn(record, k)),
    ...Object.keys(record)
      .filter((k) => !ORDER.includes(k) && k !== 'settings' && !NOT_PUBLIC.has(k))
      .sort(),
  ];
  for (const key of keys) {
    const info = KNOWN[key];
    rows.push({
      key,
      label: info?.label ?? key,
      value: text(record[key]),
      help: info?.help ?? 'Returned by the Hub; not described in its documentation.',
    });
  }
  const settings = partner.settings;
  if (settings && typeof settings === 'object') {
    for (const [key, value] of Object.entries(settings).sort(([a], [b]) => a.localeCompare(b))) {
      const words = key.replace(/_/g, ' ');
      rows.push({
        key: `settings.${key}`,
        label: `${words.charAt(0).toUpperCase()}${words.slice(1)}`,
        value: text(value),
        help: `One of your partner account's settings (settings.${key}), as the Hub returns it.`,
      });
    }
  }
  return rows;
}

function isHttps(url: string): boolean {
  try {
    return new URL(url).protocol === 'https:';
  } catch {
    return false;
  }
}

export function settingWarnings(partner: Partner): SettingsWarning[] {
  const warnings: SettingsWarning[] = [];
  const redirect = partner.partner_redirect_url?.trim() || null;
  const webhook = partner.webhook_url?.trim() || null;
  if (redirect === null) {
    warnings.push({
      field: 'partner_redirect_url',
      severity: 'error',
      message:
        'No redirect URL: a client who finishes the Integrated Onboarding sees an error and cannot share permission with you. Set one before sending permission links.',
    });
  } else if (!isHttps(redirect)) {
    warnings.push({
      field: 'partner_redirect_url',
      severity: 'warning',
      message: `The redirect URL ${redirect} is not https: clients land on an unsecured page with their client and channel ids in the address. Use an https address.`,
    });
  }
  if (webhook === null) {
    warnings.push({
      field: 'webhook_url',
      severity: 'warning',
      message:
        'No webhook URL: the Hub cannot tell your systems about new clients, numbers and cancellations as they happen (Partner Desk still sees them at its next sync).',
    });
  } else if (!isHttps(webhook)) {
    warnings.push({
      field: 'webhook_url',
      severity: 'warning',
      message: `The webhook URL ${webhook} is not https: events about your clients travel unencrypted. Use an https address.`,
    });
  }
  if (partner.allow_client_to_add_phone_no === false) {
    warnings.push({
      field: 'allow_client_to_add_phone_no',
      severity: 'warning',
      message:
        'Clients may not add numbers themselves: permission links that add a number to an existing client will not let them. Ask 360dialog to change it if you need that.',
    });
  }
  return warnings;
}

export interface PartnerSettingsDeps {
  records: LocalRecords;
  outbox: OutboxStore;
  profile(): { id: string; partnerId: string } | null;
  /** A Partner API client for the active profile that tries once (a settings page must not wait on retries). */
  api(): Promise<PartnerApi>;
  /** The app knows the Hub cannot be reached now: nothing is asked of it (the copy is shown). */
  isOffline?: () => boolean;
  now: () => number;
  log: Logger;
}

export class PartnerSettingsService {
  constructor(private readonly deps: PartnerSettingsDeps) {}

  private requireProfile(): { id: string; partnerId: string } {
    const profile = this.deps.profile();
    if (!profile) throw new AppError('not_signed_in', 'No partner profile is signed in. Sign in, or explore the demo data.');
    return profile;
  }

  /** Reads the record from the Hub and keeps it; throws what went wrong. */
  async refresh(): Promise<Partner> {
    const profile = this.requireProfile();
    const partner = await (await this.deps.api()).getPartner();
    this.deps.records.writePartner(profile.id, partner, new Date(this.deps.now()).toISOString());
    return partner;
  }

  /** The last copy, read from the Hub first when asked (a failure leaves the copy and says why). */
  async view(refresh: boolean): Promise<PartnerSettings> {
    const profile = this.requireProfile();
    let error: PartnerSettings['error'] = null;
    let fresh = false;
    if (refresh && this.deps.isOffline?.()) {
      error = {
        code: 'offline',
        message: 'The 360dialog Hub cannot be reached right now; this is the copy read last. It is read again once you are back online.',
      };
    } else if (refresh) {
      try {
        await this.refresh();
        fresh = true;
      } catch (failure) {
        const info = toActionError(failure);
        error = { code: info.code, message: info.message };
        this.deps.log.info('partner settings not refreshed', { code: info.code });
      }
    }
    const cached = this.deps.records.partner(profile.id);
    const pending = this.deps.outbox
      .open(profile.id, targetKey({ type: 'partner', id: profile.partnerId }), 'set_partner_settings')
      .map(toOutboxAction);
    if (!cached) {
      return {
        partnerId: profile.partnerId,
        brandName: null,
        webhookUrl: null,
        redirectUrl: null,
        allowClientToAddPhoneNo: null,
        rows: [],
        warnings: [],
        source: 'none',
        fetchedAt: null,
        error,
        pending,
      };
    }
    const partner = cached.record;
    return {
      partnerId: profile.partnerId,
      brandName: partner.brand_name ?? null,
      webhookUrl: partner.webhook_url?.trim() || null,
      redirectUrl: partner.partner_redirect_url?.trim() || null,
      allowClientToAddPhoneNo: partner.allow_client_to_add_phone_no ?? null,
      rows: settingRows(partner),
      warnings: settingWarnings(partner),
      source: fresh ? 'fresh' : 'cached',
      fetchedAt: cached.fetchedAt,
      error,
      pending,
    };
  }
}
