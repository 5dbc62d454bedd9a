/**
 * The client-lifecycle and partner actions a user can queue (issue 16), prepared like the others in
 * action-requests.ts: from the local copy alone (offline works), checked, with the confirmation
 * the user must give and the version of the record they were based on.
 * - withdraw a channel's cancellation request (it stops being "pending deletion");
 * - set a client's partner_payload, the partner's own tag;
 * - change the partner's webhook URL and redirect URL.
 * A newer value for a tag or a setting replaces an older one not yet sent; one in flight (or that
 * may have been applied) is built upon, as for channel limits.
 */
import { AppError } from '@shared/errors';
import { checkSettingsUrl } from '@shared/onboarding';
import type { LocalChannel, LocalRecords } from './local-records';
import type { PreparedAction } from './action-requests';
import { targetKey, type StoredAction } from './outbox-rows';
import type { OutboxStore } from './outbox-store';

const numberOf = (c: LocalChannel): string => (c.phoneNumber ? `+${c.phoneNumber}` : `channel ${c.id}`);
const nameOf = (c: LocalChannel): string => `${numberOf(c)}${c.displayName ? ` ("${c.displayName}")` : ''}`;
const ownerOf = (c: LocalChannel): string => `${c.companyName ?? 'an unnamed client'}${c.clientId ? ` (client ${c.clientId})` : ''}`;

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * When a channel pending deletion is deleted: at the end of the month of its cancellation (docs:
 * "deleted at the end of the current month"). Whether `terminated_at` is the request or the
 * deletion date, the end of its month is the same moment. Null when the date cannot be read.
 */
export function deletionDeadline(terminatedAt: string): { at: number; month: string } | null {
  const ms = Date.parse(terminatedAt);
  if (Number.isNaN(ms)) return null;
  const date = new Date(ms);
  const at = Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1) - 1;
  return { at, month: `${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}` };
}

/** A tag as sentences show it. */
export function tagText(tag: string | null): string {
  return tag === null || tag === '' ? 'no tag' : `"${tag}"`;
}

export class LifecycleRequests {
  constructor(
    private readonly records: LocalRecords,
    private readonly store: OutboxStore,
    private readonly now: () => number,
  ) {}

  private channel(profileId: string, channelId: string): LocalChannel {
    const channel = this.records.channel(profileId, channelId);
    if (!channel) throw new AppError('not_found', `Channel ${channelId} is not in the local copy. Sync, then try again.`);
    if (channel.removed)
      throw new AppError('not_found', `Channel ${channelId} is no longer listed by the 360dialog Hub (as of the last sync).`);
    return channel;
  }

  withdrawCancellation(profileId: string, channelId: string): PreparedAction {
    const channel = this.channel(profileId, channelId);
    const target = targetKey({ type: 'channel', id: channelId });
    const existing = this.store.open(profileId, target, 'withdraw_cancellation').find((a) => a.state !== 'conflict') ?? null;
    const queuedCancel = this.store.open(profileId, target, 'cancel_channel').some((a) => a.state !== 'conflict');
    if (!channel.terminatedAt && !existing) {
      throw new AppError(
        'invalid_input',
        queuedCancel
          ? `The cancellation of ${nameOf(channel)} has not been sent yet: cancel it in the Outbox instead.`
          : `${nameOf(channel)} of ${ownerOf(channel)} has no cancellation request (it is not pending deletion); there is nothing to withdraw.`,
      );
    }
    if (!channel.clientId)
      throw new AppError(
        'invalid_input',
        `Channel ${channelId} has no client in the local copy, so the request cannot be addressed. Sync, then try again.`,
      );
    const deadline = channel.terminatedAt ? deletionDeadline(channel.terminatedAt) : null;
    if (deadline && this.now() > deadline.at && !existing) {
      throw new AppError(
        'conflict',
        `${nameOf(channel)} of ${ownerOf(channel)} was due for deletion at the end of ${deadline.month}: a cancellation can be withdrawn only until then. Sync to see whether the Hub still lists it.`,
      );
    }
    const title = `Reactivate ${nameOf(channel)} of ${channel.companyName ?? channel.clientId}`;
    const message =
      `Withdraw the cancellation request of the WhatsApp number ${nameOf(channel)} of ${ownerOf(channel)}? ` +
      `The number stays active and is no longer deleted${deadline ? ` at the end of ${deadline.month}` : ''}; it goes on being billed as before. ` +
      'It can be cancelled again later.';
    return {
      action: {
        profileId,
        kind: 'withdraw_cancellation',
        target,
        payload: { kind: 'withdraw_cancellation', channelId, clientId: channel.clientId, title, detail: null },
        seen: { modifiedAt: channel.modifiedAt, terminatedAt: channel.terminatedAt },
      },
      preview: { kind: 'withdraw_cancellation', title, message, confirmationRequired: true },
      existing,
      supersedes: null,
    };
  }

  setPartnerPayload(profileId: string, clientId: string, partnerPayload: string): PreparedAction {
    const client = this.records.client(profileId, clientId);
    if (!client) throw new AppError('not_found', `Client ${clientId} is not in the local copy. Sync, then try again.`);
    if (client.removed)
      throw new AppError('not_found', `Client ${clientId} is no longer listed by the 360dialog Hub (as of the last sync).`);
    const target = targetKey({ type: 'client', id: clientId });
    const open = this.store.open(profileId, target, 'set_partner_payload');
    const same =
      open.find(
        (a) => a.state !== 'conflict' && a.payload?.kind === 'set_partner_payload' && a.payload.partnerPayload === partnerPayload,
      ) ?? null;
    const { supersedes, latest } = replaceable(open);
    const base = client.partnerPayload ?? '';
    const expected = supersedes
      ? supersedes.state === 'conflict'
        ? (supersedes.conflict?.server ?? null)
        : (supersedes.seen?.partnerPayload ?? null)
      : latest?.payload?.kind === 'set_partner_payload'
        ? latest.payload.partnerPayload
        : client.partnerPayload;
    if (!same && !latest && partnerPayload === base) {
      throw new AppError(
        'invalid_input',
        `${client.organisation ?? client.name} (client ${client.id}) already has ${tagText(client.partnerPayload)}; nothing to change.`,
      );
    }
    const title = `Tag of ${client.organisation ?? client.name}`;
    const detail = `${tagText(expected)} → ${tagText(partnerPayload)}`;
    const message =
      partnerPayload === ''
        ? `Remove the tag of ${client.organisation ?? client.name} (client ${client.id}), now ${tagText(expected)}.`
        : `Set the tag (partner_payload) of ${client.organisation ?? client.name} (client ${client.id}) from ${tagText(expected)} to ${tagText(partnerPayload)}.`;
    return {
      action: {
        profileId,
        kind: 'set_partner_payload',
        target,
        payload: { kind: 'set_partner_payload', clientId, partnerPayload, title, detail },
        seen: { modifiedAt: client.modifiedAt, partnerPayload: expected },
      },
      preview: { kind: 'set_partner_payload', title, message, confirmationRequired: false },
      existing: same,
      supersedes: same ? null : supersedes,
    };
  }

  setPartnerSettings(
    profileId: string,
    partnerId: string,
    change: { webhookUrl?: string | undefined; redirectUrl?: string | undefined },
  ): PreparedAction {
    const webhook = change.webhookUrl === undefined ? undefined : checkSettingsUrl(change.webhookUrl, 'webhook URL');
    const redirect = change.redirectUrl === undefined ? undefined : checkSettingsUrl(change.redirectUrl, 'redirect URL');
    for (const check of [webhook, redirect]) if (check && !check.ok) throw new AppError('invalid_input', check.message);
    let webhookUrl = webhook?.ok ? webhook.url : undefined;
    let redirectUrl = redirect?.ok ? redirect.url : undefined;
    if (webhookUrl === undefined && redirectUrl === undefined)
      throw new AppError('invalid_input', 'Give the new webhook URL, the new redirect URL, or both.');
    const cached = this.records.partner(profileId);
    if (!cached) {
      throw new AppError(
        'invalid_input',
        'Partner Desk has not read your partner settings from the Hub yet, and a change must start from the current values (so that one made elsewhere is not overwritten). Connect once and open Partner settings, then try again.',
      );
    }
    const target = targetKey({ type: 'partner', id: partnerId });
    const open = this.store.open(profileId, target, 'set_partner_settings');
    const { supersedes, latest } = replaceable(open);
    // A change not yet sent is replaced by one that also carries what it wanted (unless overridden now).
    const older = supersedes?.state === 'queued' && supersedes.payload?.kind === 'set_partner_settings' ? supersedes.payload : null;
    if (webhookUrl === undefined && older?.webhookUrl !== undefined) webhookUrl = older.webhookUrl;
    if (redirectUrl === undefined && older?.redirectUrl !== undefined) redirectUrl = older.redirectUrl;
    // What the Hub is expected to show before this change: what the replaced change expected, what a
    // change in flight sets, or the last read (a conflict refreshed it when it was found).
    const inFlight = !supersedes && latest?.payload?.kind === 'set_partner_settings' ? latest.payload : null;
    const expectedWebhook = older ? (supersedes?.seen?.webhookUrl ?? null) : (inFlight?.webhookUrl ?? setting(cached.record.webhook_url));
    const expectedRedirect = older
      ? (supersedes?.seen?.redirectUrl ?? null)
      : (inFlight?.redirectUrl ?? setting(cached.record.partner_redirect_url));
    // A field that already has the value asked for is left out of the PATCH.
    if (webhookUrl === expectedWebhook) webhookUrl = undefined;
    if (redirectUrl === expectedRedirect) redirectUrl = undefined;
    const wants = (a: StoredAction) =>
      a.payload?.kind === 'set_partner_settings' && a.payload.webhookUrl === webhookUrl && a.payload.redirectUrl === redirectUrl;
    const same = open.find((a) => a.state !== 'conflict' && wants(a)) ?? null;
    const changes: string[] = [];
    if (webhookUrl !== undefined) changes.push(`webhook URL ${expectedWebhook ?? '(none)'} → ${webhookUrl}`);
    if (redirectUrl !== undefined) changes.push(`redirect URL ${expectedRedirect ?? '(none)'} → ${redirectUrl}`);
    if (!same && changes.length === 0) throw new AppError('invalid_input', 'These are the current settings; nothing to change.');
    const title = 'Partner settings';
    const detail = changes.join('; ');
    const message =
      `Change ${detail}? ` +
      (webhookUrl !== undefined
        ? 'The Hub sends its events (new clients and numbers, status changes) to the new webhook URL from then on. '
        : '') +
      (redirectUrl !== undefined ? 'Clients who finish the Integrated Onboarding are sent to the new redirect URL from then on. ' : '') +
      'If someone changes these settings elsewhere before this is sent, it becomes a conflict shown with both values.';
    return {
      action: {
        profileId,
        kind: 'set_partner_settings',
        target,
        payload: {
          kind: 'set_partner_settings',
          partnerId,
          ...(webhookUrl !== undefined ? { webhookUrl } : {}),
          ...(redirectUrl !== undefined ? { redirectUrl } : {}),
          title,
          detail,
        },
        seen: { modifiedAt: null, webhookUrl: expectedWebhook, redirectUrl: expectedRedirect },
      },
      preview: { kind: 'set_partner_settings', title, message: message.trim(), confirmationRequired: true },
      existing: same,
      supersedes: same ? null : supersedes,
    };
  }
}

/** A URL setting as the Hub keeps it: an empty one is no setting at all. */
export function setting(value: string | null | undefined): string | null {
  const text = value?.trim();
  return text ? text : null;
}

/** The latest open action, and whether a new one replaces it: a conflict, or queued and certainly not sent. */
function replaceable(open: readonly StoredAction[]): { supersedes: StoredAction | null; latest: StoredAction | null } {
  const latest = open.at(-1) ?? null;
  const supersedes = latest && (latest.state === 'conflict' || (latest.state === 'queued' && !latest.uncertain)) ? latest : null;
  return { supersedes, latest };
}
