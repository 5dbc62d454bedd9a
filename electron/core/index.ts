/**
 * createCore: the composition root. Everything the app does is built here from collaborators the
 * caller provides (data dir, secret store, fetch, clock, logger), so tests pass real ones (a real
 * SQLite file, a real HTTP server, the real keychain) instead of mocking modules.
 */
import path from 'node:path';
import type Database from 'better-sqlite3';
import { createDispatch, type Dispatch, type Handlers } from '@shared/dispatch';
import type { AppInfo, ConnectionState } from '@shared/contract';
import { defaultHubUrl } from './config';
import { CoreEvents } from './events';
import { headlessDesktop, type DesktopIntegration } from './desktop';
import { headlessAppShell, type AppShell } from './app-shell';
import { createHandlers } from './handlers';
import { ChannelExporter } from './export/channel-exporter';
import { silentLogger, type Logger } from './log';
import { ProfileRepository } from './profiles/profile-repository';
import type { SecretStore } from './secrets/secret-store';
import { createDemoConnector, type DemoConnector } from './session/demo-connector';
import { syncConnectionEvent } from './session/connection-machine';
import { SessionService } from './session/session-service';
import { openStore, repairDatabase, startStoreUpkeep, storeStatus } from './store/open-store';
import { repairMessage } from './store/repair';
import type { StoreGuard } from './store/store-guard';
import { AppError } from '@shared/errors';
import type { RepairResult, StoreStatus } from '@shared/store';
import type { DemoHubOptions } from '@demo-hub';
import { AccountsService } from './accounts/accounts-service';
import { WorkspaceService } from './accounts/workspace-service';
import { BulkActions } from './outbox/bulk-actions';
import { BookQueries } from './store/book-queries';
import { HistoryQueries } from './store/history-queries';
import { InsightsService } from './insights/insights-service';
import { InsightsStore } from './insights/insights-store';
import { ChannelQueries } from './store/channel-queries';
import { ClientQueries } from './store/client-queries';
import { NotificationStore } from './store/notification-store';
import { RecordTableWriter } from './store/record-tables';
import { startCheckpoints } from './store/checkpoints';
import { SearchIndexWorker } from './store/search-index-host';
import { SyncRunStore } from './store/sync-run-store';
import { CHANNEL_COLUMNS, CLIENT_COLUMNS } from './sync/record-rows';
import { SyncEngine } from './sync/sync-engine';
import { WorkerSyncRunner } from './sync/worker/sync-worker-host';
import { refreshDerived } from './sync/refresh-derived';
import { ChannelKeyStore, HealthStore, LocalRecords, OutboxService, OutboxStore } from './outbox';
import type { PartnerApi } from './api';
import { startBackgroundWork, type BackgroundWork } from './sync/background-work';
import { OnboardingService } from './onboarding/onboarding-service';
import { PartnerSettingsService } from './onboarding/partner-settings';
import { dashboardOriginFor } from './onboarding/permission-link';
import type { SyncScheduler } from './sync/sync-scheduler';

export interface CoreOptions {
  dataDir: string;
  secrets: SecretStore;
  fetch?: typeof fetch;
  /** Milliseconds since the epoch. */
  clock?: () => number;
  log?: Logger;
  runMode: AppInfo['runMode'];
  appVersion: string;
  /** Partner API base URL for new sign-ins (PARTNER_DESK_HUB_URL or the real Hub). */
  hubUrl?: string;
  /** This run's Hub address for every (non-demo) profile, instead of the address stored at sign-in (CLI and web mode: --hub-url). */
  hubUrlOverride?: string;
  /** Electron's build of the better-sqlite3 binding. */
  sqliteNativeBinding?: string;
  demo?: { hub?: DemoHubOptions; externalUrl?: string };
  /** Save dialog, reveal in folder, clipboard, OS notifications (Electron); headless otherwise. */
  desktop?: DesktopIntegration;
  /** Updates and the data folder (Electron's main process); headless otherwise. */
  shell?: AppShell;
  /** Sync the active profile in the background (the app and web mode; not the CLI or tests). */
  backgroundSync?: boolean | { intervalMs?: number; firstDelayMs?: number };
  /** Replay the offline outbox in the background (timer, network and sync signals); default: with backgroundSync. */
  backgroundOutbox?: boolean;
  /** How long an unanswered request may still land at the server before the outbox looks again (default 5 s). */
  outboxSettleMs?: number;
  /** The user's locale (Electron: app.getLocale()); picks the CSV export's separator. Default: LC_ALL/LC_NUMERIC/LANG, else en-US. */
  locale?: string;
  /** Per-request timeout of a sync's listing (ms); the CLI shortens it. */
  syncTimeoutMs?: number;
  /** Check the active profile's connection at start (default); the CLI does not, its cache commands never touch the network. */
  checkConnection?: boolean;
  /**
   * Starts the app again with a fresh core after a repair replaced the database (the desktop app
   * relaunches, web mode rebuilds its core); returns false where that is not possible.
   */
  restart?: () => boolean;
  /** When the daily integrity check and backup first run (ms after start; default 60 s). */
  upkeepFirstDelayMs?: number;
}

export interface Core {
  readonly dataDir: string;
  readonly databaseFile: string;
  readonly db: Database.Database;
  readonly events: CoreEvents;
  readonly session: SessionService;
  readonly demo: DemoConnector;
  readonly accounts: AccountsService;
  readonly insights: InsightsService;
  readonly exporter: ChannelExporter;
  /** The offline outbox; the shell tells it about the OS network state (`session.networkChanged`). */
  readonly outbox: OutboxService;
  /** The partner's public settings (webhook and redirect URLs), kept for offline use. */
  readonly partnerSettings: PartnerSettingsService;
  /** Permission links and the redirects that answer them. */
  readonly onboarding: OnboardingService;
  readonly sync: SyncEngine;
  /** Channel queries (and their in-memory search copy, where the core keeps one). */
  readonly channels: ChannelQueries;
  readonly scheduler: SyncScheduler | null;
  readonly handlers: Handlers;
  readonly dispatch: Dispatch;
  readonly log: Logger;
  readonly desktop: DesktopIntegration;
  /** Settles when rows written by older rules have been re-derived (at once when there were none). */
  readonly derived: Promise<unknown>;
  /** The database's guard: damage found anywhere stops every write (store/store-guard.ts). */
  readonly storeGuard: StoreGuard;
  /** The database's health, and what a repair would keep. */
  storeStatus(): StoreStatus;
  /** Repairs a damaged database (closes this core first; store/repair.ts). */
  repairStore(): Promise<RepairResult>;
  close(): void;
}

export const DATABASE_FILE_NAME = 'partner-desk.sqlite';
/** Requests a core with a damaged database still answers (store/store-guard.ts). */
const ANSWERED_WHEN_DAMAGED: ReadonlySet<string> = new Set([
  'app.info',
  'app.updateStatus',
  'app.checkForUpdates',
  'app.installUpdate',
  'app.revealDataFolder',
  'session.get',
  'store.status',
  'store.repair',
  'export.reveal',
]);
const KEYCHAIN_PROBE_WAIT_MS = 1_500;

export async function createCore(options: CoreOptions): Promise<Core> {
  const log = options.log ?? silentLogger;
  const now = options.clock ?? Date.now;
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const desktop = options.desktop ?? headlessDesktop();
  const databaseFile = path.join(options.dataDir, DATABASE_FILE_NAME);
  const nativeBinding = options.sqliteNativeBinding ? { nativeBinding: options.sqliteNativeBinding } : {};
  // The in-memory search copy is built by its own worker thread, which also checks and backs up the
  // database. A CLI process answers one query and exits: building the copy (~100 ms) would cost
  // more than one SQL scan.
  const searchIndex = options.runMode === 'cli' ? null : new SearchIndexWorker({ databaseFile, ...nativeBinding });
  const store = await openStore({
    file: databaseFile,
    appVersion: options.appVersion,
    kind: options.runMode,
    ...nativeBinding,
    // A CLI command reads much once and ends: through a memory map (see openDatabase).
    ...(options.runMode === 'cli' ? { mmapBytes: 256 * 1024 * 1024 } : {}),
    worker: searchIndex,
    log,
    now,
  });
  const db = store.db;
  const guard = store.guard;

  const events = new CoreEvents(log);
  const profiles = new ProfileRepository(db, now);
  const demo = createDemoConnector({ ...options.demo, fetch: fetchImpl });
  const session = new SessionService({
    profiles,
    secrets: options.secrets,
    events,
    log,
    fetch: fetchImpl,
    now,
    defaultHubUrl: options.hubUrlOverride ?? options.hubUrl ?? defaultHubUrl(),
    ...(options.hubUrlOverride ? { hubUrlOverride: options.hubUrlOverride } : {}),
    demo,
    onConnectionChange: (state, previous) => connectionChanged(state.status, previous),
  });

  const clientQueries = new ClientQueries(db);
  const notifications = new NotificationStore(db);
  const writers = {
    clients: new RecordTableWriter(db, 'clients', CLIENT_COLUMNS),
    channels: new RecordTableWriter(db, 'channels', CHANNEL_COLUMNS),
  };
  // Rows derived by older rules are rebuilt from their raw JSON: before a CLI command answers (it
  // answers once and exits), in the background for the app and web mode (their lists are up at once;
  // filters and counts catch up within seconds, once per new version of the rules).
  const derived = refreshDerived(db, writers, log).catch((error: unknown) => {
    log.error('re-deriving stored records failed; the next start tries again', {
      error: error instanceof Error ? error.message : String(error),
    });
    return null;
  });
  if (options.runMode === 'cli') await derived;
  // Built before the sync, which consults it while writing; it reaches the accounts (below) only when sending.
  const outboxStore = new OutboxStore(db, now);
  const localRecords = new LocalRecords(db, writers, (profileId, at, notification) => {
    notifications.add(profileId, at, notification);
    // Written inside the action's transaction; tell listeners once it has committed.
    queueMicrotask(() => events.emit('notifications.changed', { profileId }));
  });
  const channelKeys = new ChannelKeyStore(db, options.secrets);
  const outbox: OutboxService = new OutboxService({
    store: outboxStore,
    records: localRecords,
    keys: channelKeys,
    health: new HealthStore(db),
    session,
    partnerApi: (profile, overrides): Promise<PartnerApi> => accounts.api(profile, overrides),
    events,
    desktop,
    log,
    now,
    ...(options.outboxSettleMs !== undefined ? { settleMs: options.outboxSettleMs } : {}),
  });
  const channelQueries = new ChannelQueries(db, {
    ...(searchIndex ? { searchIndex, offThread: searchIndex } : {}),
    log: (message, fields) => log.warn(message, fields),
  });
  const sync = new SyncEngine({
    runs: new SyncRunStore(db),
    runner: new WorkerSyncRunner({
      databaseFile,
      log,
      ...(options.sqliteNativeBinding ? { nativeBinding: options.sqliteNativeBinding } : {}),
      ...(options.syncTimeoutMs !== undefined ? { timeoutMs: options.syncTimeoutMs } : {}),
    }),
    clientQueries,
    events,
    log,
    now,
    onSucceeded: (profileId, actionsChecked) => outbox.afterSync(profileId, actionsChecked),
    onSnapshot: (profileId, runId, snapshot) => channelQueries.offer(profileId, runId, snapshot),
    onChannelsChanged: (profileId) => channelQueries.refresh(profileId),
    onFinished: (profileId, outcome, startedAt) => {
      if (profileId !== session.activeProfileRow()?.id) return;
      const event = syncConnectionEvent(outcome, startedAt, now());
      if (event) session.connection.apply(event);
    },
  });
  const accounts = new AccountsService({
    session,
    engine: sync,
    channels: channelQueries,
    clients: clientQueries,
    notifications,
    events,
    log,
    now,
    overlays: outbox,
  });
  // Back online (or a refused key replaced): the queue goes at once, and a sync that failed for want
  // of the Hub runs again (in processes that sync in the background).
  function connectionChanged(status: ConnectionState['status'], previous: ConnectionState['status']): void {
    outbox.connectionChanged(status, previous);
    const recovered = status === 'connected' && (previous === 'offline' || previous === 'hub_unavailable' || previous === 'key_rejected');
    if (recovered && options.backgroundSync && accounts.syncStatus().state !== 'succeeded') {
      void accounts
        .syncNow()
        .catch((error: unknown) => log.info('sync after the connection came back did not run', { error: String(error) }));
    }
  }

  const insights = new InsightsService({
    store: new InsightsStore(db),
    activeProfileId: () => accounts.activeProfileId(),
    active: () => accounts.activeApi(),
    isOffline: () => session.isUnreachable(),
    events,
    now,
    log,
  });

  // The keychain may sit behind an unlock prompt or a slow Secret Service: app.info waits for it a
  // moment and then answers "not known yet" (null), so the window never waits on it.
  let keychainProbe: Promise<boolean> | null = null;
  const keychainAvailable = (): Promise<boolean | null> => {
    keychainProbe ??= options.secrets.isAvailable();
    return Promise.race([keychainProbe, new Promise<null>((resolve) => setTimeout(resolve, KEYCHAIN_PROBE_WAIT_MS, null).unref())]);
  };
  const shell = options.shell ?? headlessAppShell(options.appVersion);

  const activeProfile = () => session.activeProfileRow();
  const partnerSettings = new PartnerSettingsService({
    records: localRecords,
    outbox: outboxStore,
    profile: () => {
      const profile = activeProfile();
      return profile ? { id: profile.id, partnerId: profile.partner_id } : null;
    },
    api: () => {
      const profile = activeProfile();
      if (!profile) return Promise.reject(new Error('not signed in'));
      return accounts.api(profile, { retry: { maxAttempts: 1 }, timeoutMs: 15_000 });
    },
    isOffline: () => session.isUnreachable(),
    now,
    log,
  });
  const onboarding = new OnboardingService({
    db,
    records: localRecords,
    accounts,
    keys: channelKeys,
    outbox: outboxStore,
    settings: partnerSettings,
    notifications,
    events,
    profile: activeProfile,
    dashboardOrigin: (profile) =>
      profile.auth_method === 'demo' ? demo.dashboardOrigin() : Promise.resolve(dashboardOriginFor(profile.hub_url)),
    // The CLI syncs in the foreground when it needs to; a background sync would outlive its database.
    ...(options.runMode === 'cli'
      ? {}
      : {
          startSync: () =>
            void accounts.syncNow().catch((error: unknown) => log.info('sync after a redirect did not run', { error: String(error) })),
        }),
    now,
    log,
  });
  // A sync that brought new records may answer a permission link (whoever started it).
  let lastSyncSeen: string | null = null;
  events.on('sync.status', (status) => {
    if (status.state !== 'succeeded' || !status.profileId || status.lastSucceededAt === lastSyncSeen) return;
    lastSyncSeen = status.lastSucceededAt;
    try {
      onboarding.afterSync(status.profileId);
    } catch (error) {
      log.error('onboarding check after sync failed', { error: error instanceof Error ? error.message : String(error) });
    }
  });

  const appInfo = async (): Promise<AppInfo> => ({
    name: 'Partner Desk',
    version: options.appVersion,
    runMode: options.runMode,
    dataDir: options.dataDir,
    keychainAvailable: await keychainAvailable(),
    notices: shell.notices(),
  });
  const exporter = new ChannelExporter({
    databaseFile,
    ...(options.sqliteNativeBinding ? { sqliteNativeBinding: options.sqliteNativeBinding } : {}),
    activeProfileId: () => accounts.activeProfileId(),
    lastSyncedAt: () => accounts.syncStatus().lastSucceededAt,
    desktop,
    ...(options.locale ? { locale: options.locale } : {}),
    guard,
    now,
    log,
  });

  const currentStoreStatus = (): StoreStatus => storeStatus(databaseFile, guard.damaged ?? guard.checkMarker(true), nativeBinding);
  let closed = false;
  const repairStore = async (): Promise<RepairResult> => {
    if (!guard.damaged && !guard.checkMarker(true)) {
      throw new AppError('conflict', `The database ${databaseFile} is not damaged: there is nothing to repair.`);
    }
    log.warn('repairing the database', { file: databaseFile });
    close();
    const report = repairDatabase(databaseFile, { ...nativeBinding, now });
    log.info('database repaired', { movedTo: report.movedTo, restored: report.restored, rejected: report.rejected });
    const restarting = options.restart?.() ?? false;
    return {
      movedTo: report.movedTo,
      restored: report.restored,
      rejected: report.rejected,
      restarting,
      message: repairMessage(report, restarting),
    };
  };

  const workspace = new WorkspaceService({
    activeProfileId: () => accounts.activeProfileId(),
    lastSucceededAt: () => accounts.syncStatus().lastSucceededAt,
    history: new HistoryQueries(db),
    book: new BookQueries(db),
    ...(searchIndex ? { computeOverview: (profileId: string, asOf: string | null) => searchIndex.overview(profileId, asOf) } : {}),
    bulk: new BulkActions({
      db,
      store: outboxStore,
      requests: outbox.requests,
      records: localRecords,
      queued: (profileId) => {
        events.emit('outbox.changed', outbox.statusOf(profileId));
        outbox.runner.poke();
      },
    }),
  });
  const handlers = createHandlers({
    session,
    accounts,
    insights,
    exporter,
    outbox,
    partnerSettings,
    onboarding,
    workspace,
    appInfo,
    shell,
    store: { status: currentStoreStatus, repair: repairStore },
  });
  const contract = createDispatch(handlers, {
    onUnexpectedError: (name, error) =>
      log.error('request failed unexpectedly', {
        request: name,
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      }),
  });
  // A damaged store answers only what the window needs to say so and to repair it; anything else
  // would read an incomplete copy or be refused its write, so it gets the damage message at once.
  const dispatch: Dispatch = async (name, input) => {
    const damage = guard.damaged ?? guard.checkMarker();
    if (damage && !ANSWERED_WHEN_DAMAGED.has(name)) return { ok: false, error: guard.refusal(damage).toInfo() };
    return contract(name, input);
  };

  await session.restore({ checkConnection: options.checkConnection ?? true });
  // Built on the stand-in of a damaged file: from now on it refuses writes like the file would.
  if (store.standIn) guard.arm(db);
  const background: BackgroundWork | null = options.backgroundSync
    ? startBackgroundWork({ accounts, insights, events, log, ...(options.backgroundSync === true ? {} : options.backgroundSync) })
    : null;
  const scheduler = background?.scheduler ?? null;
  if (options.backgroundOutbox ?? Boolean(options.backgroundSync)) outbox.runner.start();
  const stopCheckpoints = searchIndex
    ? startCheckpoints({
        walFile: `${databaseFile}-wal`,
        checkpoint: () => (guard.damaged || guard.checkMarker() ? Promise.resolve() : searchIndex.checkpoint()),
        log,
      })
    : () => undefined;
  const stopUpkeep =
    searchIndex && !store.standIn
      ? startStoreUpkeep({
          file: databaseFile,
          guard,
          worker: searchIndex,
          appVersion: options.appVersion,
          log,
          now,
          ...(options.upkeepFirstDelayMs !== undefined ? { firstDelayMs: options.upkeepFirstDelayMs } : {}),
        })
      : () => undefined;

  // Damage found anywhere (a statement here, the sync worker, the daily check, another process):
  // nothing more is written; the window is told what happened and what a repair keeps.
  const quietly = (what: string, step: () => void): void => {
    try {
      step();
    } catch (error) {
      log.debug(`${what} skipped`, { error: error instanceof Error ? error.message : String(error) });
    }
  };
  const onDamaged = (): void => {
    log.error('database damaged: writes stopped', { file: databaseFile, reason: guard.damaged?.reason });
    quietly('stopping background work', () => background?.stop());
    // Its lease is a row it would write as it lets go: refused now, and that is fine.
    quietly('stopping the outbox', () => outbox.runner.close());
    stopCheckpoints();
    stopUpkeep();
    queueMicrotask(() => {
      try {
        events.emit('store.changed', currentStoreStatus());
      } catch (error) {
        log.error('could not describe the damaged database', { error: error instanceof Error ? error.message : String(error) });
      }
    });
  };
  guard.onDamaged(onDamaged);
  if (guard.damaged) onDamaged();
  // The sync worker found damage on its own connection: it marked the file; take that up here now.
  events.on('sync.status', (status) => {
    if (status.state === 'failed' && status.error?.code === 'database_corrupt') guard.checkMarker(true);
  });
  log.info('core started', {
    dataDir: options.dataDir,
    runMode: options.runMode,
    ...(store.checked ? { checkedAtOpen: store.checked } : {}),
  });

  function close(): void {
    if (closed) return;
    closed = true;
    // Each step on its own: on a damaged file the ones that would write are refused, and the rest still run.
    quietly('closing the session', () => session.close());
    stopCheckpoints();
    stopUpkeep();
    quietly('stopping background work', () => background?.stop());
    quietly('closing the outbox', () => outbox.close());
    searchIndex?.close();
    void demo.close();
    if (db.open) {
      // Leaving: what this process wrote goes from the WAL into the database now (it may wait
      // here); never into a damaged file (the guard refuses, and its close skips the checkpoint).
      if (!guard.damaged) {
        try {
          db.pragma('wal_checkpoint(PASSIVE)');
        } catch {
          // Another process may hold the database; its own checkpoints will do.
        }
      }
      db.close();
    }
    store.release();
  }

  return {
    dataDir: options.dataDir,
    databaseFile,
    db,
    events,
    session,
    demo,
    accounts,
    insights,
    exporter,
    outbox,
    partnerSettings,
    onboarding,
    sync,
    channels: channelQueries,
    scheduler,
    handlers,
    dispatch,
    log,
    desktop,
    derived,
    storeGuard: guard,
    storeStatus: currentStoreStatus,
    repairStore,
    close,
  };
}
