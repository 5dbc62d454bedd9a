/**
 * Channel-level requests around a generated key: the health check (at most once per 5 minutes per
 * channel; too soon, the cached answer is shown with its age and nothing is sent; offline, the
 * check is queued until the connection returns), what is known about the key, and copying the key
 * to the clipboard from main (cleared after 60 s). The key itself never leaves the core.
 */
import { AppError } from '@shared/errors';
import type { ApiKeyInfo, ChannelHealth, CopyApiKeyResult } from '@shared/outbox';
import type { DesktopIntegration } from '../desktop';
import type { ActionRequests } from './action-requests';
import type { ChannelKeyStore } from './channel-keys';
import { healthAnswerText, type HealthRecord, type HealthStore } from './health-store';
import { targetKey, toOutboxAction, type StoredAction } from './outbox-rows';
import type { OutboxRunner } from './outbox-runner';
import type { OutboxStore } from './outbox-store';

export const CLIPBOARD_CLEAR_MS = 60_000;

export interface ChannelChecksDeps {
  store: OutboxStore;
  requests: ActionRequests;
  keys: ChannelKeyStore;
  health: HealthStore;
  runner: OutboxRunner;
  desktop: DesktopIntegration;
  now: () => number;
  onEnqueued(profileId: string): void;
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

function minutes(ms: number): string {
  const m = Math.max(1, Math.round(ms / 60_000));
  return `${m} min`;
}

function ago(ms: number): string {
  return ms < 60_000 ? 'less than a minute ago' : `${minutes(ms)} ago`;
}

export class ChannelChecks {
  constructor(private readonly deps: ChannelChecksDeps) {}

  private view(
    channelId: string,
    source: ChannelHealth['source'],
    record: HealthRecord | null,
    action: StoredAction | null,
  ): ChannelHealth {
    const now = this.deps.now();
    const next = this.deps.health.nextCheckAt(record);
    const age = record?.checkedAt != null ? now - record.checkedAt : null;
    const answer = record?.gatewayStatus ? healthAnswerText(record.gatewayStatus, record.phoneNumber) : null;
    const wait = next !== null && next > now ? ` Next check possible in ${minutes(next - now)}.` : '';
    const message =
      source === 'fresh' && answer
        ? `Checked just now: ${answer}.`
        : source === 'queued'
          ? `The check waits for the connection.${answer && age !== null ? ` Last answer (${minutes(age)} old): ${answer}.` : ''}`
          : answer && age !== null
            ? `Checked ${ago(age)}: ${answer}.${wait}`
            : action?.lastError
              ? action.lastError.message
              : 'Not checked yet.';
    return {
      channelId,
      source,
      checkedAt: iso(record?.checkedAt ?? null),
      ageMs: age,
      nextCheckAt: iso(next),
      gatewayStatus: record?.gatewayStatus ?? null,
      nodes: record?.nodes ?? [],
      phoneNumber: record?.phoneNumber ?? null,
      lastError: action?.state === 'failed' ? action.lastError : (record?.lastError ?? null),
      action: action ? toOutboxAction(action) : null,
      message,
    };
  }

  /** The channel's health: cached when checked within 5 minutes (no request), else checked now or queued. */
  async health(profileId: string, channelId: string, check: boolean): Promise<ChannelHealth> {
    const target = targetKey({ type: 'channel', id: channelId });
    const record = this.deps.health.get(profileId, channelId);
    const next = this.deps.health.nextCheckAt(record);
    let open = this.deps.store.open(profileId, target, 'check_health')[0] ?? null;
    if (!check || (next !== null && next > this.deps.now()))
      return this.view(channelId, open ? 'queued' : record ? 'cached' : 'none', record, open);
    if (!open) {
      const [key, meta] = [await this.deps.keys.key(profileId, channelId), this.deps.keys.meta(profileId, channelId)];
      if (key === null || meta === null) {
        throw new AppError(
          'not_found',
          `No API key for channel ${channelId} is in the keychain, so its health cannot be checked. Generate one first (it revokes older keys).`,
        );
      }
      open = this.deps.store.insert(this.deps.requests.checkHealth(profileId, channelId));
      this.deps.onEnqueued(profileId);
    }
    await this.deps.runner.flush();
    const after = this.deps.store.get(open.id);
    const latest = this.deps.health.get(profileId, channelId);
    // Done without a new answer means another check went out meanwhile: its answer is the cached one.
    const answered = latest?.checkedAt != null && latest.checkedAt !== (record?.checkedAt ?? null);
    if (after?.state === 'done') return this.view(channelId, answered ? 'fresh' : 'cached', latest, after);
    return this.view(
      channelId,
      after?.state === 'queued' || after?.state === 'sending' ? 'queued' : latest ? 'cached' : 'none',
      latest,
      after,
    );
  }

  apiKeyInfo(profileId: string, channelId: string): Promise<ApiKeyInfo> {
    return this.deps.keys.info(profileId, channelId);
  }

  /** Puts the key on the OS clipboard from main; the renderer never receives it. */
  async copyApiKey(profileId: string, channelId: string): Promise<CopyApiKeyResult> {
    const key = await this.deps.keys.key(profileId, channelId);
    if (key === null) throw new AppError('not_found', `No API key for channel ${channelId} is in the keychain. Generate one first.`);
    const copied = await this.deps.desktop.writeClipboard(key, { clearAfterMs: CLIPBOARD_CLEAR_MS });
    return {
      copied,
      clearAfterMs: CLIPBOARD_CLEAR_MS,
      message: copied
        ? `The API key is on the clipboard; it is cleared in ${CLIPBOARD_CLEAR_MS / 1000} s.`
        : 'This mode has no access to the clipboard (web mode, the CLI); use the desktop app to copy the key.',
    };
  }
}
