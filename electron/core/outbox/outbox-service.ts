/**
 * The outbox as the contract and the CLI use it: queue an action (with its optimistic effect, in
 * one transaction), list the queue, retry a failed action, cancel one not yet sent, push now; plus
 * the wiring the rest of the core needs (overlays for list items, the sync's guard and after-sync
 * hook, sign-in and network signals). Every change is announced as `outbox.changed`.
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '@shared/errors';
import type { ConnectionState } from '@shared/contract';
import type {
  ActionPreview,
  ActionPreviewInput,
  ApiKeyInfo,
  ChannelHealth,
  CopyApiKeyResult,
  OutboxAction,
  OutboxPage,
  OutboxStatus,
  PendingOverlay,
  PushResult,
} from '@shared/outbox';
import { createChannelApi, createHealthLimiter, type PartnerApi } from '../api';
import type { DesktopIntegration } from '../desktop';
import type { CoreEvents } from '../events';
import type { Logger } from '../log';
import type { ProfileRow } from '../profiles/profile-repository';
import type { HubConnection } from '../session/session-service';
import type { ActionEnv } from './action-handler';
import { ActionRequests, type PreparedAction } from './action-requests';
import { LifecycleRequests } from './lifecycle-requests';
import { ACTION_HANDLERS } from './actions';
import { ChannelChecks } from './channel-checks';
import type { ChannelKeyStore } from './channel-keys';
import type { HealthStore } from './health-store';
import type { LocalRecords } from './local-records';
import { OutboxLease } from './outbox-lease';
import { toOutboxAction, type StoredAction } from './outbox-rows';
import { OutboxRunner } from './outbox-runner';
import type { OutboxStore } from './outbox-store';
import { overlaysFor } from './pending-effects';
import { describePush } from './push-summary';

export interface OutboxServiceDeps {
  store: OutboxStore;
  records: LocalRecords;
  keys: ChannelKeyStore;
  health: HealthStore;
  session: {
    activeProfileRow(): ProfileRow | null;
    connectionFor(profile: ProfileRow): Promise<HubConnection>;
    /** The connection monitor: whether a request can go now, and the status shown. */
    readonly connection: { ready(): Promise<boolean>; readonly status: ConnectionState['status'] };
  };
  partnerApi(profile: ProfileRow, overrides: { retry: { maxAttempts: number } }): Promise<PartnerApi>;
  events: CoreEvents;
  /** The clipboard for "copy API key" (Electron), or headless. */
  desktop: DesktopIntegration;
  log: Logger;
  now: () => number;
  random?: () => number;
  concurrency?: number;
  /** See RunnerDeps.settleMs. */
  settleMs?: number;
}

export class OutboxService {
  readonly runner: OutboxRunner;
  readonly requests: ActionRequests;
  readonly lifecycle: LifecycleRequests;
  private readonly checks: ChannelChecks;
  private readonly healthLimiter;

  constructor(private readonly deps: OutboxServiceDeps) {
    const runnerId = randomUUID();
    this.healthLimiter = createHealthLimiter({ now: deps.now });
    this.requests = new ActionRequests(deps.records, deps.store);
    this.lifecycle = new LifecycleRequests(deps.records, deps.store, deps.now);
    this.runner = new OutboxRunner({
      runnerId,
      store: deps.store,
      lease: new OutboxLease(deps.store.db, { holder: runnerId, now: deps.now }),
      handlers: ACTION_HANDLERS,
      envFor: (profileId) => this.envFor(profileId),
      activeProfileId: () => this.deps.session.activeProfileRow()?.id ?? null,
      onChanged: (profileId) => this.changed(profileId),
      connectionReady: () => this.deps.session.connection.ready(),
      log: deps.log,
      now: deps.now,
      ...(deps.random ? { random: deps.random } : {}),
      ...(deps.concurrency ? { concurrency: deps.concurrency } : {}),
      ...(deps.settleMs !== undefined ? { settleMs: deps.settleMs } : {}),
    });
    this.checks = new ChannelChecks({
      store: deps.store,
      requests: this.requests,
      keys: deps.keys,
      health: deps.health,
      runner: this.runner,
      desktop: deps.desktop,
      now: deps.now,
      onEnqueued: (profileId) => this.changed(profileId),
    });
  }

  private envFor(profileId: string): ActionEnv {
    const profile = this.deps.session.activeProfileRow();
    if (!profile || profile.id !== profileId) throw new AppError('not_signed_in', 'The queue belongs to a profile that is not signed in.');
    let api: Promise<PartnerApi> | null = null;
    return {
      profileId,
      api: () => (api ??= this.deps.partnerApi(profile, { retry: { maxAttempts: 1 } })),
      channelApi: async (channelId, address, apiKey) =>
        createChannelApi({
          address,
          apiKey,
          channelId,
          fetch: (await this.deps.session.connectionFor(profile)).fetch,
          healthLimiter: this.healthLimiter,
          now: this.deps.now,
          log: this.deps.log,
          retry: { maxAttempts: 1 },
        }),
      records: this.deps.records,
      keys: this.deps.keys,
      health: this.deps.health,
      store: this.deps.store,
      now: this.deps.now,
      log: this.deps.log,
    };
  }

  private requireProfileId(): string {
    const id = this.deps.session.activeProfileRow()?.id;
    if (!id) throw new AppError('not_signed_in', 'No partner profile is signed in. Sign in, or explore the demo data.');
    return id;
  }

  private changed(profileId: string): void {
    this.deps.events.emit('outbox.changed', this.statusOf(profileId));
  }

  statusOf(profileId: string | null): OutboxStatus {
    const status = this.deps.session.connection.status;
    // A refused key holds the queue whether or not this process's runner has met the 401 itself.
    const paused =
      this.runner.status().paused ??
      (status === 'key_rejected'
        ? { code: 'unauthorized', message: 'The 360dialog Hub refused the API key; update it (partner-desk login) and the queue resumes.' }
        : null);
    const online = status === 'connected' ? true : status === 'offline' || status === 'hub_unavailable' ? false : null;
    const counts = profileId ? this.deps.store.counts(profileId) : { queued: 0, sending: 0, done: 0, failed: 0, conflict: 0, cancelled: 0 };
    const next = profileId ? this.deps.store.nextAttemptAt(profileId) : null;
    return { profileId, counts, paused, online, nextAttemptAt: next === null ? null : new Date(next).toISOString() };
  }

  status(): OutboxStatus {
    return this.statusOf(this.deps.session.activeProfileRow()?.id ?? null);
  }

  list(query: { openOnly: boolean; limit: number }): OutboxPage {
    const profileId = this.deps.session.activeProfileRow()?.id ?? null;
    const items = profileId ? this.deps.store.list(profileId, query).map(toOutboxAction) : [];
    return { ...this.statusOf(profileId), items };
  }

  preview(input: ActionPreviewInput): ActionPreview {
    return this.prepare(this.requireProfileId(), input).preview;
  }

  private prepare(profileId: string, input: ActionPreviewInput): PreparedAction {
    if (input.kind === 'cancel_channel') return this.requests.cancelChannel(profileId, input.channelId);
    if (input.kind === 'set_max_channels') return this.requests.setMaxChannels(profileId, input.clientId, input.maxChannels);
    if (input.kind === 'withdraw_cancellation') return this.lifecycle.withdrawCancellation(profileId, input.channelId);
    if (input.kind === 'set_partner_payload') return this.lifecycle.setPartnerPayload(profileId, input.clientId, input.partnerPayload);
    if (input.kind === 'set_partner_settings') {
      const partnerId = this.deps.session.activeProfileRow()?.partner_id;
      if (!partnerId) throw new AppError('not_signed_in', 'No partner profile is signed in. Sign in, or explore the demo data.');
      return this.lifecycle.setPartnerSettings(profileId, partnerId, { webhookUrl: input.webhookUrl, redirectUrl: input.redirectUrl });
    }
    return this.requests.generateApiKey(profileId, input.channelId);
  }

  /** Queues the action (refused without the confirmation it needs) and lets the runner send it. */
  enqueue(input: ActionPreviewInput, confirmed: boolean): OutboxAction {
    const profileId = this.requireProfileId();
    const prepared = this.prepare(profileId, input);
    if (prepared.existing) return toOutboxAction(prepared.existing);
    if (prepared.preview.confirmationRequired && !confirmed) {
      throw new AppError('invalid_input', `${prepared.preview.message} This needs your explicit confirmation.`);
    }
    const old = prepared.supersedes;
    const stored = this.deps.store.insert(prepared.action, old ? () => this.deps.store.transition(old, { to: 'cancelled' }) : undefined);
    this.changed(profileId);
    this.runner.poke();
    return toOutboxAction(stored);
  }

  private requireAction(id: string): StoredAction {
    const action = this.deps.store.get(id);
    if (!action || action.profileId !== this.deps.session.activeProfileRow()?.id)
      throw new AppError('not_found', `There is no queued action ${id} for the signed-in profile.`);
    return action;
  }

  /** Sends a failed action again, or a conflicting one anyway (with the server's value as the new "seen"). */
  retry(id: string): OutboxAction {
    const action = this.requireAction(id);
    const retryable = action.state === 'failed' || (action.state === 'conflict' && action.conflict?.retryable === true);
    if (!retryable)
      throw new AppError(
        'invalid_input',
        `This action is ${action.state}${action.state === 'conflict' ? ' and cannot be sent anyway; discard it' : ''}; only a failed action or a changed value in conflict can be retried.`,
      );
    const server = Number(action.conflict?.server);
    const rebased = ACTION_HANDLERS[action.kind].retrySeen;
    const seen =
      action.state !== 'conflict'
        ? undefined
        : rebased
          ? rebased(this.deps.records, action)
          : Number.isInteger(server) && action.seen
            ? { ...action.seen, maxChannels: server }
            : undefined;
    const moved = this.deps.store.transition(action, {
      to: 'queued',
      nextAttemptAt: this.deps.now(),
      error: action.lastError,
      uncertain: false,
      ...(seen ? { seen } : {}),
    });
    if (!moved) throw new AppError('conflict', 'The action changed meanwhile; look at the queue again.');
    this.changed(action.profileId);
    this.runner.poke();
    return toOutboxAction(moved);
  }

  /** Cancels an action not yet sent, or discards a failed or conflicting one. */
  cancel(id: string): OutboxAction {
    const action = this.requireAction(id);
    if (action.state === 'sending' || (action.state === 'queued' && action.uncertain)) {
      throw new AppError(
        'conflict',
        'This action may already have reached the 360dialog Hub; it cannot be cancelled until its outcome is known.',
      );
    }
    if (action.state === 'done' || action.state === 'cancelled')
      throw new AppError('invalid_input', `This action is already ${action.state}.`);
    const moved = this.deps.store.transition(action, { to: 'cancelled' });
    if (!moved) throw new AppError('conflict', 'The action changed meanwhile (it may be on its way); look at the queue again.');
    this.changed(action.profileId);
    return toOutboxAction(moved);
  }

  /** Replays now: the pause is lifted (the user asks), backoffs are skipped, Retry-After is honoured. */
  async push(): Promise<PushResult> {
    const profileId = this.requireProfileId();
    this.runner.resume();
    this.deps.store.skipBackoff(profileId, this.runner.settleMs);
    const report = await this.runner.flush();
    const status = this.statusOf(profileId);
    return {
      ...status,
      attempted: report.attempted,
      message: describePush(status, report, this.deps.store.list(profileId, { openOnly: true, limit: 20 })),
    };
  }

  health(channelId: string, check: boolean): Promise<ChannelHealth> {
    return this.checks.health(this.requireProfileId(), channelId, check);
  }

  apiKeyInfo(channelId: string): Promise<ApiKeyInfo> {
    return this.checks.apiKeyInfo(this.requireProfileId(), channelId);
  }

  copyApiKey(channelId: string): Promise<CopyApiKeyResult> {
    return this.checks.copyApiKey(this.requireProfileId(), channelId);
  }

  overlays(profileId: string, targets: readonly string[]): Map<string, PendingOverlay> {
    return overlaysFor(this.deps.store.db, profileId, targets);
  }

  /** After a sync committed: announce the actions its check moved (it ran in the sync's worker), then replay the queue. */
  afterSync(profileId: string, actionsChecked: number): void {
    if (actionsChecked > 0) this.changed(profileId);
    this.runner.connectionBack();
  }

  /** The OS signal (Electron's net module, the browser's online/offline events in web mode). */
  /**
   * The connection changed: back online (after being offline, the Hub unavailable, or a refused key
   * replaced) lifts a 401 pause and sends what waited for it, at once; gone, the runner stops trying.
   */
  connectionChanged(status: ConnectionState['status'], previous: ConnectionState['status']): void {
    if (status === 'connected') {
      this.runner.resume();
      if (previous !== 'connected') this.runner.networkChanged(true);
    } else if (status === 'offline' || status === 'hub_unavailable') {
      this.runner.networkChanged(false);
    }
  }

  close(): void {
    this.runner.close();
  }
}
